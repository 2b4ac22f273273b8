import { defineConfig, type Plugin } from 'vite';

/**
 * The entry's stylesheet inlined into index.html: the shell paints with the HTML itself, without
 * waiting for a second request (the Content-Security-Policy allows inline styles, not scripts).
 */
function inlineEntryCss(): Plugin {
  return {
    name: 'empreinte-inline-entry-css',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const bundle = ctx.bundle;
        if (!bundle) return html;
        return html.replace(/<link rel="stylesheet"[^>]*href="\.\/(assets\/[^"]+\.css)"[^>]*>/g, (tag, file) => {
          const asset = bundle[file];
          if (!asset || asset.type !== 'asset') return tag;
          delete bundle[file];
          return `<style>${String(asset.source)}</style>`;
        });
      },
    },
  };
}

// The dashboard: Preact + uPlot, built into dist/web and served by `empreinte serve`.
// Everything is bundled (no CDN): the dashboard works offline from the package.
export default defineConfig({
  root: 'web',
  base: './',
  publicDir: 'public',
  plugins: [inlineEntryCss()],
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
