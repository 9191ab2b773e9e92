import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'ui',
    include: ['src/**/*.test.{ts,tsx}'],
    // Component tests render into happy-dom; plain .ts tests do not need a DOM but it costs little.
    environment: 'happy-dom',
  },
});
