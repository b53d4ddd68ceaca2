import { appendFileSync, mkdirSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ARTIFACTS_DIR } from './paths';

/** Debian's Chromium (package chromium), driven by playwright-core: no browser download. */
export const CHROMIUM = '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  // Chromium's own sandbox cannot start as root (CI runs as root).
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}

/**
 * A fresh profile (own cookies and storage) at a laptop's screen size, optionally in a
 * given time zone and locale (as the person's own machine would be). What its pages
 * log, and any script error, goes to artifacts/portal-e2e/browser.log.
 */
export async function newLaptopContext(
  browser: Browser,
  baseURL: string,
  where: { timezoneId?: string; locale?: string } = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL, viewport: { width: 1366, height: 768 }, ...where });
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const log = (line: string) => appendFileSync(path.join(ARTIFACTS_DIR, 'browser.log'), `${new Date().toISOString()} ${line}\n`);
  context.on('page', (page) => {
    page.on('console', (message) => log(`console.${message.type()} ${page.url()} ${message.text()}`));
    page.on('pageerror', (error) => log(`page error ${page.url()} ${error.stack ?? error.message}`));
    page.on('requestfailed', (request) => log(`request failed ${request.url()} ${request.failure()?.errorText}`));
  });
  return context;
}

let shots = 0;

/** A full-page screenshot kept as a test artifact: artifacts/portal-e2e/NN-name.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  shots++;
  await page.screenshot({ path: path.join(ARTIFACTS_DIR, `${String(shots).padStart(2, '0')}-${name}.png`), fullPage: true });
}

/** Signs in through the form, as a person would. */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Exercises', level: 1 }).waitFor();
}
