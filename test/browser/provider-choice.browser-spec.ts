/// <reference lib="dom" />
// Code inside page.evaluate() runs in the browser: DOM types for it.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeStripeServer, startFakeStripeServer } from '../support/fake-stripe-server.js';
import type { TestApp } from '../support/test-app.js';
import {
  type BrowserSession,
  checkAtBothWidths,
  openBrowser,
  startServiceWithWebApp,
} from './browser-session.js';

/**
 * With several providers enabled (Stripe, against the fake Stripe API, and the sandbox), the buy
 * screen offers the choice, preselects the default, and a keyboard user can pick another one.
 */

let t: TestApp;
let stripe: FakeStripeServer;
let session: BrowserSession;
let page: Page;

beforeAll(async () => {
  stripe = await startFakeStripeServer();
  t = await startServiceWithWebApp(stripe.env());
  session = await openBrowser(t.baseUrl);
  page = session.page;
});

afterAll(async () => {
  await session?.close();
  await t?.close();
  await stripe?.close();
});

describe('provider choice', () => {
  it('offers every enabled provider, the default chosen, and buys through the one picked by keyboard', async () => {
    const packs = await t.http.get('/api/billing/packs').expect(200);
    expect(packs.body).toMatchObject({ providers: ['stripe', 'sandbox'], defaultProvider: 'stripe' });

    await page.goto('/register');
    await page.getByLabel('Email').fill('grace@example.com');
    await page.getByLabel(/^Password/).fill('browser-password-2');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    await page.goto('/buy');

    const choice = page.getByRole('radiogroup', { name: 'Pay with' });
    await choice.waitFor();
    expect(await choice.getByRole('radio', { name: 'Stripe' }).isChecked()).toBe(true);
    expect(await choice.getByRole('radio', { name: 'Sandbox (no real money)' }).isChecked()).toBe(false);
    const violations = await checkAtBothWidths(page, 'buy-providers');

    await choice.getByRole('radio', { name: 'Stripe' }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await choice.getByRole('radio', { name: 'Sandbox (no real money)' }).isChecked()).toBe(true);

    await page.getByRole('button', { name: 'Buy 50 credits for $10' }).click();
    await expect.poll(() => page.url()).toMatch(/\/api\/payments\/sandbox\/checkout\/sbx_/);
    expect(stripe.checkoutCreates).toHaveLength(0);

    expect(violations).toEqual([]);
    expect(session.problems).toEqual([]);
    expect(session.failedRequests).toEqual([]);
  });
});
