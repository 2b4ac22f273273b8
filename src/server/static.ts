import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Context } from 'hono';

/**
 * The built dashboard, served from memory. Every file under the web root is listed once at start
 * (a few hundred KB): a request can only ever get one of those files, so no URL — `..`, encoded
 * slashes, absolute paths — reaches anything else on disk. Hashed assets are cached for a year,
 * `index.html` is revalidated on every load; text files are gzipped once, up front.
 */
interface Asset {
  body: Buffer;
  gzip?: Buffer;
  type: string;
  etag: string;
  cacheControl: string;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.svg', '.txt', '.webmanifest']);
/** Vite names built assets `name-<hash>.ext` under assets/: their content never changes. */
const HASHED = /^assets\/.+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;
/** The dashboard talks only to its own origin; no inline script, no framing. */
const HTML_HEADERS = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
  'X-Frame-Options': 'DENY',
};

export interface StaticSite {
  /** Answers GET/HEAD for a dashboard file, or undefined when there is none at that path. */
  serve(c: Context): Response | undefined;
  readonly files: number;
}

export function loadStaticSite(root: string | undefined): StaticSite {
  const assets = new Map<string, Asset>();
  if (root)
    for (const file of listFiles(root))
      assets.set(`/${relative(root, file).split(sep).join('/')}`, load(root, file));
  const index = assets.get('/index.html');
  if (index) assets.set('/', index);
  return {
    files: assets.size,
    serve(c) {
      const asset = assets.get(c.req.path);
      if (!asset) return undefined;
      const headers: Record<string, string> = {
        'Content-Type': asset.type,
        'Cache-Control': asset.cacheControl,
        ETag: asset.etag,
        Vary: 'Accept-Encoding',
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
      };
      if (asset.type.startsWith('text/html')) Object.assign(headers, HTML_HEADERS);
      if (c.req.header('if-none-match') === asset.etag) return new Response(null, { status: 304, headers });
      const gzip = asset.gzip && /\bgzip\b/.test(c.req.header('accept-encoding') ?? '');
      const body = gzip ? asset.gzip! : asset.body;
      if (gzip) headers['Content-Encoding'] = 'gzip';
      headers['Content-Length'] = String(body.length);
      return new Response(c.req.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
    },
  };
}

function load(root: string, file: string): Asset {
  const body = readFileSync(file);
  const ext = extname(file).toLowerCase();
  const path = relative(root, file).split(sep).join('/');
  const gzip = COMPRESSIBLE.has(ext) && body.length > 512 ? gzipSync(body, { level: 9 }) : undefined;
  return {
    body,
    gzip: gzip && gzip.length < body.length ? gzip : undefined,
    type: TYPES[ext] ?? 'application/octet-stream',
    etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
    cacheControl: HASHED.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache',
  };
}

function listFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    if (name.startsWith('.')) return [];
    const path = join(dir, name);
    const stat = statSync(path);
    return stat.isDirectory() ? listFiles(path) : stat.isFile() ? [path] : [];
  });
}
