import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
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

/** Electricity Maps, DE, 1–21 January 2023, hourly (ODbL 1.0; see the fixture's README). */
const GERMANY_3_WEEKS = readFileSync(
  new URL('../fixtures/dashboard/DE_2023_first-3-weeks.csv', import.meta.url),
  'utf8',
);

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

describe('first paint', () => {
  it('serves a shell that paints without any script: the header and its links', async () => {
    const html = await (await fetch(`${server.url}/`)).text();
    const app = /<div id="app">([\s\S]*?)<\/div>\s*<noscript>/.exec(html)?.[1] ?? '';
    for (const page of Object.keys(READY)) assert.match(app, new RegExp(`href="#/${page}"`));
    assert.match(app, /<main\b[\s\S]*Loading/);
    // Its styles come with it: no stylesheet request stands between the HTML and the first paint.
    assert.doesNotMatch(html, /<link[^>]+rel="stylesheet"/);
    // Painted as the app will paint it, before (here: without) any script.
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.url}/#/training`);
    assert.equal(await page.locator('header.top nav a').count(), Object.keys(READY).length);
    assert.equal(
      await page.evaluate(() => getComputedStyle(document.querySelector('header.top')!).backgroundColor),
      'rgb(8, 77, 55)',
    );
    await context.close();
  });

  it("loads a page's code and the chart library only when the page is shown", async () => {
    const { page, context, problems } = await openPage(browser, server.url, 'training', {}, false);
    const scripts: string[] = [];
    page.on('response', async (r) => {
      if (r.url().endsWith('.js')) scripts.push(await r.text());
    });
    await page.goto(`${server.url}/#/training`);
    await page.waitForSelector(READY.training);
    await page.waitForLoadState('networkidle');
    // uPlot's stylesheet class names are in its code: none of it for a page without a chart.
    assert.ok(scripts.length >= 2, `${scripts.length} scripts`);
    assert.ok(!scripts.some((s) => s.includes('u-legend')), 'the chart library was loaded for training');
    assert.ok(!scripts.some((s) => s.includes('explore-chart')), "the explore page's code was loaded");
    await page.click('nav a[href="#/explore"]');
    await page.waitForSelector(READY.explore, { timeout: 30_000 });
    assert.ok(scripts.some((s) => s.includes('u-legend')));
    assert.ok(scripts.some((s) => s.includes('explore-chart')));
    assert.deepEqual(problems, []);
    await context.close();
  });
});

/** 7B parameters, 2T tokens on 64 H100s in France, no PUE given (so the default range). */
const CUSTOM = { params: '7B', tokens: '2T', hardware: 'nvidia-h100-sxm5-80gb', chips: '64', location: 'fr' };

async function estimateCustom(page: Page): Promise<void> {
  await page.check('input[name=mode][value=custom]');
  for (const field of ['params', 'tokens', 'chips', 'location'] as const)
    await page.fill(`#f-${field}`, CUSTOM[field]);
  await page.waitForSelector(`#f-hardware option[value=${CUSTOM.hardware}]`, { state: 'attached' });
  await page.selectOption('#f-hardware', CUSTOM.hardware);
  await page.click('button[type=submit]');
}

