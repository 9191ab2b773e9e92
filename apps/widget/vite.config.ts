import { defineConfig } from 'vite';

/**
 * The chat frame: a small Preact app in its own document (served by apps/web at /widget/), so the
 * host page's CSS cannot reach it and its CSS cannot reach the host page.
 * The loader (embed.js) is built separately by vite.loader.config.ts.
 */
export default defineConfig({
  base: '/widget/',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact', legalComments: 'none' },
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2020',
    modulePreload: { polyfill: false },
    cssCodeSplit: false,
    rollupOptions: { input: { frame: 'frame.html' } },
  },
});
