/// <reference lib="dom" />
// Code inside web.page.evaluate() runs in the browser: DOM types for it.
import type { Locator } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { AutoTopUpWorker } from '../../src/auto-top-up/auto-top-up.worker.js';
import { createUser } from '../support/factories.js';
import { byText } from '../support/ordering.js';
import { webAppInBrowser } from './browser-session.js';

/**
 * The auto top-up screen as a customer uses it, with the sandbox provider (which saves and charges a
 * card without an account): a card saved by a purchase, the rule turned on through the form (the API's
 * field errors first), spending through the API below the threshold, the worker's top-up showing up in
 * the attempts and the balance, an organization's rule (a MEMBER is told why not), and the card
 * forgotten after a confirmation. Every state is checked with axe-core at 375 px and 1280 px.
 */

const web = webAppInBrowser();
let worker: AutoTopUpWorker;
const email = 'lin@example.com';

/** The texts an input is described by: its description and, when invalid, the API's message. */
async function describedText(field: Locator): Promise<string> {
  const ids = ((await field.getAttribute('aria-describedby')) ?? '').split(' ').filter(Boolean);
  const texts = await Promise.all(ids.map((id) => web.page.locator(`[id="${id}"]`).textContent()));
  return texts.join(' ');
}

async function openAutoTopUp(): Promise<void> {
  await web.nav('Auto top-up').click();
  await web.page.getByRole('heading', { name: 'Auto top-up', level: 1 }).waitFor();
}

beforeAll(() => {
  worker = web.t.app.get(AutoTopUpWorker);
});

