// HTTP API and dashboard: API throughput and p99 latency on loopback (autocannon against the real
// `empreinte serve`), the dashboard's JavaScript size gzipped, and its time to first render in
// headless Chromium. Needs a build (npm run bench builds first).
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { launchChromium } from '../test/e2e/_browser.js';
import { startServe } from '../test/e2e/_server.js';

/** The part of autocannon's API used here (the package ships no types). */
interface LoadResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}
const autocannon = createRequire(import.meta.url)('autocannon') as (
  options: Record<string, unknown>,
) => Promise<LoadResult>;

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const CONNECTIONS = 32;
const BODY = { params: '7B', tokens: '2T', hardware: 'h100', chips: 64 };
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function load(url: string, title: string, distinct: boolean): Promise<void> {
  let seed = 0;
  const result = await autocannon({
    url: `${url}/api/v1/estimate/training`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    connections: CONNECTIONS,
    duration: DURATION_S,
    body: JSON.stringify(BODY),
    // A new seed per request: each one runs the full 10,000-draw Monte Carlo (no cached answer).
    ...(distinct
      ? {
          requests: [
            {
              setupRequest: (req: Record<string, unknown>) => ({
                ...req,
                body: JSON.stringify({ ...BODY, seed: seed++ }),
              }),
            },
          ],
        }
      : {}),
  });
  const errors = result.errors + result.timeouts + result.non2xx;
  console.log(
    `| ${title} | ${fmt(result.requests.average)} | ${result.latency.p50} | ${result.latency.p99} | ${fmt(result.requests.total)} | ${errors} |`,
  );
}

async function api(): Promise<void> {
  console.log(
    `\n### API: POST /api/v1/estimate/training, ${CONNECTIONS} connections, ${DURATION_S} s each, loopback`,
  );
  const server = await startServe();
  try {
    // Warm up: JIT, lazy engine modules.
    await autocannon({
      url: `${server.url}/api/v1/estimate/training`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(BODY),
      connections: 8,
      duration: 2,
    });
    console.log('| body | requests/s | p50 ms | p99 ms | requests | errors |');
    console.log('|---|---|---|---|---|---|');
    await load(server.url, 'the same body (answer cache)', false);
    await load(server.url, 'a new seed per request (full Monte Carlo)', true);
    console.log(
      'goal: > 5,000 requests/s with zero errors (same body); errors = socket errors + timeouts + non-2xx',
    );
  } finally {
    await server.stop();
  }
}

function bundle(): void {
  const dir = fileURLToPath(new URL('../dist/web/assets/', import.meta.url));
  const files = readdirSync(dir);
  const size = (ext: string) =>
    files
      .filter((f) => f.endsWith(ext))
      .reduce(
        (acc, f) => {
          const bytes = readFileSync(join(dir, f));
          return { raw: acc.raw + bytes.length, gzip: acc.gzip + gzipSync(bytes, { level: 9 }).length };
        },
        { raw: 0, gzip: 0 },
      );
  const js = size('.js');
  const css = size('.css');
  console.log('\n### Dashboard bundle (dist/web)');
  console.log(
    `JavaScript: ${(js.gzip / 1024).toFixed(1)} KB gzipped (${(js.raw / 1024).toFixed(1)} KB raw)   (goal < 200 KB gzipped)`,
  );
  console.log(`CSS: ${(css.gzip / 1024).toFixed(1)} KB gzipped (${(css.raw / 1024).toFixed(1)} KB raw)`);
}

async function firstRender(): Promise<void> {
  const server = await startServe();
  const browser = await launchChromium();
  try {
    const fcp: number[] = [];
    const rendered: number[] = [];
    for (let i = 0; i < 7; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${server.url}/#/training`, { waitUntil: 'commit' });
      // Time from navigation start until the app's first heading is in the DOM.
      rendered.push(
        await page.evaluate(`new Promise((resolve) => {
        const check = () => document.querySelector('main h1') ? resolve(performance.now()) : requestAnimationFrame(check);
        check();
      })`),
      );
      fcp.push(
        await page.evaluate(`new Promise((resolve) => {
          const find = () => performance.getEntriesByName('first-contentful-paint')[0];
          const seen = find();
          if (seen) return resolve(seen.startTime);
          new PerformanceObserver(() => find() && resolve(find().startTime)).observe({ type: 'paint', buffered: true });
        })`),
      );
      await context.close();
    }
    console.log(
      '\n### Dashboard first render (headless Chromium, loopback, cold browser context, median of 7)',
    );
    console.log(
      `first contentful paint: ${median(fcp).toFixed(0)} ms; app rendered (first heading in the DOM): ${median(rendered).toFixed(0)} ms`,
    );
  } finally {
    await browser.close();
    await server.stop();
  }
}

/**
 * With SCREENSHOTS_DIR set (docs/screenshots for the README), saves three pages at a laptop size;
 * they show only catalog data, so they change only when the dashboard or the catalogs do.
 */
async function screenshots(dir: string): Promise<void> {
  const server = await startServe();
  const browser = await launchChromium();
  try {
    const shots: [string, string, (page: import('playwright-core').Page) => Promise<void>][] = [
      [
        'training',
        'training',
        async (page) => {
          await page.click('button[type=submit]');
          await page.waitForSelector('[data-testid=total-co2e]');
        },
      ],
      ['models', 'models', (page) => page.waitForSelector('#models-table tbody tr').then(() => undefined)],
      ['explore', 'explore', (page) => page.waitForSelector('#explore-chart canvas').then(() => undefined)],
    ];
    for (const [name, hash, ready] of shots) {
      const context = await browser.newContext({ viewport: { width: 1100, height: 760 }, locale: 'en-GB' });
      const page = await context.newPage();
      await page.goto(`${server.url}/#/${hash}`);
      await ready(page);
      await page.waitForLoadState('networkidle');
      await page.screenshot({ path: join(dir, `${name}.png`) });
      await context.close();
    }
    console.log(`\nscreenshots saved in ${dir}`);
  } finally {
    await browser.close();
    await server.stop();
  }
}

bundle();
await firstRender();
await api();
if (process.env.SCREENSHOTS_DIR) await screenshots(process.env.SCREENSHOTS_DIR);
