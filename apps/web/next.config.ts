import type { NextConfig } from 'next';

const config: NextConfig = {
  // Internal packages export TypeScript source; Next compiles them.
  transpilePackages: [
    '@platform/api',
    '@platform/auth',
    '@platform/costs',
    '@platform/db',
    '@platform/errors',
    '@platform/meetings',
  ],
  // PGlite and postgres.js are server-only Node packages; keep them out of the bundle.
  serverExternalPackages: ['@electric-sql/pglite', '@electric-sql/pglite-pgvector', 'postgres'],
  typedRoutes: false,
};

export default config;
