/// <reference lib="dom" />
// Code inside page.evaluate() runs in the browser: DOM types for it.
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { DEFAULT_WEB_APP_DIRECTORY } from '../../src/web-app/serve-web-app.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * Debian's chromium driven by playwright-core (no browser download): the launch flags keep it off the
 * network this machine does not have. Every page records console errors and uncaught exceptions, and
 * can run axe-core and take a screenshot at both widths the app supports.
 */

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const WIDTHS = { mobile: { width: 375, height: 812 }, desktop: { width: 1280, height: 900 } } as const;
const SCREENSHOTS = new URL('../../browser-screenshots/', import.meta.url);

const axeSource = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** PUBLIC_URL must name the port the browser uses, so a provider's return link comes back to it. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The real service with the built web app (web/dist) at `/`, on a fresh database, PUBLIC_URL its own address. */
async function startServiceWithWebApp(env: Record<string, string> = {}): Promise<TestApp> {
  if (!existsSync(join(DEFAULT_WEB_APP_DIRECTORY, 'index.html'))) {
    throw new Error('web/dist is missing: run `npm run build:web` first (npm run test:web does)');
  }
  const port = await freePort();
  return createTestApp({
    port,
    webAppDirectory: DEFAULT_WEB_APP_DIRECTORY,
    env: { PUBLIC_URL: `http://127.0.0.1:${port}`, ...env },
  });
}

interface BrowserSession {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught exceptions seen so far, with where they came from. */
  problems: string[];
  /**
   * The browser's own "Failed to load resource" lines for API answers of 4xx, as `status path`: the
   * app handles them (a 404 for an address not saved yet, a 400 shown at a field), but Chromium logs
   * every such response as an error, so the test lists the ones it expects instead of ignoring them.
   */
  failedRequests: string[];
  close(): Promise<void>;
}

async function openBrowser(baseURL: string): Promise<BrowserSession> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const context = await browser.newContext({ baseURL, viewport: WIDTHS.desktop });
  const page = await context.newPage();
  const problems: string[] = [];
  const failedRequests: string[] = [];
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const failed = /^Failed to load resource: the server responded with a status of (4\d\d)/.exec(
      message.text(),
    );
    const url = message.location().url;
    if (failed && url.startsWith(baseURL)) failedRequests.push(`${failed[1]} ${new URL(url).pathname}`);
    else problems.push(`console: ${message.text()} (${url})`);
  });
  page.on('pageerror', (error) => problems.push(`exception: ${error.message}`));
  await mkdir(SCREENSHOTS, { recursive: true });
  return { browser, context, page, problems, failedRequests, close: () => browser.close() };
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; html: string }[];
}

/**
 * Runs axe-core in the page. It is evaluated through the DevTools protocol rather than added as a
 * <script>, so the service's Content-Security-Policy (same origin only) does not have to allow it.
 */
async function seriousViolations(page: Page): Promise<string[]> {
  const alreadyLoaded = await page.evaluate(() => 'axe' in window);
  if (!alreadyLoaded) await page.evaluate(await axeSource);
  const violations = await page.evaluate(async () => {
    const result = await (
      window as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }
    ).axe.run();
    return result.violations;
  });
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.impact} ${violation.id}: ${violation.help} at ${violation.nodes.map((node) => `${node.target.join(' ')} ${node.html.slice(0, 200)}`).join(', ')}`,
    );
}

/**
 * Each width in turn: resize, let the layout settle, run axe, screenshot to browser-screenshots/.
 * Returns the serious or critical violations found at either width (none expected).
 */
async function checkAtBothWidths(page: Page, name: string): Promise<string[]> {
  const found: string[] = [];
  for (const [label, size] of Object.entries(WIDTHS)) {
    await page.setViewportSize(size);
    await page.waitForTimeout(100);
    found.push(
      ...(await seriousViolations(page)).map((violation) => `${name} @${size.width}px: ${violation}`),
    );
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    if (overflow > 0) found.push(`${name} @${size.width}px: the page scrolls sideways by ${overflow}px`);
    await page.screenshot({ path: new URL(`${name}-${label}.png`, SCREENSHOTS).pathname, fullPage: true });
  }
  await page.setViewportSize(WIDTHS.desktop);
  return found;
}

/**
 * A spec file's service and browser, and what every spec does with them. Registers the hooks that
 * start both before the file's tests and close both after them; the fields are set once that
 * `beforeAll` has run. `env` is read then too, so it may name a fake started in an earlier hook.
 */
export interface WebAppInBrowser {
  t: TestApp;
  session: BrowserSession;
  page: Page;
  /** What `check` found, for the spec's last test to expect empty. */
  violations: string[];
  /** axe-core and the screenshots at both widths, the violations kept in `violations`. */
  check(name: string): Promise<void>;
  /** A link of the app's main navigation. */
  nav(name: string): Locator;
  /** The signed-in user's bearer token, as the app keeps it. */
  authorization(): Promise<{ Authorization: string }>;
  /** Presses the Buy button named `buy`, pays on the sandbox's checkout page, and waits on the return page until the order is paid. */
  payInSandbox(buy: string): Promise<void>;
}

export function webAppInBrowser(env: () => Record<string, string> = () => ({})): WebAppInBrowser {
  const web: WebAppInBrowser = {
    t: undefined as unknown as TestApp,
    session: undefined as unknown as BrowserSession,
    page: undefined as unknown as Page,
    violations: [],
    async check(name) {
      web.violations.push(...(await checkAtBothWidths(web.page, name)));
    },
    nav: (name) =>
      web.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }),
    async authorization() {
      const token = await web.page.evaluate(() => localStorage.getItem('forge-credits.access-token'));
      expect(token).toBeTruthy();
      return { Authorization: `Bearer ${token}` };
    },
    async payInSandbox(buy) {
      await web.page.getByRole('button', { name: buy }).click();
      await expect.poll(() => web.page.url()).toMatch(/\/api\/payments\/sandbox\/checkout\/sbx_/);
      await web.page.getByRole('button', { name: 'Pay' }).click();
      await web.page.getByRole('link', { name: 'Back to Forge Credits' }).click();
      await expect
        .poll(() => web.page.getByTestId('order-status').textContent())
        .toBe('Paid: the credits are on your balance.');
    },
  };
  beforeAll(async () => {
    web.t = await startServiceWithWebApp(env());
    web.session = await openBrowser(web.t.baseUrl);
    web.page = web.session.page;
  });
  afterAll(async () => {
    await web.session?.close();
    await web.t?.close();
  });
  return web;
}
