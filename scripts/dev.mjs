#!/usr/bin/env node
// `pnpm dev`: the embedded database (or DATABASE_URL), seeded, and the apps in development mode.
import './stack.mjs';
