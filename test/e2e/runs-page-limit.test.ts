import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { Store } from '../../src/records.js';
import { openStore } from '../../src/store/index.js';
import { blankHost, blankRun } from '../helpers/runs.js';
import { artifact, launchChromium, openPage } from './_browser.js';
import { type ServeHandle, startServe } from './_server.js';

/**
 * The runs page of a store holding many runs: it asks the server for the newest 200 (and one more,
 * to know whether older ones exist), says so when they do, and shows every run on request.
 */
const SHOWN = 200;
const dir = mkdtempSync(join(tmpdir(), 'empreinte-runs-page-'));
const db = join(dir, 'runs.db');
let store: Store;
let server: ServeHandle;
let browser: Browser;

/** A finished run `n`, started `n` minutes after the first: the higher, the newer. */
async function addRun(n: number): Promise<void> {
  const id = `run-${String(n).padStart(4, '0')}`;
  const startedAt = 1_767_225_600_000 + n * 60_000;
  await store.createRun(blankRun(id, { name: `page ${n}`, startedAt }), blankHost(id, { startedAt }));
  await store.finishHost(id, 'h', {
    endedAt: startedAt + 1_000,
    status: 'completed',
    exitCode: 0,
    energyJ: { gpu: 0, cpu: 3.6e3, ram: 0 },
  });
}

before(async () => {
  store = await openStore(db);
  for (let n = 1; n <= SHOWN; n++) await addRun(n);
  server = await startServe({ db });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.stop();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

const ROWS = '#runs-table tbody tr';

/** Waits until the table has a row for each of the 201 runs. */
function everyRunShown(page: Page): Promise<unknown> {
  return page.waitForFunction(
    (n) => document.querySelectorAll('#runs-table tbody tr').length === n,
    SHOWN + 1,
  );
}

describe('runs page of a large store', () => {
  it('asks for the newest runs only, says when older ones exist and shows them all on request', async () => {
    const { page, context, problems } = await openPage(browser, server.url, 'runs', {}, false);
    const asked: string[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname.endsWith('/api/v1/runs')) asked.push(new URL(r.url()).search);
    });
    // Exactly as many runs as the page shows: nothing more to say.
    await page.goto(`${server.url}/#/runs`);
    await page.waitForSelector(ROWS);
    assert.equal(await page.locator(ROWS).count(), SHOWN);
    assert.equal(await page.locator('#runs-more').count(), 0);
    assert.deepEqual(asked, [`?limit=${SHOWN + 1}`]);

    // One more, the oldest: the newest 200 are shown, and the page says there is more.
    await addRun(0);
    await page.reload();
    await page.waitForSelector('#runs-more');
    assert.equal(await page.locator(ROWS).count(), SHOWN);
    assert.match((await page.locator(ROWS).first().textContent()) ?? '', /page 200/);
    assert.match((await page.locator(ROWS).last().textContent()) ?? '', /page 1\b/);
    const more = page.locator('#runs-more');
    await more.screenshot({ path: artifact('runs-more.png') });
    assert.match(
      (await more.textContent()) ?? '',
      /The newest 200 runs are shown; older ones are stored too\./,
    );

    await more.getByRole('button', { name: 'Show every run' }).click();
    await everyRunShown(page);
    assert.match((await page.locator(ROWS).last().textContent()) ?? '', /page 0\b/);
    assert.equal(await page.locator('#runs-more').count(), 0);
    assert.deepEqual(asked, [`?limit=${SHOWN + 1}`, `?limit=${SHOWN + 1}`, '']);
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('says it in French', async () => {
    const { page, context, problems } = await openPage(browser, server.url, 'runs', { locale: 'fr-FR' });
    const more = page.locator('#runs-more');
    await more.waitFor();
    assert.match(
      (await more.textContent()) ?? '',
      /Les 200 calculs les plus récents sont affichés\u202f; les plus anciens sont aussi enregistrés\./,
    );
    await more.getByRole('button', { name: 'Afficher tous les calculs' }).click();
    await everyRunShown(page);
    assert.deepEqual(problems, []);
    await context.close();
  });
});
