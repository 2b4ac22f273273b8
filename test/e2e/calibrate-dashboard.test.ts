import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { type FakeMachine, fakeMachine } from '../fixtures/proc/machine.js';
import { measureSleep } from '../helpers/measured-run.js';
import { launchChromium, openPage } from './_browser.js';
import { postJson, type ServeHandle, startServe } from './_server.js';

/** The training page offers the stored calibrations and estimates with the one chosen. */
let machine: FakeMachine;
let server: ServeHandle;
let browser: Browser;
before(async () => {
  machine = await fakeMachine({ gpus: 2, gpuWatts: 350 });
  measureSleep(machine, 'abcd0001-dash', 700);
  const r = machine.cli([
    'calibrate',
    '--run',
    'abcd0001',
    '--params',
    '1B',
    '--tokens',
    '4e4',
    '--name',
    'lab',
  ]);
  assert.equal(r.status, 0, r.stderr);
  server = await startServe({ db: machine.db });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.stop();
  machine?.stop();
});

describe('training page with a calibration', () => {
  it('lists the calibration, sends it in place of accelerator and MFU, and shows its source', async () => {
    const { page, context, problems } = await openPage(browser, server.url, 'training');
    await page.check('input[name=mode][value=custom]');
    await page.waitForSelector('#f-calibration option[value=lab]', { state: 'attached' });
    await page.fill('#f-params', '7B');
    await page.fill('#f-tokens', '1T');
    await page.fill('#f-mfu', '0.5');
    await page.selectOption('#f-calibration', 'lab');
    assert.ok(await page.isDisabled('#f-hardware'));
    assert.ok(await page.isDisabled('#f-mfu'));
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-testid=total-co2e]');
    const title = await page.getAttribute('table.inputs tr:has(th:text-is("mfu")) .sourced', 'title');
    assert.equal(title, 'calibration:lab');
    const api = await postJson(`${server.url}/api/v1/estimate/training`, {
      params: '7B',
      tokens: '1T',
      chips: '64',
      calibration: 'lab',
    });
    assert.equal(api.status, 200);
    const shownMfu = await page.textContent('table.inputs tr:has(th:text-is("mfu")) .sourced');
    // The page rounds for display: the number shown must be the API's central value to the digits shown.
    const shown = /^(\d+)\.(\d+)/.exec(shownMfu ?? '');
    assert.ok(shown, `no utilisation shown: ${shownMfu}`);
    const halfLastDigit = 0.5 * 10 ** -shown[2].length + 1e-9;
    const central = api.body.inputs.mfu.value.central;
    assert.ok(Math.abs(Number(shown[0]) - central) <= halfLastDigit, `shown ${shown[0]}, API ${central}`);
    assert.deepEqual(problems, []);
    await context.close();
  });
});
