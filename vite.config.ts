import { defineConfig } from 'vite';

// The dashboard: Preact + uPlot, built into dist/web and served by `empreinte serve`.
// Everything is bundled (no CDN): the dashboard works offline from the package.
export default defineConfig({
  root: 'web',
  base: './',
  publicDir: 'public',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    target: 'es2022',
    assetsInlineLimit: 0,
    reportCompressedSize: false,
    sourcemap: false,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8080', '/openapi.json': 'http://127.0.0.1:8080' },
  },
});
