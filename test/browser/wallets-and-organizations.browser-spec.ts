/// <reference lib="dom" />
// Code inside page.evaluate() runs in the browser: DOM types for it.
import { beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../support/factories.js';
import { webAppInBrowser } from './browser-session.js';

/**
 * The screens of wallets, grants and organizations: paid and promotional credits, what expires soon
 * and the usage chart on the overview, the grants each ledger row touched, the grants list, and an
 * organization created, staffed, limited, bought for and switched to. Every screen is checked with
 * axe-core at 375 px and 1280 px; no console error is allowed.
 */

const web = webAppInBrowser();
const password = 'browser-password-1';
let auth: { Authorization: string };
let userId: string;

/** The grants filter, clicked as a pointer user does (React Aria keeps the radio input visually hidden). */
async function showGrants(label: string): Promise<void> {
  await web.page.getByRole('radiogroup', { name: 'Show' }).getByText(label, { exact: true }).click();
  expect(await web.page.getByRole('radio', { name: label }).isChecked()).toBe(true);
}

/** A purchase as a customer makes it, through the API and the sandbox's Pay button. */
async function buyThroughTheSandbox(credits: number, headers: Record<string, string> = {}): Promise<void> {
  const checkout = await web.t.http
    .post('/api/billing/checkout-sessions')
    .set({ ...auth, ...headers })
    .send({ credits })
    .expect(201);
  await web.t.http.post(`${new URL(checkout.body.checkoutUrl).pathname}/pay`).expect(200);
}

beforeAll(async () => {
  const registered = await web.t.http
    .post('/api/auth/register')
    .send({ email: 'grace@example.com', password, name: 'Grace' })
    .expect(201);
  auth = { Authorization: `Bearer ${registered.body.accessToken}` };
  userId = (await web.t.http.get('/api/auth/me').set(auth).expect(200)).body.id;
});

describe('wallets, grants and organizations in a browser', () => {
  it('shows paid and promotional credits, what expires soon, and the day’s spend in the usage chart', async () => {
    await buyThroughTheSandbox(100);
    const admin = await createUser(web.t, { role: 'ADMIN' });
    await web.t.http
      .post(`/api/admin/users/${userId}/credits`)
      .set(admin.auth)
      .send({ amount: 20, reason: 'welcome offer', expiresInDays: 3 })
      .expect(201);
    // Promotional credits that expire go first: 30 credits spent leave 0 promotional and 90 paid.
    for (let request = 0; request < 3; request++) {
      await web.t.http
        .post('/api/ai/generate')
        .set(auth)
        .send({ prompt: `request ${request}` })
        .expect(201);
    }
    // ... and a second offer, untouched, is what expires soon.
    await web.t.http
      .post(`/api/admin/users/${userId}/credits`)
      .set(admin.auth)
      .send({ amount: 15, reason: 'second offer', expiresInDays: 2 })
      .expect(201);

    await web.page.goto('/sign-in');
    await web.page.getByLabel('Email').fill('grace@example.com');
    await web.page.getByLabel('Password').fill(password);
    await web.page.getByRole('button', { name: 'Sign in' }).click();
    await web.page.getByRole('heading', { name: 'Overview' }).waitFor();

    await expect.poll(() => web.page.getByTestId('credits').textContent()).toBe('Credits: 105');
    expect(await web.page.getByTestId('paid').textContent()).toBe('90');
    expect(await web.page.getByTestId('promotional').textContent()).toBe('15');
    expect(await web.page.getByTestId('expiring-soon').textContent()).toMatch(/^15 credits expire /);
    expect(await web.page.getByTestId('wallet-name').textContent()).toBe('Your personal wallet');

    // The chart draws the API's days; its table says the same to those who cannot see the bars.
    const chart = web.page.locator('figure.usage-chart');
    await chart.locator('.recharts-bar-rectangle').first().waitFor();
    expect(await chart.locator('figcaption').textContent()).toBe('Credits spent per day, last 30 days');
    await chart.getByText(/^Usage as a table/).click();
    const today = new Date().toISOString().slice(0, 10);
    const todayRow = chart.getByRole('row').filter({ has: web.page.getByRole('cell', { name: today }) });
    expect(await todayRow.getByRole('cell').allTextContents()).toEqual([today, '30', '3']);
    expect(await chart.getByText('Usage as a table (30 credits in all)').count()).toBe(1);
    await web.check('overview-kinds-and-usage');
  });

  it('lists the grants each transaction touched, and the grants by status, page by page', async () => {
    await web.nav('Transactions').click();
    await web.page.getByRole('heading', { name: 'Transactions' }).waitFor();
    const rows = web.page.getByRole('region', { name: 'Transactions' }).locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(6);
    // Newest first: the second offer, then the three requests; the first request took 10 of the 20
    // promotional credits, as its Grants cell says.
    const firstRequest = rows.nth(3);
    expect(await firstRequest.locator('td').nth(1).textContent()).toBe('Usage');
    expect(await firstRequest.locator('td').nth(5).textContent()).toMatch(
      /^−?-?10 promotional grant …[0-9a-f]{4}$/,
    );
    expect(await rows.nth(5).locator('td').nth(5).textContent()).toMatch(/^\+100 paid grant …[0-9a-f]{4}$/);
    await web.check('transactions-with-grants');

    await web.nav('Grants').click();
    await web.page.getByRole('heading', { name: 'Grants' }).waitFor();
    const grants = web.page.getByRole('region', { name: 'Grants' }).locator('tbody tr');
    // Active: the second offer (expires first) and the purchase; the first offer is used up.
    await expect.poll(() => grants.count()).toBe(2);
    expect(await grants.nth(0).locator('td').nth(2).textContent()).toBe('Promotional');
    expect(await grants.nth(1).locator('td').nth(1).textContent()).toBe('Purchase');
    await web.check('grants');

    await showGrants('Used up');
    await expect.poll(() => grants.count()).toBe(1);
    expect(await grants.nth(0).locator('td').nth(7).textContent()).toBe('DEPLETED');
    await showGrants('Expired');
    await web.page.getByText('No grants here.').waitFor();
    await showGrants('All');
    await expect.poll(() => grants.count()).toBe(3);

    // 21 more grants: the list pages 20 at a time, and a new filter starts at page 1.
    const admin = await createUser(web.t, { role: 'ADMIN' });
    for (let grant = 0; grant < 21; grant++) {
      await web.t.http
        .post(`/api/admin/users/${userId}/credits`)
        .set(admin.auth)
        .send({ amount: 1, reason: `grant ${grant}` })
        .expect(201);
    }
    await web.page.reload();
    await showGrants('All');
    await expect.poll(() => grants.count()).toBe(20);
    await web.page.getByRole('button', { name: 'Next' }).click();
    await web.page.getByText('Page 2').waitFor();
    await expect.poll(() => grants.count()).toBe(4);
    await showGrants('Active');
    await web.page.getByText('Page 1').waitFor();
    await expect.poll(() => grants.count()).toBe(20);
  });

  it('creates an organization, adds a member, limits them, buys for it through the sandbox and switches to it', async () => {
    const bob = await createUser(web.t, { email: 'bob@example.com', name: 'Bob' });

    await web.nav('Organizations').click();
    await web.page.getByRole('heading', { name: 'Organizations' }).waitFor();
    await web.page.getByText('You are not in any organization yet.').waitFor();
    await web.check('organizations');

    await web.page.getByLabel('Organization name').fill('Acme Research');
    await web.page.getByRole('button', { name: 'Create organization' }).click();
    await web.page.getByRole('heading', { name: 'Acme Research' }).waitFor();
    const organizationId = /\/organizations\/([0-9a-f-]{36})$/.exec(web.page.url())![1];
    await expect.poll(() => web.page.getByTestId('organization-credits').textContent()).toBe('Credits: 0');
    await web.page.getByText('No purchases yet.').waitFor();

    await web.page.getByLabel('Email of a registered user').fill('bob@example.com');
    await web.page.getByLabel('Role', { exact: true }).selectOption('MEMBER');
    await web.page.getByRole('button', { name: 'Add member' }).click();
    const bobRow = web.page.getByTestId('member-bob@example.com');
    await bobRow.waitFor();
    expect(await bobRow.getByTestId('member-limit').textContent()).toBe(
      'Member · no spend limit (spent 0 this period)',
    );

    await bobRow.getByLabel('Limit (credits)').fill('30');
    await bobRow.getByLabel('Period').selectOption('DAY');
    await bobRow.getByRole('button', { name: 'Set limit' }).click();
    await expect
      .poll(() => bobRow.getByTestId('member-limit').textContent())
      .toBe('Member · spent 0 of 30 per day');
    const members = await web.t.http
      .get(`/api/organizations/${organizationId}/members`)
      .set(auth)
      .expect(200);
    expect(members.body).toContainEqual(
      expect.objectContaining({ userId: bob.id, role: 'MEMBER', spendLimit: { credits: 30, period: 'DAY' } }),
    );
    await web.check('organization');

    // Buying for it switches to its wallet, so the return page follows the organization's order.
    await web.page.getByRole('button', { name: 'Buy credits for Acme Research' }).click();
    await web.page.getByRole('heading', { name: 'Buy credits' }).waitFor();
    expect(await web.page.getByTestId('buying-for').textContent()).toBe('For Acme Research’s wallet');
    await web.page.getByTestId('price-50').waitFor();
    await web.check('buy-for-organization');
    await web.payInSandbox('Buy 50 credits for $10');
    await web.page.getByRole('link', { name: 'Back to the overview' }).click();
    await expect.poll(() => web.page.getByTestId('wallet-name').textContent()).toBe('Acme Research’s wallet');
    await expect.poll(() => web.page.getByTestId('credits').textContent()).toBe('Credits: 50');
    const organizationBalance = await web.t.http
      .get('/api/credits/balance')
      .set({ ...auth, 'X-Organization-Id': organizationId })
      .expect(200);
    expect(organizationBalance.body).toMatchObject({ remaining: 50, paid: 50, promotional: 0 });
    await web.check('overview-organization');

    // The switcher: back to the personal wallet, then to the organization's again.
    const wallet = web.page.getByLabel('Wallet', { exact: true });
    await wallet.selectOption({ label: 'Personal' });
    await expect.poll(() => web.page.getByTestId('wallet-name').textContent()).toBe('Your personal wallet');
    await expect.poll(() => web.page.getByTestId('credits').textContent()).toBe('Credits: 126');
    await wallet.selectOption({ label: 'Acme Research' });
    await expect.poll(() => web.page.getByTestId('credits').textContent()).toBe('Credits: 50');
    // It survives a reload (the provider's redirect back relies on that).
    await web.page.reload();
    await expect.poll(() => web.page.getByTestId('credits').textContent()).toBe('Credits: 50');

    await web.page.goto(`/organizations/${organizationId}`);
    await web.page
      .getByTestId('organization-orders')
      .getByText(/50 credits for \$10 · PAID/)
      .waitFor();
    await expect.poll(() => web.page.getByTestId('organization-credits').textContent()).toBe('Credits: 50');

    // Removing the member: gone from the list and from the API.
    await bobRow.getByRole('button', { name: 'Remove Bob from Acme Research' }).click();
    await expect.poll(() => bobRow.count()).toBe(0);
    const after = await web.t.http.get(`/api/organizations/${organizationId}/members`).set(auth).expect(200);
    expect(after.body.map((member: { email: string }) => member.email)).toEqual(['grace@example.com']);
  });

  it('found no serious or critical accessibility violation, no sideways scrolling and no console error', () => {
    expect(web.violations).toEqual([]);
    expect(web.session.problems).toEqual([]);
    expect(web.session.failedRequests).toEqual([]);
  });
});
