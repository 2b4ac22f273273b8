import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { CLI } from '../helpers/cli.js';
import { artifact, launchChromium, openPage } from './_browser.js';
import { type ServeHandle, startServe } from './_server.js';

/**
 * A command measured by `empreinte run` while the dashboard watches it: the run appears, its
 * power chart grows live from the server-sent events, and it ends as completed.
 */
let server: ServeHandle;
let browser: Browser;
before(async () => {
  server = await startServe();
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const count = (text: string | null) => Number(text ?? 0);

describe('runs page', () => {
  it('shows a tracked command live, then its totals and exports', async () => {
    // The command works until the test lets it go (at most a minute): on a busy machine the page
    // may take seconds to open, and the command must still be running when it has seen it grow.
    const go = join(mkdtempSync(join(tmpdir(), 'empreinte-live-')), 'go');
    const busy = `const fs = require('node:fs'); const end = Date.now() + 60000; let x = 0;
      while (!fs.existsSync(${JSON.stringify(go)}) && Date.now() < end) for (let i = 0; i < 1e5; i++) x += Math.sqrt(x + 1);`;
    const tracked = spawn(
      process.execPath,
      [
        CLI,
        'run',
        '--name',
        'e2e-live',
        '--interval',
        '0.25',
        '--db',
        server.db,
        '--',
        process.execPath,
        '-e',
        busy,
      ],
      { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LANG: 'C' } },
    );
    let stderr = '';
    tracked.stderr.on('data', (d) => {
      stderr += d;
    });
    const exited = new Promise<number | null>((resolve) => tracked.once('exit', resolve));
    try {
      // Wait for the tracker to store the run, then open the list.
      let id: string | undefined;
      for (let i = 0; i < 100 && !id; i++) {
        const runs = (await (await fetch(`${server.url}/api/v1/runs`)).json()) as {
          id: string;
          name: string;
        }[];
        id = runs.find((r) => r.name === 'e2e-live')?.id;
        if (!id) await new Promise((r) => setTimeout(r, 100));
      }
      assert.ok(id, `the run was not stored: ${stderr}`);
      const { page, context, problems } = await openPage(browser, server.url, 'runs');
      await page.click('a:text-is("e2e-live")');
      await page.waitForSelector('h1 .status-running');
      await page.waitForFunction(
        () => Number(document.querySelector('[data-testid=sample-count]')?.getAttribute('data-count')) > 0,
      );
      const first = count(await page.getAttribute('[data-testid=sample-count]', 'data-count'));
      const chartBefore = await page.getAttribute('#power-chart', 'data-summary');
      // While the command still runs, new samples keep arriving and the chart grows.
      await page.waitForFunction(
        (n) => Number(document.querySelector('[data-testid=sample-count]')?.getAttribute('data-count')) >= n,
        first + 6,
        { timeout: 15_000 },
      );
      assert.equal(tracked.exitCode, null, 'the command was still running');
      assert.notEqual(await page.getAttribute('#power-chart', 'data-summary'), chartBefore);
      await page.screenshot({ path: artifact('run-live.png'), fullPage: true });
      // Then the run ends: status, final totals.
      writeFileSync(go, '');
      assert.equal(await exited, 0, stderr);
      await page.waitForSelector('h1 .status-completed', { timeout: 15_000 });
      await page.waitForFunction(
        () => !document.querySelector('[data-testid=run-energy]')?.textContent?.startsWith('0\u00a0'),
      );
      const api = await (await fetch(`${server.url}/api/v1/runs/${id}`)).json();
      assert.equal(api.status, 'completed');
      assert.ok(api.energyKwh.total > 0);
      const samples = count(await page.getAttribute('[data-testid=sample-count]', 'data-count'));
      assert.ok(samples > first + 6, `${samples} samples`);
      // Export: the CodeCarbon CSV downloads with CodeCarbon's header.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.click('button:text-is("Download CodeCarbon CSV")'),
      ]);
      assert.equal(download.suggestedFilename(), 'emissions.csv');
      const csv = readFileSync((await download.path())!, 'utf8');
      assert.match(csv, /^timestamp,project_name,run_id/);
      assert.match(csv, /e2e-live/);
      await page.screenshot({ path: artifact('run-done.png'), fullPage: true });
      assert.deepEqual(problems, []);
      await context.close();
    } finally {
      writeFileSync(go, '');
      if (tracked.exitCode === null) tracked.kill('SIGTERM');
    }
  });
});
