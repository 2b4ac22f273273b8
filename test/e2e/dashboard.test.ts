import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { SHARED_DATA } from '../helpers/cli.js';
import { artifact, launchChromium, openPage } from './_browser.js';
import { postJson, type ServeHandle, startServe } from './_server.js';

/** The dashboard in headless Chromium against the real server: each page and its main interaction. */
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

/** What each page shows once it has loaded its data. */
const READY: Record<string, string> = {
  training: 'form button[type=submit]',
  models: '#models-table tbody tr',
  inference: '#comparisons li',
  explore: '#explore-chart canvas',
  schedule: '#s-files',
  runs: 'main p.card',
};

/** Displayed "12.3 t CO₂e" / "450 kg CO₂e" / "1 234,5 kg CO₂e" back to kg. */
function displayedKg(text: string): number {
  const match = /([\d\s\u202f\u00a0.,]+)\s*(g|kg|t)\s*CO₂e/.exec(text);
  assert.ok(match, text);
  const number = Number(match[1].replace(/[\s\u202f\u00a0,]/g, (c) => (c === ',' ? '' : '')));
  return number * { g: 1e-3, kg: 1, t: 1e3 }[match[2] as 'g' | 'kg' | 't'];
}

/**
 * Contrast ratios (WCAG 2.1) of the text that carries meaning against its effective background.
 * A string, so that it runs in the page exactly as written.
 */
const CONTRAST_SCRIPT = `(() => {
  const rgb = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const f = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = (el) => {
    for (; el; el = el.parentElement) {
      const c = rgb(getComputedStyle(el).backgroundColor);
      if (c.length === 3 || c[3] > 0) return c;
    }
    return [255, 255, 255];
  };
  return ['body', '.lead', '.top nav a', '.hint', 'button[type=submit]', '.field label', 'footer p'].map((s) => {
    const el = document.querySelector(s);
    const a = lum(rgb(getComputedStyle(el).color));
    const b = lum(background(el));
    return { s, ratio: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05) };
  });
})()`;

async function waitForChange(
  page: Page,
  selector: string,
  attribute: string,
  before: string | null,
): Promise<string> {
  await page.waitForFunction(
    ([s, a, b]) => document.querySelector(s as string)?.getAttribute(a as string) !== b,
    [selector, attribute, before],
    { timeout: 15_000 },
  );
  return (await page.getAttribute(selector, attribute))!;
}

describe('every page', () => {
  for (const [name, ready] of Object.entries(READY)) {
    it(`loads ${name} with no console error and no request off the server`, async () => {
      const { page, context, problems } = await openPage(browser, server.url, name);
      await page.waitForSelector(ready, { timeout: 30_000 });
      await page.waitForLoadState('networkidle');
      await page.screenshot({ path: artifact(`page-${name}.png`), fullPage: true });
      assert.deepEqual(problems, []);
      await context.close();
    });
  }

  it('fits a phone screen: no sideways scrolling, navigation wraps', async () => {
    for (const name of ['training', 'inference', 'explore']) {
      const { page, context, problems } = await openPage(browser, server.url, name, {
        width: 390,
        height: 844,
      });
      await page.waitForSelector(READY[name], { timeout: 30_000 });
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      assert.ok(overflow <= 0, `${name} overflows by ${overflow}px`);
      await page.screenshot({ path: artifact(`phone-${name}.png`), fullPage: true });
      assert.deepEqual(problems, []);
      await context.close();
    }
  });

  it('is usable from the keyboard, with a visible focus and readable colours', async () => {
    const { page, context } = await openPage(browser, server.url, 'training');
    await page.keyboard.press('Tab');
    const skip = await page.evaluate(() => ({
      text: document.activeElement?.textContent,
      outline: getComputedStyle(document.activeElement!).outlineStyle,
    }));
    assert.equal(skip.text, 'Skip to content');
    assert.notEqual(skip.outline, 'none');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
    // Every form control has a label.
    const unlabelled = await page.evaluate(() =>
      [...document.querySelectorAll('input, select')]
        .filter((el) => !(el as HTMLInputElement).labels?.length && !el.closest('label'))
        .map((el) => el.outerHTML),
    );
    assert.deepEqual(unlabelled, []);
    // WCAG AA: 4.5:1 for the text that carries meaning.
    const ratios = (await page.evaluate(CONTRAST_SCRIPT)) as { s: string; ratio: number }[];
    for (const { s, ratio } of ratios) assert.ok(ratio >= 4.5, `${s}: contrast ${ratio.toFixed(2)}`);
    await context.close();
  });
});