describe('training page', () => {
  it('submits the form and shows the figure the API computes, with sources on hover', async () => {
    const { page, context, problems } = await openPage(browser, server.url, 'training');
    await estimateCustom(page);
    const shown = await (await page.waitForSelector('[data-testid=total-co2e]')).textContent();
    const api = await postJson(`${server.url}/api/v1/estimate/training`, CUSTOM);
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

  it('charges the data centre about a third when the PUE is a default range', async () => {
    const { page, context, problems } = await openPage(browser, server.url, 'training');
    await estimateCustom(page);
    const legend = await (
      await page.waitForSelector('.breakdown-legend li:has-text("Data-centre overhead")')
    ).textContent();
    const api = await postJson(`${server.url}/api/v1/estimate/training`, CUSTOM);
    const pue = api.body.inputs.pue.value;
    assert.equal(typeof pue, 'object', 'no PUE given: the default range');
    // Operational CO2e is IT · PUE: the data centre's part is (PUE − 1) / PUE of it.
    const facilityKg = (api.body.co2eKg.central * (pue.central - 1)) / pue.central;
    const expectedPct = Math.round((100 * facilityKg) / api.body.totalCo2eKg.central);
    assert.ok(expectedPct >= 25, `${expectedPct} %`);
    const shownPct = Number(/\((\d+)\s*%\)/.exec(legend!)?.[1]);
    assert.ok(Math.abs(shownPct - expectedPct) <= 1, `${legend} vs ${expectedPct} %`);
    assert.ok(Math.abs(displayedKg(legend!) / facilityKg - 1) < 0.01, `${legend} vs ${facilityKg} kg`);
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

describe('explore page, first load', () => {
  it('shows the figures of the grid its label names, whichever answer comes first', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    const page = await context.newPage();
    // The location list arrives while the first sweep is still being computed.
    let locationsServed = false;
    await page.route('**/api/v1/locations', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      await route.continue();
      locationsServed = true;
    });
    await page.route('**/api/v1/explore**', async (route) => {
      for (let i = 0; i < 100 && !locationsServed; i++) await new Promise((r) => setTimeout(r, 20));
      await new Promise((resolve) => setTimeout(resolve, 300));
      await route.continue();
    });
    await page.goto(`${server.url}/#/explore`);
    await page.waitForSelector('#explore-chart canvas', { timeout: 30_000 });
    await page.waitForLoadState('networkidle');
    const regionName = (await page.textContent('label[for=x-region] output'))!;
    const intensity = (await page.locator('.figure').nth(2).textContent())!;
    const locations = (await (await fetch(`${server.url}/api/v1/locations`)).json()) as {
      id: string;
      name: string;
      kind: string;
    }[];
    // The slider offers countries (a zone may share a country's name).
    const region = locations.find((l) => l.name === regionName && l.kind === 'country');
    assert.ok(region, regionName);
    const api = await postJson(`${server.url}/api/v1/explore`, {
      params: [1e10],
      tokens: [1e12],
      hardware: ['nvidia-h100-sxm5-80gb'],
      location: [region.id],
    });
    const expected = api.body[0].intensityGPerKwh as number;
    const shown = Number(/([\d,.]+)\s*g\/kWh/.exec(intensity)?.[1].replace(/,/g, ''));
    assert.ok(
      Math.abs(shown / expected - 1) < 0.01,
      `${regionName}: shows ${intensity}, expected ${expected}`,
    );
    await context.close();
  });
});

describe('schedule page', () => {
  it('finds the best window in an uploaded export and shades it on the chart', async () => {
    const csv = GERMANY_3_WEEKS.split('\n')
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
    // No forecast asked for: none in the legend or the caption.
    const legend = await page.locator('#schedule-chart .u-legend').textContent();
    assert.doesNotMatch(legend!, /forecast/i);
    assert.doesNotMatch((await page.textContent('#schedule-result figcaption'))!, /forecast/i);
    await page.screenshot({ path: artifact('schedule-result.png'), fullPage: true });
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('draws and names the forecast line when the series is extended by a forecast', async () => {
    const { page, context, problems } = await openPage(browser, server.url, 'schedule');
    await page.setInputFiles('#s-files', {
      name: 'DE_2023_hourly.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(GERMANY_3_WEEKS),
    });
    await page.check('text=Extend with a forecast');
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-testid=best-window]', { timeout: 30_000 });
    const legend = await page.locator('#schedule-chart .u-legend').textContent();
    assert.match(legend!, /DE \(forecast\)/);
    assert.match((await page.textContent('#schedule-result figcaption'))!, /Dashed: forecast/);
    assert.deepEqual(problems, []);
    await context.close();
  });
});
