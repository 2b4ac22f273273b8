import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchChromium, openPage } from './_browser.js';
import { type ServeHandle, startServe } from './_server.js';

/** A server bound off loopback needs a token: the dashboard asks for it, then works with it. */
const TOKEN = 'dashboard-token-0123456789';
let server: ServeHandle;
let browser: Browser;
let base: string;
before(async () => {
  server = await startServe({ args: ['--host', '0.0.0.0'], env: { EMPREINTE_TOKEN: TOKEN } });
  base = `http://127.0.0.1:${new URL(server.url).port}`;
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

describe('dashboard with a token', () => {
  it('asks for the token, then estimates with it', async () => {
    const { page, context } = await openPage(browser, base, 'training');
    await page.waitForSelector('#api-token');
    await page.fill('#api-token', 'not-the-token-0000000');
    await page.click('.error button[type=submit]');
    await page.waitForSelector('#api-token');
    await page.fill('#api-token', TOKEN);
    await page.click('.error button[type=submit]');
    await page.waitForSelector('#f-model option[value="llama-2-70b"]', { state: 'attached' });
    assert.equal(await page.locator('#api-token').count(), 0);
    await page.click('form.card button[type=submit]');
    const figure = await (await page.waitForSelector('[data-testid=total-co2e]')).textContent();
    assert.match(figure!, /CO₂e/);
    await context.close();
  });
});