describe('training page', () => {
  it('submits the form and shows the figure the API computes, with sources on hover', async () => {
    const { page, context, problems } = await openPage(browser, server.url, 'training');
    await page.check('input[name=mode][value=custom]');
    await page.fill('#f-params', '7B');
    await page.fill('#f-tokens', '2T');
    await page.waitForSelector('#f-hardware option[value=nvidia-h100-sxm5-80gb]', { state: 'attached' });
    await page.selectOption('#f-hardware', 'nvidia-h100-sxm5-80gb');
    await page.fill('#f-chips', '64');
    await page.fill('#f-location', 'fr');
    await page.click('button[type=submit]');
    const shown = await (await page.waitForSelector('[data-testid=total-co2e]')).textContent();
    const api = await postJson(`${server.url}/api/v1/estimate/training`, {
      params: '7B',
      tokens: '2T',
      hardware: 'nvidia-h100-sxm5-80gb',
      chips: '64',
      location: 'fr',
    });
    const expected = api.body.totalCo2eKg.central;
    assert.ok(Math.abs(displayedKg(shown!) / expected - 1) < 0.01, `${shown} vs ${expected} kg`);
    // The location's source is on its value, for hover and focus.
    const title = await page.getAttribute(
      'table.inputs tr:has(th:text-is("gridIntensity")) .sourced',
      'title',
    );
    assert.equal(title, api.body.inputs.gridIntensity.source);
    await page.screenshot({ path: artifact('training-result.png'), fullPage: true });
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('names the field of a bad input', async () => {
    const { page, context } = await openPage(browser, server.url, 'training');
    await page.check('input[name=mode][value=custom]');
    await page.fill('#f-params', 'seven billion');
    await page.click('button[type=submit]');
    const error = await (await page.waitForSelector('.error li')).textContent();
    assert.match(error!, /^params: 'seven billion' is not a number/);
    await context.close();
  });
});

describe('language', () => {
  it('switches to French labels and number formats, and remembers it', async () => {
    const { page, context, problems } = await openPage(browser, server.url, 'training');
    await page.selectOption('#lang-select', 'fr');
    await page.waitForSelector('nav a:text-is("Entraînement")');
    assert.equal(await page.getAttribute('html', 'lang'), 'fr');
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-testid=total-co2e]');
    const figures = await page.locator('.figure').allTextContents();
    assert.ok(
      figures.some((f) => f.includes('Émissions totales')),
      figures.join(' | '),
    );
    // French digits: narrow no-break space between thousands, comma before decimals.
    const chipHours = figures.find((f) => f.startsWith('Heures-puces'))!;
    assert.match(chipHours, /\d\u202f\d{3}/);
    assert.match(figures.join(' '), /\d,\d/);
    await page.reload();
    await page.waitForSelector('nav a:text-is("Entraînement")');
    assert.equal(await page.inputValue('#lang-select'), 'fr');
    await page.screenshot({ path: artifact('training-fr.png'), fullPage: true });
    assert.deepEqual(problems, []);
    await context.close();
  });
});

describe('popular models page', () => {
  it('plots published figures against compute and sorts the table', async () => {
    const { page, context } = await openPage(browser, server.url, 'models');
    await page.waitForSelector('#models-table tbody tr');
    const rows = await page.locator('#models-table tbody tr').count();
    assert.ok(rows >= 10, `${rows} rows`);
    const summary = await page.getAttribute('#models-chart', 'data-summary');
    assert.ok(Number(summary!.split(':')[0]) >= rows, summary!);
    const years = async () =>
      (await page.locator('#models-table tbody tr td:nth-child(2)').allTextContents()).map(Number);
    await page.click('th button:text-is("Year")');
    const descending = await years();
    assert.deepEqual(
      descending,
      [...descending].sort((a, b) => b - a),
    );
    await page.click('th button:text-is("Year")');
    const ascending = await years();
    assert.deepEqual(
      ascending,
      [...ascending].sort((a, b) => a - b),
    );
    assert.equal(await page.getAttribute('th:has(button:text-is("Year"))', 'aria-sort'), 'ascending');
    await context.close();
  });
});

describe('inference page', () => {
  it('charts the customer-service preset and its comparisons', async () => {
    const { page, context } = await openPage(browser, server.url, 'inference');
    await page.waitForSelector('#comparisons li');
    const bars = await page.locator('#comparisons li').count();
    assert.equal(bars, 8);
    assert.match((await page.getAttribute('#hourly-chart', 'data-summary'))!, /^48:/);
    await page.check('text=Prompt caching');
    const before = await page.getAttribute('#hourly-chart', 'data-summary');
    await page.click('button[type=submit]');
    await waitForChange(page, '#hourly-chart', 'data-summary', before);
    assert.equal(await page.locator('#comparisons li').count(), 7);
    await context.close();
  });
});

describe('explore page', () => {
  it('redraws the chart while a slider is dragged', async () => {
    const { page, context, problems } = await openPage(browser, server.url, 'explore');
    await page.waitForSelector('#explore-chart canvas');
    const figure = await page.textContent('[data-testid=explore-co2e]');
    const before = await page.getAttribute('#explore-chart', 'data-summary');
    // Drag the tokens slider's thumb to the right with the mouse.
    const box = (await page.locator('#x-logTokens').boundingBox())!;
    const value = Number(await page.inputValue('#x-logTokens'));
    const x = box.x + ((value - 9) / 5) * box.width;
    await page.mouse.move(x, box.y + box.height / 2);
    await page.mouse.down();
    for (let step = 1; step <= 10; step++) await page.mouse.move(x + step * 15, box.y + box.height / 2);
    await page.mouse.up();
    assert.ok(Number(await page.inputValue('#x-logTokens')) > value);
    const after = await waitForChange(page, '#explore-chart', 'data-summary', before);
    assert.notEqual(after, before);
    await page.waitForFunction(
      (f) => document.querySelector('[data-testid=explore-co2e]')?.textContent !== f,
      figure,
    );
    // Keyboard: the year slider moves with the arrow keys and the grid intensity follows.
    const intensity = await page.locator('.figure').nth(2).textContent();
    await page.focus('#x-year');
    for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowRight');
    await page.waitForFunction((t) => document.querySelectorAll('.figure')[2]?.textContent !== t, intensity);
    await page.screenshot({ path: artifact('explore-dragged.png'), fullPage: true });
    assert.deepEqual(problems, []);
    await context.close();
  });
});

describe('schedule page', () => {
  it('finds the best window in an uploaded export and shades it on the chart', async () => {
    const csv = readFileSync(join(SHARED_DATA, 'grid/electricitymaps/DE_2023_hourly.csv'), 'utf8')
      .split('\n')
      .slice(0, 1 + 7 * 24)
      .join('\n');
    const { page, context, problems } = await openPage(browser, server.url, 'schedule');
    await page.setInputFiles('#s-files', {
      name: 'DE_2023_hourly.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv),
    });
    await page.fill('#s-duration', '6h');
    await page.click('button[type=submit]');
    const best = await (await page.waitForSelector('[data-testid=best-window]')).textContent();
    const api = await postJson(`${server.url}/api/v1/schedule`, {
      series: [{ name: 'DE_2023_hourly.csv', content: csv }],
      duration: '6h',
    });
    assert.match(best!, new RegExp(`^${Math.round(api.body.best.intensityGPerKwh)}`));
    assert.match((await page.textContent('[data-testid=saving]'))!, /\d+(\.\d+)?%/);
    assert.match((await page.getAttribute('#schedule-chart', 'data-summary'))!, /^168:/);
    await page.screenshot({ path: artifact('schedule-result.png'), fullPage: true });
    assert.deepEqual(problems, []);
    await context.close();
  });
});
