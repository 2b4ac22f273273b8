// The dashboard's first contentful paint in headless Chromium, as a ratio against a static hello page
// served by the same server in the same run (ratios hold on a noisy machine). Needs a build (npm run
// bench builds first); BENCH_WEB_ROOT measures another build of the dashboard instead of dist/web.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { startServer } from '../src/server/index.js';
import { launchChromium } from '../test/e2e/_browser.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 25);
const built = process.env.BENCH_WEB_ROOT || fileURLToPath(new URL('../dist/web/', import.meta.url));
if (!existsSync(join(built, 'index.html'))) {
  console.log(`no dashboard build in ${built}: run npm run build first`);
  process.exit(1);
}

const HELLO =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>hello</title></head><body><p>Hello</p></body></html>\n';

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** First contentful paint, ms from navigation start (the Performance API's `paint` entry). */
const FCP_SCRIPT = `new Promise((resolve) => {
  const find = () => performance.getEntriesByName('first-contentful-paint')[0];
  if (find()) return resolve(find().startTime);
  new PerformanceObserver(() => find() && resolve(find().startTime)).observe({ type: 'paint', buffered: true });
})`;
/** When the page's own heading is in the DOM (the app has loaded its code and rendered). */
const HEADING_SCRIPT = `new Promise((resolve) => {
  const check = () => document.querySelector('main h1') ? resolve(performance.now()) : requestAnimationFrame(check);
  check();
})`;

/** One cold load (a new browser context: empty cache) of `url`; FCP and, for the dashboard, its heading. */
async function load(browser: Browser, url: string, heading: boolean) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'commit' });
  const fcp = (await page.evaluate(FCP_SCRIPT)) as number;
  const rendered = heading ? ((await page.evaluate(HEADING_SCRIPT)) as number) : Number.NaN;
  await context.close();
  return { fcp, rendered };
}

function bundle(dir: string): string {
  const assets = join(dir, 'assets');
  const files = readdirSync(assets).filter((f) => f.endsWith('.js'));
  const gz = (f: string) => gzipSync(readFileSync(join(assets, f)), { level: 9 }).length;
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const entry = /<script type="module"[^>]*src="\.\/assets\/([^"]+)"/.exec(html)?.[1];
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  const total = files.reduce((s, f) => s + gz(f), 0);
  return `JavaScript gzipped: ${kb(total)} in ${files.length} files; the script index.html names (runs after the first paint): ${entry ? kb(gz(entry)) : '?'}`;
}

const root = mkdtempSync(join(tmpdir(), 'empreinte-fcp-'));
const web = join(root, 'web');
cpSync(built, web, { recursive: true });
writeFileSync(join(web, 'hello.html'), HELLO);
const server = await startServer({ host: '127.0.0.1', port: 0, webRoot: web, db: join(root, 'runs.db') });
const browser = await launchChromium();
try {
  const base = server.url.replace(/\/$/, '');
  // Warm up the server and the browser process (not the pages' caches: each load is cold).
  await load(browser, `${base}/hello.html`, false);
  await load(browser, `${base}/#/training`, true);
  const hello: number[] = [];
  const dashboard: number[] = [];
  const rendered: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    // Interleaved, so that a slow moment of the machine hits both pages alike.
    const h = await load(browser, `${base}/hello.html`, false);
    const d = await load(browser, `${base}/#/training`, true);
    hello.push(h.fcp);
    dashboard.push(d.fcp);
    rendered.push(d.rendered);
    ratios.push(d.fcp / h.fcp);
  }
  console.log(
    `\n### Dashboard first contentful paint (headless Chromium, loopback, cold context, median of ${ROUNDS})`,
  );
  console.log(`measured build: ${built}`);
  console.log('| page | first contentful paint | page rendered (its heading in the DOM) |');
  console.log('|---|---|---|');
  console.log(`| static hello page, same server | ${median(hello).toFixed(1)} ms | — |`);
  console.log(
    `| dashboard, #/training | ${median(dashboard).toFixed(1)} ms | ${median(rendered).toFixed(1)} ms |`,
  );
  console.log(
    `ratio dashboard / hello: ${(median(dashboard) / median(hello)).toFixed(2)}× (median of per-round ratios ${median(ratios).toFixed(2)}×)   (goal ≤ 2×)`,
  );
  console.log(bundle(built));
} finally {
  await browser.close();
  await server.close();
  rmSync(root, { recursive: true, force: true });
}
