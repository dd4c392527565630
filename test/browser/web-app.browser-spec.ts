/// <reference lib="dom" />
// Code inside page.evaluate() runs in the browser: DOM types for it.
import { describe, expect, it } from 'vitest';
import { webAppInBrowser } from './browser-session.js';

/**
 * The web app as a customer uses it: the built app (npm run build:web) served by the real service on a
 * fresh PostgreSQL database, in Debian's chromium. One customer goes through the screens in order;
 * every screen is checked with axe-core at 375 px and 1280 px and photographed to browser-screenshots/.
 */

const web = webAppInBrowser();
const email = 'ada@example.com'; // a fresh database: no one else has it

describe('the web app in a browser', () => {
  it('sends a visitor to sign in; registering lands on the overview with Credits: 0 and Buy more', async () => {
    await web.page.goto('/');
    await expect.poll(() => web.page.url()).toMatch(/\/sign-in$/);
    await web.page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await web.check('sign-in');

    await web.page.getByRole('link', { name: 'Create an account' }).click();
    await web.page.getByRole('heading', { name: 'Create your account' }).waitFor();
    await web.check('register');

    await web.page.getByLabel('Name (optional)').fill('Browser Customer');
    await web.page.getByLabel('Email').fill(email);
    await web.page.getByLabel(/^Password/).fill('browser-password-1');
    await web.page.getByRole('button', { name: 'Create account' }).click();

    await web.page.getByRole('heading', { name: 'Overview' }).waitFor();
    await expect.poll(() => web.page.getByTestId('credits').textContent()).toBe('Credits: 0');
    expect(await web.page.getByRole('link', { name: 'Buy more' }).isVisible()).toBe(true);
    await web.check('overview-empty');
  });

  it('shows the seed’s three cards at $10, $18 and $40, and the API’s price for another amount', async () => {
    await web.page.getByRole('link', { name: 'Buy more' }).click();
    await web.page.getByRole('heading', { name: 'Buy credits' }).waitFor();
    await web.page.getByTestId('price-250').waitFor();
    expect(await web.page.getByTestId('price-50').textContent()).toBe('$10');
    expect(await web.page.getByTestId('price-100').textContent()).toBe('$18');
    expect(await web.page.getByTestId('price-250').textContent()).toBe('$40');
    expect(await web.page.getByRole('heading', { level: 2 }).allTextContents()).toEqual(
      expect.arrayContaining(['50 Credits', '100 Credits', '250 Credits']),
    );

    const amount = web.page.getByRole('textbox', { name: 'Credits (a multiple of 50)' });
    await amount.fill('150');
    await amount.press('Tab');
    await expect.poll(() => web.page.getByTestId('quote').textContent()).toBe('150 credits: $27');
    await web.check('buy');
  });

  it('buys 100 credits through the sandbox; the return page follows the order until it is paid', async () => {
    await web.page.getByRole('button', { name: 'Buy 100 credits for $18' }).click();
    await expect.poll(() => web.page.url()).toMatch(/\/api\/payments\/sandbox\/checkout\/sbx_/);
    await web.page.getByRole('heading', { name: '100 credits' }).waitFor();
    await web.page.getByRole('button', { name: 'Pay' }).click();
    await web.page.getByRole('heading', { name: 'Payment received' }).waitFor();

    await web.page.getByRole('link', { name: 'Back to Forge Credits' }).click();
    await expect.poll(() => web.page.url()).toMatch(/\/orders\/[0-9a-f-]{36}\?checkout=success$/);
    await expect
      .poll(() => web.page.getByTestId('order-status').textContent())
      .toBe('Paid: the credits are on your balance.');
    await web.check('order-paid');

    await web.page.getByRole('link', { name: 'Back to the overview' }).click();
    await expect.poll(() => web.page.getByTestId('credits').textContent()).toBe('Credits: 100');
    expect(await web.page.getByRole('link', { name: 'Buy more' }).count()).toBe(0);
    await web.check('overview');
    // The README's picture of the overview.
    await web.page.screenshot({
      path: new URL('../../browser-screenshots/readme-overview.png', import.meta.url).pathname,
    });
  });

  it('offers Buy more again once spending through the API takes the balance under 10', async () => {
    const auth = await web.authorization();
    for (let spent = 0; spent < 90; spent += 10) {
      await web.t.http
        .post('/api/ai/generate')
        .set(auth)
        .send({ prompt: `request ${spent}` })
        .expect(201);
    }
    await web.page.reload();
    await expect.poll(() => web.page.getByTestId('credits').textContent()).toBe('Credits: 10');
    expect(await web.page.getByRole('link', { name: 'Buy more' }).count()).toBe(0);

    await web.t.http.post('/api/ai/generate').set(auth).send({ prompt: 'the last one' }).expect(201);
    await web.page.reload();
    await expect.poll(() => web.page.getByTestId('credits').textContent()).toBe('Credits: 0');
    await web.page.getByRole('link', { name: 'Buy more' }).waitFor();
  });

  it('pages through the transactions, 20 at a time, and lists the orders', async () => {
    await web.page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Transactions' })
      .click();
    await web.page.getByRole('heading', { name: 'Transactions' }).waitFor();
    await web.page.getByRole('cell', { name: 'Purchase', exact: true }).waitFor();
    expect(await web.page.getByRole('cell', { name: 'Usage', exact: true }).count()).toBe(10);
    expect(await web.page.getByRole('button', { name: 'Next' }).isDisabled()).toBe(true);
    await web.check('transactions');

    // A second purchase (through the API and the sandbox's Pay) and 25 more requests: 37 rows in all.
    const auth = await web.authorization();
    const checkout = await web.t.http
      .post('/api/billing/checkout-sessions')
      .set(auth)
      .send({ credits: 250 })
      .expect(201);
    await web.t.http.post(`${new URL(checkout.body.checkoutUrl).pathname}/pay`).expect(200);
    for (let request = 0; request < 25; request++) {
      await web.t.http
        .post('/api/ai/generate')
        .set(auth)
        .send({ prompt: `more ${request}` })
        .expect(201);
    }
    await web.page.reload();
    const rows = web.page.getByRole('region', { name: 'Transactions' }).locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(20);
    expect(await web.page.getByRole('cell', { name: 'Purchase', exact: true }).count()).toBe(0);
    await web.page.getByRole('button', { name: 'Next' }).click();
    await web.page.getByText('Page 2').waitFor();
    await expect.poll(() => rows.count()).toBe(17);
    expect(await web.page.getByRole('cell', { name: 'Purchase', exact: true }).count()).toBe(2);
    expect(await web.page.getByRole('button', { name: 'Next' }).isDisabled()).toBe(true);
    await web.page.getByRole('button', { name: 'Previous' }).click();
    await web.page.getByText('Page 1').waitFor();
    await expect.poll(() => rows.count()).toBe(20);

    await web.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Orders' }).click();
    await web.page.getByRole('heading', { name: 'Orders' }).waitFor();
    await expect.poll(() => web.page.getByRole('cell', { name: 'PAID', exact: true }).count()).toBe(2);
    await web.check('orders');
  });

  it('shows the API’s validation error at the postal-code field, then saves the address', async () => {
    await web.page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Billing address' })
      .click();
    await web.page.getByRole('heading', { name: 'Billing address' }).waitFor();
    await web.check('billing-address');

    await web.page.getByLabel('Address line 1').fill('12 St James’s Square');
    await web.page.getByLabel('City').fill('London');
    await web.page.getByLabel('Postal code').fill('SW1Y 4LE SW1Y 4LE SW1Y 4LE');
    await web.page.getByLabel(/^Country/).fill('GB');
    await web.page.getByRole('button', { name: 'Save address' }).click();

    // The message is the API's (VALIDATION_FAILED details for postalCode), tied to the input.
    const postalCode = web.page.getByLabel('Postal code');
    await expect.poll(() => postalCode.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await postalCode.getAttribute('aria-describedby')) ?? '';
    const described = await Promise.all(
      describedBy.split(' ').map((id) => web.page.locator(`[id="${id}"]`).textContent()),
    );
    expect(described.join(' ')).toContain('postalCode must be shorter than or equal to 20 characters');
    await web.check('billing-address-error');

    await postalCode.fill('SW1Y 4LE');
    await web.page.getByRole('button', { name: 'Save address' }).click();
    await web.page.getByRole('status').filter({ hasText: 'Address saved.' }).waitFor();
    const saved = await web.t.http.get('/api/billing/address').set(await web.authorization());
    expect(saved.body).toMatchObject({ postalCode: 'SW1Y 4LE', country: 'GB', city: 'London' });
  });

  it('creates an API key that is shown once and works, then revokes it', async () => {
    await web.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'API keys' }).click();
    await web.page.getByRole('heading', { name: 'API keys' }).waitFor();
    await web.page.getByText('No keys yet.').waitFor();
    await web.check('api-keys');

    await web.page.getByLabel('Name').fill('browser key');
    await web.page.getByRole('button', { name: 'Create key' }).click();
    const shown = web.page.getByTestId('new-key');
    await shown.waitFor();
    const key = (await shown.locator('code').textContent())!;
    expect(key).toMatch(/^fc_/);
    await web.check('api-key-created');
    await web.t.http.get('/api/credits/balance').set('X-API-Key', key).expect(200);

    await web.page.getByRole('button', { name: 'I have copied it' }).click();
    await web.page.reload();
    await web.page.getByRole('cell', { name: 'browser key', exact: true }).waitFor();
    expect(await web.page.content()).not.toContain(key);

    await web.page.getByRole('button', { name: 'Revoke browser key' }).click();
    await web.page.getByText('No keys yet.').waitFor();
    await web.t.http.get('/api/credits/balance').set('X-API-Key', key).expect(401);
  });

  it('works by keyboard: the skip link, then the navigation', async () => {
    await web.page.goto('/');
    await web.page.getByRole('heading', { name: 'Overview' }).waitFor();
    await web.page.keyboard.press('Tab');
    expect(await web.page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await web.page.keyboard.press('Enter');
    expect(await web.page.evaluate(() => document.activeElement?.id)).toBe('main');

    await web.page.goto('/');
    await web.page.getByRole('heading', { name: 'Overview' }).waitFor();
    const reached: string[] = [];
    for (let i = 0; i < 6 && !reached.includes('Buy credits'); i++) {
      await web.page.keyboard.press('Tab');
      reached.push((await web.page.evaluate(() => document.activeElement?.textContent)) ?? '');
    }
    expect(reached).toContain('Buy credits');
    await web.page.keyboard.press('Enter');
    await web.page.getByRole('heading', { name: 'Buy credits' }).waitFor();
    await web.page.getByTestId('price-50').waitFor();
    await web.page.keyboard.press('Tab');
    // Tab order reaches the cards' Buy buttons.
    for (let i = 0; i < 12; i++) {
      const label = await web.page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
      if (label === 'Buy 50 credits for $10') break;
      await web.page.keyboard.press('Tab');
    }
    expect(await web.page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      'Buy 50 credits for $10',
    );
  });

  it('a page outside the app’s routes says so; signing out returns to sign-in', async () => {
    await web.page.goto('/no-such-screen');
    await web.page.getByRole('heading', { name: 'Page not found' }).waitFor();
    await web.check('not-found');
    await web.page.getByRole('link', { name: 'Go to the overview' }).click();
    await web.page.getByRole('button', { name: 'Sign out' }).click();
    await web.page.getByRole('heading', { name: 'Sign in' }).waitFor();

    await web.page.getByLabel('Email').fill(email);
    await web.page.getByLabel('Password').fill('browser-password-1');
    await web.page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => web.page.getByTestId('credits').textContent()).toBe('Credits: 0');
  });

  it('found no serious or critical accessibility violation, no sideways scrolling and no console error', () => {
    expect(web.violations).toEqual([]);
    expect(web.session.problems).toEqual([]);
    // Only the answers the scenario provoked: no address saved yet, then the bad postal code.
    expect(web.session.failedRequests).toEqual(['404 /api/billing/address', '400 /api/billing/address']);
  });
});
