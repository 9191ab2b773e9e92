import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  schema: './src/schema/index.ts',
  out: './migrations',
  dialect: 'postgresql',
  strict: true,
  verbose: true,
  entities: { roles: { provider: '' } },
});
