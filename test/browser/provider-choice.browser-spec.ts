/// <reference lib="dom" />
// Code inside page.evaluate() runs in the browser: DOM types for it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeStripeServer, startFakeStripeServer } from '../support/fake-stripe-server.js';
import { webAppInBrowser } from './browser-session.js';

/**
 * With several providers enabled (Stripe, against the fake Stripe API, and the sandbox), the buy
 * screen offers the choice, preselects the default, and a keyboard user can pick another one.
 */

let stripe: FakeStripeServer;

// Registered first: started before the service that points at it, closed after it.
beforeAll(async () => {
  stripe = await startFakeStripeServer();
});
afterAll(async () => {
  await stripe?.close();
});

const web = webAppInBrowser(() => stripe.env());

describe('provider choice', () => {
  it('offers every enabled provider, the default chosen, and buys through the one picked by keyboard', async () => {
    const packs = await web.t.http.get('/api/billing/packs').expect(200);
    expect(packs.body).toMatchObject({ providers: ['stripe', 'sandbox'], defaultProvider: 'stripe' });

    await web.page.goto('/register');
    await web.page.getByLabel('Email').fill('grace@example.com');
    await web.page.getByLabel(/^Password/).fill('browser-password-2');
    await web.page.getByRole('button', { name: 'Create account' }).click();
    await web.page.getByRole('heading', { name: 'Overview' }).waitFor();
    await web.page.goto('/buy');

    const choice = web.page.getByRole('radiogroup', { name: 'Pay with' });
    await choice.waitFor();
    expect(await choice.getByRole('radio', { name: 'Stripe' }).isChecked()).toBe(true);
    expect(await choice.getByRole('radio', { name: 'Sandbox (no real money)' }).isChecked()).toBe(false);
    await web.check('buy-providers');

    await choice.getByRole('radio', { name: 'Stripe' }).focus();
    await web.page.keyboard.press('ArrowRight');
    expect(await choice.getByRole('radio', { name: 'Sandbox (no real money)' }).isChecked()).toBe(true);

    await web.page.getByRole('button', { name: 'Buy 50 credits for $10' }).click();
    await expect.poll(() => web.page.url()).toMatch(/\/api\/payments\/sandbox\/checkout\/sbx_/);
    expect(stripe.checkoutCreates).toHaveLength(0);

    expect(web.violations).toEqual([]);
    expect(web.session.problems).toEqual([]);
    expect(web.session.failedRequests).toEqual([]);
  });
});
