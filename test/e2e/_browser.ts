import { mkdirSync } from 'node:fs';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

/** Debian's Chromium, headless, with nothing that reaches the network on its own. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

export const ARTIFACTS = new URL('../../test-artifacts/', import.meta.url);
mkdirSync(ARTIFACTS, { recursive: true });
export const artifact = (name: string) => new URL(name, ARTIFACTS).pathname;

export interface OpenedPage {
  page: Page;
  context: BrowserContext;
  /** Console errors, page errors and any request that left the server (the dashboard works offline). */
  problems: string[];
}

/** A fresh browser context on a dashboard page; `problems` collects what must not happen. */
export async function openPage(
  browser: Browser,
  base: string,
  hash: string,
  options: { width?: number; height?: number; locale?: string } = {},
  navigate = true,
): Promise<OpenedPage> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
    locale: options.locale ?? 'en-GB',
    acceptDownloads: true,
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(base) && !url.startsWith('data:') && !url.startsWith('blob:')) {
      problems.push(`external request: ${url}`);
    }
  });
  if (navigate) {
    await page.goto(`${base}/#/${hash}`);
    await page.waitForSelector('main h1');
  }
  return { page, context, problems };
}
