import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { runCli } from '../helpers/cli.js';
import { artifact, launchChromium, openPage } from './_browser.js';
import { type ServeHandle, startServe } from './_server.js';

/**
 * The dashboard at a phone's width (390 px) and a laptop's: no page scrolls sideways, the runs
 * list keeps its figures on screen, and no chart clips its tick labels.
 */
let server: ServeHandle;
let browser: Browser;
let runId: string;

const FAKE_SMI = fileURLToPath(new URL('../fixtures/fake-nvidia-smi/nvidia-smi', import.meta.url));
const GERMANY_3_WEEKS = fileURLToPath(
  new URL('../fixtures/dashboard/DE_2023_first-3-weeks.csv', import.meta.url),
);

before(async () => {
  server = await startServe();
  browser = await launchChromium();
  // A measured run with four (fake) GPUs and two named phases: the widest run page there is.
  const marks = [
    { label: 'warm-up and data loading', tokens: 100_000 },
    { label: 'epoch 1', tokens: 2_000_000 },
  ]
    .map((m) => `echo '${JSON.stringify(m)}' >> "$EMPREINTE_MARKS"; sleep 0.6`)
    .join('; ');
  const result = runCli(
    [
      'run',
      '--name',
      'pretrain-a-small-model-on-four-gpus-with-phases',
      '--interval',
      '0.2',
      '--location',
      'fr',
      '--db',
      server.db,
      '--',
      'sh',
      '-c',
      `sleep 0.6; ${marks}`,
    ],
    {
      env: {
        EMPREINTE_NVIDIA_SMI: FAKE_SMI,
        FAKE_SMI_GPUS: '4',
        EMPREINTE_NVML_LIB: '/nonexistent/libnvml.so',
      },
    },
  );
  assert.equal(result.status, 0, result.stderr);
  const runs = (await (await fetch(`${server.url}/api/v1/runs`)).json()) as { id: string }[];
  runId = runs[0].id;
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Each page in the state where it is widest, and what shows it is ready. */
const PAGES: { name: string; hash: () => string; ready: (page: Page) => Promise<unknown> }[] = [
  {
    name: 'training result',
    hash: () => 'training',
    ready: async (page) => {
      await page.click('button[type=submit]');
      await page.waitForSelector('#training-result table.inputs');
    },
  },
  { name: 'models', hash: () => 'models', ready: (page) => page.waitForSelector('#models-chart canvas') },
  { name: 'inference', hash: () => 'inference', ready: (page) => page.waitForSelector('#turn-chart canvas') },
  { name: 'explore', hash: () => 'explore', ready: (page) => page.waitForSelector('#explore-chart canvas') },
  // Before any upload the how-to (long URLs) is open.
  { name: 'schedule form', hash: () => 'schedule', ready: (page) => page.waitForSelector('.how-to[open]') },
  {
    name: 'schedule result',
    hash: () => 'schedule',
    ready: async (page) => {
      await page.setInputFiles('#s-files', GERMANY_3_WEEKS);
      await page.check('text=Extend with a forecast');
      await page.click('button[type=submit]');
      await page.waitForSelector('#schedule-chart canvas', { timeout: 30_000 });
    },
  },
  { name: 'runs', hash: () => 'runs', ready: (page) => page.waitForSelector('#runs-table tbody tr') },
  {
    name: 'a run',
    hash: () => `runs/${runId}`,
    ready: async (page) => {
      await page.waitForSelector('#phases-table tbody tr');
      await page.waitForFunction(
        () => Number(document.querySelector('[data-count]')?.getAttribute('data-count')) > 0,
      );
    },
  },
];

async function open(name: string, width: number) {
  const spec = PAGES.find((p) => p.name === name)!;
  const opened = await openPage(browser, server.url, spec.hash(), { width, height: 844 });
  await spec.ready(opened.page);
  await opened.page.waitForLoadState('networkidle');
  return opened;
}

describe('on a phone (390 px)', () => {
  it('no page scrolls sideways', async () => {
    const overflows: string[] = [];
    for (const { name } of PAGES) {
      const { page, context, problems } = await open(name, 390);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      if (overflow > 0) overflows.push(`${name}: ${overflow} px`);
      await page.screenshot({ path: artifact(`phone-${name.replace(/ /g, '-')}.png`), fullPage: true });
      assert.deepEqual(problems, [], name);
      await context.close();
    }
    assert.deepEqual(overflows, []);
  });

  it('the runs list shows each run’s energy and emissions on screen', async () => {
    const { page, context } = await open('runs', 390);
    const row = page.locator('#runs-table tbody tr').first();
    for (const column of [6, 7]) {
      const cell = row.locator(`td:nth-child(${column})`);
      const box = (await cell.boundingBox())!;
      assert.ok(
        box.x >= 0 && box.x + box.width <= 390,
        `column ${column} at ${box.x}–${box.x + box.width} px`,
      );
      assert.match((await cell.textContent())!, column === 6 ? /Wh/ : /CO₂e/);
      assert.ok(await cell.isVisible());
    }
    await context.close();
  });
});

/**
 * Dark pixels in a chart canvas's three outer columns on each side: a tick label that does not fit is cut by the
 * canvas edge (the plot itself never reaches the edges: axes on the left, padding on the right).
 * A string, so that it runs in the page exactly as written.
 */
const CLIPPED_SCRIPT = `((selector) => {
  const canvas = document.querySelector(selector + ' canvas');
  const ctx = canvas.getContext('2d');
  const dark = (x, y0, y1) => {
    const pixels = ctx.getImageData(x, y0, 3, y1 - y0).data;
    for (let i = 0; i < pixels.length; i += 4)
      if (pixels[i + 3] > 96 && pixels[i] + pixels[i + 1] + pixels[i + 2] < 450) return true;
    return false;
  };
  // The x axis's labels sit in the bottom band; the right edge above it is the plot's padding.
  const band = Math.min(canvas.height, Math.round(90 * devicePixelRatio));
  return {
    left: dark(0, 0, canvas.height),
    right: dark(canvas.width - 3, canvas.height - band, canvas.height),
  };
})`;

function clippedLabels(page: Page, selector: string) {
  return page.evaluate(`${CLIPPED_SCRIPT}(${JSON.stringify(selector)})`) as Promise<{
    left: boolean;
    right: boolean;
  }>;
}

describe('charts', () => {
  const CHARTS: [string, string][] = [
    ['models', '#models-chart'],
    ['explore', '#explore-chart'],
    ['inference', '#hourly-chart'],
    ['inference', '#turn-chart'],
    ['schedule result', '#schedule-chart'],
    ['a run', '#power-chart'],
  ];
  for (const width of [390, 1280]) {
    it(`draw every tick label whole at ${width} px`, async () => {
      const clipped: string[] = [];
      for (const [name, selector] of CHARTS) {
        const { page, context } = await open(name, width);
        const edges = await clippedLabels(page, selector);
        if (edges.left || edges.right) clipped.push(`${selector} ${JSON.stringify(edges)}`);
        await page
          .locator(selector)
          .screenshot({ path: artifact(`chart-${width}-${selector.slice(1)}.png`) });
        await context.close();
      }
      assert.deepEqual(clipped, []);
    });
  }
});
