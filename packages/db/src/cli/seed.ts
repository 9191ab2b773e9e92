import { connectPostgres } from '../client';
import { databaseUrl } from '../env';
import { seedDemo } from '../seed';

/** `pnpm db:seed`: idempotent demo data on DATABASE_URL or the running embedded server. */
const db = connectPostgres(databaseUrl(), { max: 1 });
try {
  const demo = await seedDemo(db);
  console.log(
    `Demo tenant "${demo.tenantName}" ${demo.createdTenant ? 'created' : 'already present'}.`,
  );
  console.log(`Sign in as ${demo.email} / ${demo.password}; demo widget ${demo.widgetId}`);
} finally {
  await db.close();
}