describe('auto top-up in a browser', () => {
  it('starts off with no card, and saves one by buying with “Save this card for auto top-up” through the sandbox', async () => {
    await web.page.goto('/register');
    await web.page.getByLabel('Email').fill(email);
    await web.page.getByLabel(/^Password/).fill('browser-password-1');
    await web.page.getByRole('button', { name: 'Create account' }).click();
    await web.page.getByRole('heading', { name: 'Overview' }).waitFor();

    await openAutoTopUp();
    await expect.poll(() => web.page.getByTestId('auto-top-up-status').textContent()).toBe('Off');
    expect(await web.page.getByTestId('saved-card').textContent()).toBe('No saved card.');
    expect(await web.page.getByTestId('consented-at').textContent()).toBe('Not yet');
    // Without a card there is nothing to charge: the form cannot turn it on yet.
    expect(await web.page.getByRole('button', { name: 'Turn on auto top-up' }).isDisabled()).toBe(true);
    await web.check('auto-top-up-empty');

    await web.page.getByRole('link', { name: 'Buy credits and save a card' }).click();
    await web.page.getByRole('heading', { name: 'Buy credits' }).waitFor();
    const saveCard = web.page.getByRole('checkbox', { name: 'Save this card for auto top-up' });
    expect(await saveCard.isChecked()).toBe(true);
    await web.page.getByTestId('price-100').waitFor();
    await web.check('buy-saving-the-card');
    await web.payInSandbox('Buy 100 credits for $18');

    await openAutoTopUp();
    await expect.poll(() => web.page.getByTestId('saved-card').textContent()).toBe('Sandbox •••• 4242');
    await expect.poll(() => web.page.getByTestId('auto-top-up-balance').textContent()).toBe('100 credits');
    // The order asked for it: the API stored the card for this wallet.
    const rule = await web.t.http
      .get('/api/credits/auto-top-up')
      .set(await web.authorization())
      .expect(200);
    expect(rule.body).toMatchObject({
      enabled: false,
      status: 'DISABLED',
      paymentMethod: { provider: 'sandbox', brand: 'sandbox', last4: '4242' },
    });
  });

  it('shows the API’s errors at the threshold and spend-limit fields, then turns the rule on with the consent', async () => {
    const threshold = web.page.getByRole('textbox', {
      name: 'Top up when the balance falls below (credits)',
    });
    const credits = web.page.getByRole('textbox', { name: 'Credits per top-up' });
    const limit = web.page.getByRole('textbox', { name: /^Spend at most this much a month/ });
    await threshold.fill('0');
    await credits.fill('100');
    await credits.press('Tab');
    // The price of one top-up is the API's quote.
    await expect
      .poll(() => web.page.getByTestId('top-up-quote').textContent())
      .toBe('100 credits cost $18 each time');
    await web.page.getByRole('button', { name: 'Turn on auto top-up' }).click();
    await expect.poll(() => threshold.getAttribute('aria-invalid')).toBe('true');
    expect(await describedText(threshold)).toContain('threshold must not be less than 1');
    await web.check('auto-top-up-field-error');

    await threshold.fill('50');
    await limit.fill('10');
    await web.page.getByRole('button', { name: 'Turn on auto top-up' }).click();
    await expect.poll(() => limit.getAttribute('aria-invalid')).toBe('true');
    expect(await describedText(limit)).toContain(
      'monthlySpendLimit (10.00 USD) is below the price of one top-up (18.00 USD)',
    );
    expect(await threshold.getAttribute('aria-invalid')).toBeNull();

    await limit.fill('100');
    expect(await web.page.getByTestId('consent').textContent()).toBe(
      'By turning auto top-up on, you allow this service to charge Sandbox •••• 4242 $18 for 100 credits each time spending takes this wallet below 50 credits, at most 5 times a calendar month (UTC) and no more than $100 a month. You can turn it off here at any time.',
    );
    await web.page.getByRole('button', { name: 'Turn on auto top-up' }).click();
    await web.page.getByRole('status').filter({ hasText: 'Auto top-up is on.' }).waitFor();
    await expect.poll(() => web.page.getByTestId('auto-top-up-status').textContent()).toBe('On');
    expect(await web.page.getByTestId('rule-top-up').textContent()).toBe('100 credits for $18');
    expect(await web.page.getByTestId('consented-at').textContent()).not.toBe('Not yet');
    await web.check('auto-top-up-on');

    const rule = await web.t.http
      .get('/api/credits/auto-top-up')
      .set(await web.authorization())
      .expect(200);
    expect(rule.body).toMatchObject({
      enabled: true,
      status: 'ACTIVE',
      threshold: 50,
      credits: 100,
      maxPerMonth: 5,
      monthlySpendLimit: 10_000,
    });
    expect(rule.body.consentedAt).not.toBeNull();
  });

  it('spending through the API below the threshold tops up: the attempt shows up, then its outcome and the new balance', async () => {
    const headers = await web.authorization();
    for (let request = 0; request < 6; request++) {
      await web.t.http
        .post('/api/ai/generate')
        .set(headers)
        .send({ prompt: `request ${request}` })
        .expect(201);
    }
    // 40 credits left, below 50: the spend that crossed the threshold created the attempt.
    await web.page.reload();
    const rows = web.page.getByRole('region', { name: 'Auto top-ups' }).locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.nth(0).locator('td').nth(3).textContent()).toBe('Waiting to charge the card');
    await expect.poll(() => web.page.getByTestId('auto-top-up-balance').textContent()).toBe('40 credits');

    // The worker charges the saved card; the screen, polling the in-flight attempt, shows the outcome.
    expect(await worker.run()).toEqual({ charged: 1, succeeded: 1 });
    await expect
      .poll(() => rows.nth(0).locator('td').nth(3).textContent(), { timeout: 10_000 })
      .toBe('Paid: credits added');
    expect(await rows.nth(0).locator('td').allTextContents()).toEqual([
      expect.any(String),
      '100',
      '$18',
      'Paid: credits added',
      expect.stringMatching(/^Order …[0-9a-f]{6}$/),
    ]);
    await expect.poll(() => web.page.getByTestId('auto-top-up-balance').textContent()).toBe('140 credits');
    expect(await web.page.getByRole('button', { name: 'Next' }).isDisabled()).toBe(true);
    await web.check('auto-top-up-attempts');

    const balance = await web.t.http.get('/api/credits/balance').set(headers).expect(200);
    expect(balance.body).toMatchObject({ remaining: 140 });
  });

  it('lists the attempts newest first, ten to a page, with a decline’s code', async () => {
    // Ten older declines, written straight to the table: the rule's own counters are not involved.
    const user = await web.t.prisma.user.findUniqueOrThrow({ where: { email }, include: { wallet: true } });
    const hour = 3_600_000;
    await web.t.prisma.autoTopUpAttempt.createMany({
      data: Array.from({ length: 10 }, (_, index) => ({
        walletId: user.wallet!.id,
        status: 'FAILED' as const,
        credits: 100,
        amount: 1800,
        currency: 'usd',
        failureCode: 'card_declined',
        createdAt: new Date(Date.now() - (index + 1) * hour),
      })),
    });
    await web.page.reload();
    const rows = web.page.getByRole('region', { name: 'Auto top-ups' }).locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(10);
    const outcomes = await rows.evaluateAll((cells) => cells.map((row) => row.children[3]?.textContent));
    expect(outcomes).toEqual(['Paid: credits added', ...Array(9).fill('Declined (card_declined)')]);
    expect(await rows.nth(1).locator('td').nth(4).textContent()).toBe('—');

    await web.page.getByRole('button', { name: 'Next' }).click();
    await web.page.getByText('Page 2').waitFor();
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.nth(0).locator('td').nth(3).textContent()).toBe('Declined (card_declined)');
    expect(await web.page.getByRole('button', { name: 'Next' }).isDisabled()).toBe(true);
    await web.page.getByRole('button', { name: 'Previous' }).click();
    await web.page.getByText('Page 1').waitFor();
    await expect.poll(() => rows.count()).toBe(10);
  });

  it('with an organization selected, manages its wallet’s rule; a MEMBER is told why it cannot', async () => {
    const headers = await web.authorization();
    await web.t.http.post('/api/organizations').set(headers).send({ name: 'Lin Studio' }).expect(201);
    const bob = await createUser(web.t, { email: 'bob@example.com' });
    const bobs = await web.t.http
      .post('/api/organizations')
      .set(bob.auth)
      .send({ name: 'Bob Lab' })
      .expect(201);
    await web.t.http
      .post(`/api/organizations/${bobs.body.id}/members`)
      .set(bob.auth)
      .send({ email, role: 'MEMBER' })
      .expect(201);
    await web.page.reload();

    const wallet = web.page.getByLabel('Wallet', { exact: true });
    await wallet.selectOption({ label: 'Lin Studio' });
    await expect
      .poll(() => web.page.getByTestId('managing-for').textContent())
      .toBe('For Lin Studio’s wallet');
    // The organization's wallet has its own rule and no card yet.
    await expect.poll(() => web.page.getByTestId('saved-card').textContent()).toBe('No saved card.');
    expect(await web.page.getByTestId('auto-top-up-status').textContent()).toBe('Off');
    await expect.poll(() => web.page.getByTestId('auto-top-up-balance').textContent()).toBe('0 credits');

    await wallet.selectOption({ label: 'Bob Lab' });
    const refused = web.page.getByTestId('auto-top-up-forbidden');
    await refused.waitFor();
    expect(await refused.textContent()).toContain(
      'Only the owners and billing admins of Bob Lab can see and change its auto top-up',
    );
    expect(await web.page.getByRole('button', { name: 'Turn on auto top-up' }).count()).toBe(0);
    await web.check('auto-top-up-member');

    await wallet.selectOption({ label: 'Personal' });
    await expect.poll(() => web.page.getByTestId('saved-card').textContent()).toBe('Sandbox •••• 4242');
  });

  it('turns the rule off (the card stays), then forgets the card only after a confirmation, by keyboard', async () => {
    await web.page.getByRole('button', { name: 'Turn off auto top-up' }).click();
    await expect.poll(() => web.page.getByTestId('auto-top-up-status').textContent()).toBe('Off');
    expect(await web.page.getByTestId('saved-card').textContent()).toBe('Sandbox •••• 4242');
    expect(
      (
        await web.t.http
          .get('/api/credits/auto-top-up')
          .set(await web.authorization())
          .expect(200)
      ).body,
    ).toMatchObject({
      enabled: false,
      status: 'DISABLED',
      threshold: 50,
    });

    const forget = web.page.getByRole('button', { name: 'Forget this card' });
    await forget.click();
    const dialog = web.page.getByRole('alertdialog', { name: 'Forget Sandbox •••• 4242?' });
    await dialog.waitFor();
    await web.check('auto-top-up-forget-dialog');
    await dialog.getByRole('button', { name: 'Keep the card' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await web.page.getByTestId('saved-card').textContent()).toBe('Sandbox •••• 4242');

    await forget.focus();
    await web.page.keyboard.press('Enter');
    await dialog.waitFor();
    const focused = () => web.page.evaluate(() => document.activeElement?.textContent);
    // Focus moves into the dialog, onto the safe choice.
    await expect.poll(focused).toBe('Keep the card');
    // Escape keeps the card and gives the focus back to the button that opened the dialog. react-aria
    // gives it back on the animation frame after the dialog leaves the page, so until then it is on
    // the body: waited for, not read at once (a loaded machine's frame can come after the read).
    await web.page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(focused).toBe('Forget this card');
    await web.page.keyboard.press('Enter');
    await dialog.waitFor();
    await web.page.keyboard.press('Tab');
    expect(await focused()).toBe('Forget the card');
    await web.page.keyboard.press('Enter');
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => web.page.getByTestId('saved-card').textContent()).toBe('No saved card.');
    await expect.poll(() => web.page.getByTestId('auto-top-up-status').textContent()).toBe('Off');

    const rule = await web.t.http
      .get('/api/credits/auto-top-up')
      .set(await web.authorization())
      .expect(200);
    expect(rule.body).toMatchObject({ enabled: false, status: 'DISABLED', paymentMethod: null });
  });

  it('found no serious or critical accessibility violation, no sideways scrolling and no console error', () => {
    expect(web.violations).toEqual([]);
    expect(web.session.problems).toEqual([]);
    // Only what the scenario provoked: the two bad rules, and the MEMBER's refusal. Switching wallets
    // also asks again, under the new wallet, for the attempts still on screen: a second 403, in either order.
    expect(web.session.failedRequests.toSorted(byText)).toEqual([
      '400 /api/credits/auto-top-up',
      '400 /api/credits/auto-top-up',
      '403 /api/credits/auto-top-up',
      '403 /api/credits/auto-top-up/attempts',
    ]);
  });
});
