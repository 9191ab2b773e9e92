import { defineConfig } from 'vite';

/** The loader: one framework-free IIFE at a stable URL (`/embed.js`), budget 3 KB gzip. */
export default defineConfig({
  esbuild: { legalComments: 'none' },
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2019',
    minify: 'esbuild',
    lib: {
      entry: 'src/loader/embed.ts',
      formats: ['iife'],
      name: 'PlatformWidgetLoader',
      fileName: () => 'embed.js',
    },
  },
});
