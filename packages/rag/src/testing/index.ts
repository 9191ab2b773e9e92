import { randomUUID } from 'node:crypto';
import { createTenantWithOwner, type Database } from '@platform/db';
import { countTokens } from '../chunking/tokens';
import { padVector, type EmbeddingProvider } from '../embeddings';

/** A bare tenant for tests, made through the real sign-up path. */
export async function createTestTenant(db: Database, label = 'Tenant'): Promise<string> {
  const suffix = randomUUID().slice(0, 8);
  const { tenant } = await createTenantWithOwner(db, {
    tenantName: `${label} ${suffix}`,
    email: `owner-${suffix}@${label.toLowerCase().replace(/\W/g, '') || 'tenant'}.test`,
  });
  return tenant.id;
}

/**
 * An embedding provider whose vectors a test chooses (synthetic corpora, benchmarks). It stands in
 * for a model, never for our own code: ingestion and search run for real against it.
 */
export function fixedEmbedder(
  vectorFor: (text: string, purpose: 'document' | 'query') => number[],
  model = 'test/fixed',
): EmbeddingProvider {
  const [provider, modelId] = model.split('/') as [string, string];
  return {
    provider: provider as EmbeddingProvider['provider'],
    modelId: modelId ?? model,
    model,
    nativeDimensions: vectorFor('', 'query').length,
    async embed(texts, purpose) {
      return {
        vectors: texts.map((t) => padVector(vectorFor(t, purpose))),
        tokens: texts.reduce((sum, t) => sum + countTokens(t), 0),
      };
    },
  };
}

/** A seeded pseudo-random generator (mulberry32) so synthetic corpora are reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random unit vector of `dimensions` (then padded by the caller or `padVector`). */
export function randomUnitVector(random: () => number, dimensions: number): number[] {
  const v = Array.from({ length: dimensions }, () => random() * 2 - 1);
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
}
