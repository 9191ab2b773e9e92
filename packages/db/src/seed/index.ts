import { and, eq } from 'drizzle-orm';
import { createTenantWithOwner, normalizeEmail } from '../accounts';
import type { Database } from '../database';
import { aiPersonalities, knowledgeDocuments, tenants, users, widgets } from '../schema';
import { demoDocuments } from './demo-knowledge';

export const DEMO_EMAIL = 'admin@acme.test';
// A development-only credential, printed when `pnpm dev` starts.
export const DEMO_PASSWORD = 'acme-demo-password';
export const DEMO_TENANT_NAME = 'Acme Corporation';
/** Fixed so the demo host page and browser tests can embed the widget without a lookup. */
export const DEMO_WIDGET_ID = '5eed0000-0000-4000-8000-000000000001';
export const DEMO_WIDGET_ORIGINS = [
  'http://localhost:3000',
  'http://127.0.0.1:3000',
  'http://localhost:4100',
  'http://127.0.0.1:4100',
  'http://localhost:5173',
];

export interface DemoSeed {
  tenantId: string;
  tenantName: string;
  email: string;
  password: string;
  widgetId: string;
  createdTenant: boolean;
}

/** Who the demo tenant is. Tests on a shared database pass their own (`uniqueDemo()`). */
export interface DemoIdentity {
  email: string;
  widgetId: string;
}

/**
 * Idempotent demo data. The tenant and owner come from the normal sign-up path, everything else
 * through `withTenant`, so RLS is never disabled (the seed schema's 004/005 scripts did).
 */
export async function seedDemo(
  db: Database,
  identity: DemoIdentity = { email: DEMO_EMAIL, widgetId: DEMO_WIDGET_ID },
): Promise<DemoSeed> {
  const email = normalizeEmail(identity.email);
  const widgetId = identity.widgetId;
  const existing = await db.asSystem('seed', async (tx) => {
    const [row] = await tx
      .select({ tenantId: users.tenantId })
      .from(users)
      .where(eq(users.email, email));
    return row;
  });
  const createdTenant = !existing;
  const tenantId =
    existing?.tenantId ??
    (
      await createTenantWithOwner(db, {
        tenantName: DEMO_TENANT_NAME,
        email,
        password: DEMO_PASSWORD,
        ownerName: 'Alex Admin',
        plan: 'business',
        settings: {
          maxMonthlySpend: 1000,
          allowedDomains: DEMO_WIDGET_ORIGINS,
          features: ['chat', 'meetings', 'knowledge-base'],
          budgets: { daily: 50, weekly: 250, monthly: 1000, warningAt: 0.8 },
        },
      })
    ).tenant.id;

  await db.withTenant(tenantId, async (tx) => {
    await tx
      .insert(widgets)
      .values({
        id: widgetId,
        tenantId,
        name: 'Main website widget',
        domainWhitelist: DEMO_WIDGET_ORIGINS,
        settings: {
          theme: 'auto',
          position: 'bottom-right',
          greeting: 'Hi! Ask me about shipping, returns or the Rocket Skates.',
          primaryColor: '#4f46e5',
          secondaryColor: '#eef2ff',
        },
      })
      .onConflictDoNothing();

    const [personality] = await tx
      .select({ id: aiPersonalities.id })
      .from(aiPersonalities)
      .where(eq(aiPersonalities.isDefault, true));
    if (!personality) {
      await tx.insert(aiPersonalities).values({
        tenantId,
        name: 'Helpful Assistant',
        description: 'A friendly and knowledgeable assistant',
        systemPrompt:
          'You are a helpful assistant for Acme Corporation. Answer only from the provided knowledge, be friendly and concise, and say so when you do not know.',
        temperature: '0.7',
        maxTokens: 800,
        isDefault: true,
        isActive: true,
      });
    }

    for (const doc of demoDocuments) {
      const [found] = await tx
        .select({ id: knowledgeDocuments.id })
        .from(knowledgeDocuments)
        .where(
          and(eq(knowledgeDocuments.tenantId, tenantId), eq(knowledgeDocuments.title, doc.title)),
        );
      if (found) continue;
      await tx.insert(knowledgeDocuments).values({
        tenantId,
        title: doc.title,
        content: doc.content,
        category: doc.category,
        // Ingestion (packages/rag) picks up pending documents and adds their chunks.
        metadata: { source: 'demo', mimeType: 'text/markdown', status: 'pending' },
      });
    }
  });

  const [tenant] = await db.withTenant(tenantId, (tx) =>
    tx.select({ name: tenants.name }).from(tenants),
  );
  return {
    tenantId,
    tenantName: tenant?.name ?? DEMO_TENANT_NAME,
    email,
    password: DEMO_PASSWORD,
    widgetId,
    createdTenant,
  };
}
