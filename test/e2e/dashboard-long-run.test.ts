import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { runCli } from '../helpers/cli.js';
import { artifact, launchChromium, openPage } from './_browser.js';
import { type ServeHandle, startServe } from './_server.js';

/**
 * The run page of a long run: its chart reads the downsampled series (as many buckets as the
 * chart is wide) instead of the stream's backlog, so what the page downloads does not grow with
 * the run's length.
 */
let server: ServeHandle;
let browser: Browser;
let runId: string;
const dir = mkdtempSync(join(tmpdir(), 'empreinte-long-run-'));

// 8 GPUs, a CPU and RAM at 1 Hz for 90 minutes: 54,000 samples.
const TICKS = 5_400;
const CHANNELS: [string, number][] = [
  ...Array.from({ length: 8 }, (_, i): [string, number] => ['gpu', i]),
  ['cpu', 0],
  ['ram', 0],
];
const SAMPLES = TICKS * CHANNELS.length;

before(async () => {
  const start = Date.parse('2026-01-01T00:00:00Z');
  const rows = ['timestamp,host,component,device_index,power_w,energy_j,source'];
  for (let tick = 1; tick <= TICKS; tick++) {
    const at = new Date(start + tick * 1000).toISOString();
    for (const [component, index] of CHANNELS) {
      const w = component === 'gpu' ? 250 + ((tick * 7 + index * 13) % 150) : component === 'cpu' ? 90 : 20;
      rows.push(`${at},node-a,${component},${index},${w},${w},measured:test`);
    }
  }
  const file = join(dir, 'long.csv');
  writeFileSync(file, `${rows.join('\n')}\n`);
  server = await startServe();
  const imported = runCli(['runs', 'import', file, '--name', 'long run', '--json', '--db', server.db], {
    timeout: 120_000,
  });
  assert.equal(imported.status, 0, imported.stderr);
  runId = (JSON.parse(imported.stdout) as { id: string }).id;
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('the page of a long run', () => {
  for (const width of [1280, 390])
    it(`charts the series as wide as the chart, without downloading the backlog (${width} px)`, async () => {
      const { page, context, problems } = await openPage(
        browser,
        server.url,
        `runs/${runId}`,
        { width },
        false,
      );
      const api: { path: string; query: URLSearchParams; bytes: number }[] = [];
      page.on('requestfinished', async (request) => {
        const url = new URL(request.url());
        if (!url.pathname.startsWith('/api/v1/')) return;
        const { responseBodySize } = await request.sizes();
        api.push({ path: url.pathname, query: url.searchParams, bytes: responseBodySize });
      });
      await page.goto(`${server.url}/#/runs/${runId}`);
      await page.waitForSelector('#power-chart canvas', { timeout: 30_000 });
      await page.waitForSelector('h1 .status-completed', { timeout: 30_000 });
      await page.waitForFunction(
        (n) => Number(document.querySelector('[data-testid=sample-count]')?.getAttribute('data-count')) === n,
        SAMPLES,
        { timeout: 30_000 },
      );
      await page.waitForLoadState('networkidle');
      await page.screenshot({ path: artifact(`run-long-${width}.png`), fullPage: true });

      // Everything the page read is a small part of the stream's backlog alone.
      const backlog = (await (await fetch(`${server.url}/api/v1/runs/${runId}/stream`)).arrayBuffer())
        .byteLength;
      const bytes = api.reduce((sum, r) => sum + r.bytes, 0);
      console.log(
        `run page of a ${SAMPLES}-sample run at ${width} px: ${bytes} bytes from the API (backlog: ${backlog} bytes)`,
      );
      const series = api.filter((r) => r.path.endsWith('/series'));
      // Read once: a finished run's series does not change.
      assert.equal(series.length, 1, `series requests among ${api.map((r) => r.path).join(', ')}`);
      // One bucket a pixel (the page's scroll bar may come after the request and take a few).
      const chart = await page.evaluate(() => document.querySelector('#power-chart')!.clientWidth);
      const buckets = Number(series[0].query.get('buckets'));
      assert.ok(Math.abs(buckets - chart) <= 20, `${buckets} buckets for a chart ${chart} px wide`);
      // One point per bucket at most, for each of the ten channels.
      const [points] = (await page.getAttribute('#power-chart', 'data-summary'))!.split(':');
      assert.ok(Number(points) > 0 && Number(points) <= buckets * CHANNELS.length, `${points} points`);
      assert.ok(Number(points) < SAMPLES, `${points} points for ${SAMPLES} samples`);
      assert.ok(bytes < backlog / 5, `${bytes} bytes read; the backlog is ${backlog}`);
      const streamed = api.filter((r) => r.path.endsWith('/stream')).reduce((sum, r) => sum + r.bytes, 0);
      assert.ok(streamed < 1_000, `${streamed} bytes of stream`);
      assert.deepEqual(problems, []);
      await context.close();
    });
});
