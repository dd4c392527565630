import { describe, expect, it } from 'vitest';
import type { PaymentEvent } from '../payments/payment-gateway.js';
import {
  type OrderState,
  planFulfilment,
  purchaseReference,
  refundShare,
  statusOf,
} from './fulfilment-policy.js';

const order: OrderState = {
  id: '00000000-0000-4000-8000-000000000001',
  userId: '00000000-0000-4000-8000-000000000002',
  walletId: '00000000-0000-4000-8000-000000000003',
  provider: 'stripe',
  providerSessionId: 'cs_1',
  providerPaymentId: null,
  credits: 100,
  amount: 1800,
  amountPaid: null,
  currency: 'usd',
  status: 'PENDING',
  refundedAmount: 0,
  creditsClawedBack: 0,
};

function event(kind: PaymentEvent['kind'], fields: Partial<PaymentEvent> = {}): PaymentEvent {
  return { provider: 'stripe', eventId: `evt_${kind}`, type: kind, kind, payload: {}, ...fields };
}

const paid = { references: new Set([purchaseReference(order.id)]) };
const unpaid = { references: new Set<string>() };

describe('planFulfilment', () => {
  it('credits the stored order’s credits once, and stores the payment id', () => {
    const plan = planFulfilment(
      event('checkout.paid', { amount: 1800, currency: 'usd', paymentId: 'pi_1', sessionId: 'cs_1' }),
      { order, ...unpaid },
    );
    expect(plan).toMatchObject({
      outcome: 'PROCESSED',
      credited: true,
      order: { status: 'PAID', providerPaymentId: 'pi_1', amountPaid: 1800 },
    });
    expect(plan.movements).toEqual([
      expect.objectContaining({ type: 'PURCHASE', amount: 100, reference: `order:${order.id}` }),
    ]);
    const again = planFulfilment(event('checkout.paid', { amount: 1800, currency: 'usd' }), {
      order: plan.order,
      ...paid,
    });
    expect(again).toMatchObject({ outcome: 'PROCESSED', credited: false, movements: [] });
  });

  it.each([
    [{ amount: 1799, currency: 'usd' }, /Amount mismatch/],
    [{ amount: 1800, currency: 'eur' }, /Amount mismatch/],
    [{ currency: 'usd' }, /no amount/],
    [{ amount: 1800, currency: 'usd', sessionId: 'cs_other' }, /Session mismatch/],
  ])('a payment that does not match (%o) fails permanently and changes nothing', (fields, error) => {
    const plan = planFulfilment(event('checkout.paid', fields), { order, ...unpaid });
    expect(plan).toMatchObject({
      outcome: 'FAILED',
      error: expect.stringMatching(error),
      order,
      movements: [],
    });
  });

  it('never downgrades a credited order', () => {
    for (const kind of ['checkout.failed', 'checkout.expired', 'checkout.pending'] as const) {
      const plan = planFulfilment(event(kind), { order: { ...order, status: 'PAID' }, ...paid });
      expect(plan.order.status).toBe('PAID');
    }
  });

  it('claws back floor(credits × refunded / amount), cumulatively, capped at the order', () => {
    expect(refundShare({ credits: 100, amount: 1800, refundedAmount: 600 })).toBe(33);
    expect(refundShare({ credits: 100, amount: 1800, refundedAmount: 5000 })).toBe(100);
    const first = planFulfilment(event('refund', { refundedTotal: 600, refundId: 're_1' }), {
      order: { ...order, status: 'PAID' },
      ...paid,
    });
    expect(first.movements[0]).toMatchObject({ type: 'REFUND_CLAWBACK', amount: -33 });
    expect(first.order).toMatchObject({ status: 'PARTIALLY_REFUNDED', creditsClawedBack: 33 });
    const second = planFulfilment(event('refund', { amount: 1200, refundId: 're_2' }), {
      order: first.order,
      ...paid,
    });
    expect(second.movements[0]).toMatchObject({ amount: -67 });
    expect(second.order).toMatchObject({ status: 'REFUNDED', refundedAmount: 1800, creditsClawedBack: 100 });
  });

  it('a refund or dispute before the payment is remembered and netted by the payment', () => {
    const refunded = planFulfilment(event('refund', { amount: 900, refundId: 're_early' }), {
      order,
      ...unpaid,
    });
    expect(refunded.movements[0]).toMatchObject({ amount: 0 });
    expect(refunded.order).toMatchObject({ status: 'PARTIALLY_REFUNDED', creditsClawedBack: 50 });
    const payment = planFulfilment(event('checkout.paid', { amount: 1800, currency: 'usd' }), {
      order: refunded.order,
      references: new Set(['refund:stripe:re_early']),
    });
    expect(payment.movements[0]).toMatchObject({ type: 'PURCHASE', amount: 50 });
    expect(payment.order.status).toBe('PARTIALLY_REFUNDED');
  });

  it('a dispute holds what is left; won gives back only the hold; a won before opened makes opened a no-op', () => {
    const base = {
      ...order,
      status: 'PARTIALLY_REFUNDED' as const,
      refundedAmount: 900,
      creditsClawedBack: 50,
    };
    const opened = planFulfilment(event('dispute.opened', { disputeId: 'dp_1' }), { order: base, ...paid });
    expect(opened.movements[0]).toMatchObject({ type: 'DISPUTE_CLAWBACK', amount: -50 });
    expect(opened.order).toMatchObject({ status: 'DISPUTED', creditsClawedBack: 100 });
    const won = planFulfilment(event('dispute.won', { disputeId: 'dp_1' }), {
      order: opened.order,
      references: new Set([purchaseReference(order.id), 'dispute:stripe:dp_1:opened']),
    });
    expect(won.movements[0]).toMatchObject({ type: 'DISPUTE_RESTORE', amount: 50 });
    expect(won.order).toMatchObject({ status: 'PARTIALLY_REFUNDED', creditsClawedBack: 50 });

    const lateOpened = planFulfilment(event('dispute.opened', { disputeId: 'dp_2' }), {
      order: { ...order, status: 'PAID' },
      references: new Set([purchaseReference(order.id), 'dispute:stripe:dp_2:won']),
    });
    expect(lateOpened.movements).toEqual([]);
  });

  describe('a taxed payment (Dodo: 1800 + 162 tax = 1962 paid; refunds include tax)', () => {
    const taxedPayment = event('checkout.paid', {
      provider: 'dodo',
      amount: 1800,
      amountPaid: 1962,
      currency: 'usd',
      paymentId: 'pay_1',
    });
    const dodoRefund = (refundId: string, amount: number) =>
      event('refund', { provider: 'dodo', eventId: `evt_${refundId}`, amount, refundId });

    it('the payment is checked net of tax and stores what was paid, tax included', () => {
      const plan = planFulfilment(taxedPayment, { order, ...unpaid });
      expect(plan).toMatchObject({ outcome: 'PROCESSED', credited: true });
      expect(plan.order).toMatchObject({ status: 'PAID', amount: 1800, amountPaid: 1962 });
      expect(plan.movements[0]).toMatchObject({ type: 'PURCHASE', amount: 100 });
      // Without a gross amount (sandbox, old stored events) what was paid is the checked net amount.
      const untaxed = planFulfilment(event('checkout.paid', { amount: 1800, currency: 'usd' }), {
        order,
        ...unpaid,
      });
      expect(untaxed.order.amountPaid).toBe(1800);
    });

    it('refunds are a share of what was paid: two refunds of 981 take 50, then 50 (REFUNDED)', () => {
      expect(refundShare({ credits: 100, amount: 1800, amountPaid: 1962, refundedAmount: 981 })).toBe(50);
      // The defect: a share of the pre-tax price over-claws.
      expect(refundShare({ credits: 100, amount: 1800, amountPaid: null, refundedAmount: 981 })).toBe(54);
      const credited = planFulfilment(taxedPayment, { order, ...unpaid }).order;
      const first = planFulfilment(dodoRefund('ref_1', 981), { order: credited, ...paid });
      expect(first.movements[0]).toMatchObject({ type: 'REFUND_CLAWBACK', amount: -50 });
      expect(first.order).toMatchObject({
        status: 'PARTIALLY_REFUNDED',
        refundedAmount: 981,
        creditsClawedBack: 50,
      });
      const second = planFulfilment(dodoRefund('ref_2', 981), {
        order: first.order,
        references: new Set([purchaseReference(order.id), 'refund:dodo:ref_1']),
      });
      expect(second.movements[0]).toMatchObject({ type: 'REFUND_CLAWBACK', amount: -50 });
      expect(second.order).toMatchObject({
        status: 'REFUNDED',
        refundedAmount: 1962,
        creditsClawedBack: 100,
      });
    });

    it('REFUNDED only once what was paid is refunded: the pre-tax price alone is a partial refund', () => {
      const credited = { ...order, status: 'PAID' as const, amountPaid: 1962 };
      const pretax = planFulfilment(dodoRefund('ref_p', 1800), { order: credited, ...paid });
      expect(pretax.order).toMatchObject({ status: 'PARTIALLY_REFUNDED', creditsClawedBack: 91 });
      expect(statusOf({ ...credited, refundedAmount: 1962, creditsClawedBack: 100 }, true, 'PENDING')).toBe(
        'REFUNDED',
      );
      expect(statusOf({ ...credited, refundedAmount: 1961, creditsClawedBack: 99 }, true, 'PENDING')).toBe(
        'PARTIALLY_REFUNDED',
      );
    });

    it('a refund before the payment takes its share of the pre-tax price; the payment re-bases it on what was paid', () => {
      const early = planFulfilment(dodoRefund('ref_early', 981), { order, ...unpaid });
      // amountPaid is not known yet: the old denominator (the order's amount).
      expect(early.order).toMatchObject({
        status: 'PARTIALLY_REFUNDED',
        amountPaid: null,
        creditsClawedBack: 54,
      });
      expect(early.movements[0]).toMatchObject({ amount: 0 });
      const payment = planFulfilment(taxedPayment, {
        order: early.order,
        references: new Set(['refund:dodo:ref_early']),
      });
      expect(payment.movements[0]).toMatchObject({ type: 'PURCHASE', amount: 50 });
      // Not DISPUTED: nothing beyond the refunds' share is held.
      expect(payment.order).toMatchObject({
        status: 'PARTIALLY_REFUNDED',
        amountPaid: 1962,
        creditsClawedBack: 50,
      });
      const rest = planFulfilment(dodoRefund('ref_rest', 981), {
        order: payment.order,
        references: new Set([purchaseReference(order.id), 'refund:dodo:ref_early']),
      });
      expect(rest.movements[0]).toMatchObject({ amount: -50 });
      expect(rest.order).toMatchObject({ status: 'REFUNDED', creditsClawedBack: 100 });
    });

    it('a dispute held before the payment keeps holding everything; won gives back all but the re-based refund share', () => {
      const refunded = planFulfilment(dodoRefund('ref_early', 981), { order, ...unpaid }).order;
      const opened = planFulfilment(event('dispute.opened', { provider: 'dodo', disputeId: 'dis_1' }), {
        order: refunded,
        references: new Set(['refund:dodo:ref_early']),
      }).order;
      expect(opened).toMatchObject({ status: 'DISPUTED', creditsClawedBack: 100 });
      const payment = planFulfilment(taxedPayment, {
        order: opened,
        references: new Set(['refund:dodo:ref_early', 'dispute:dodo:dis_1:opened']),
      });
      expect(payment.movements[0]).toMatchObject({ type: 'PURCHASE', amount: 0 });
      expect(payment.order).toMatchObject({ status: 'DISPUTED', amountPaid: 1962, creditsClawedBack: 100 });
      const won = planFulfilment(event('dispute.won', { provider: 'dodo', disputeId: 'dis_1' }), {
        order: payment.order,
        references: new Set([
          purchaseReference(order.id),
          'refund:dodo:ref_early',
          'dispute:dodo:dis_1:opened',
        ]),
      });
      expect(won.movements[0]).toMatchObject({ type: 'DISPUTE_RESTORE', amount: 50 });
      expect(won.order).toMatchObject({ status: 'PARTIALLY_REFUNDED', creditsClawedBack: 50 });
    });
  });

  it('statusOf reads the counters', () => {
    expect(statusOf({ ...order, creditsClawedBack: 100 }, true, 'PENDING')).toBe('DISPUTED');
    expect(statusOf(order, false, 'AWAITING_PAYMENT')).toBe('AWAITING_PAYMENT');
    expect(statusOf(order, true, 'PENDING')).toBe('PAID');
  });
});

describe('refunds as providers really send them', () => {
  const credited = { order: { ...order, status: 'PAID' as const, amountPaid: 1800 }, ...paid };

  it('Stripe since 2022-11-15: no refund id, only the cumulative total; a total already applied is no refund', () => {
    const first = planFulfilment(event('refund', { eventId: 'evt_r1', refundedTotal: 900 }), credited);
    expect(first.movements).toEqual([
      expect.objectContaining({ type: 'REFUND_CLAWBACK', amount: -50, reference: 'refund:stripe:evt_r1' }),
    ]);
    const again = planFulfilment(event('refund', { eventId: 'evt_r1_again', refundedTotal: 900 }), {
      order: first.order,
      references: new Set([...paid.references, 'refund:stripe:evt_r1']),
    });
    expect(again).toMatchObject({ outcome: 'PROCESSED', movements: [], order: first.order });
    const rest = planFulfilment(event('refund', { eventId: 'evt_r2', refundedTotal: 1800 }), {
      order: first.order,
      references: new Set([...paid.references, 'refund:stripe:evt_r1']),
    });
    expect(rest.movements[0]).toMatchObject({ amount: -50 });
    expect(rest.order).toMatchObject({ status: 'REFUNDED', refundedAmount: 1800, creditsClawedBack: 100 });
  });

  it('Dodo: a refund without an amount and not partial is the whole payment, tax included', () => {
    const taxed = { order: { ...credited.order, amountPaid: 1962 }, ...paid };
    const plan = planFulfilment(
      event('refund', { provider: 'dodo', refundId: 'ref_all', fullRefund: true }),
      taxed,
    );
    expect(plan.outcome).toBe('PROCESSED');
    expect(plan.movements[0]).toMatchObject({ type: 'REFUND_CLAWBACK', amount: -100 });
    expect(plan.order).toMatchObject({ status: 'REFUNDED', refundedAmount: 1962, creditsClawedBack: 100 });
    // Without the flag (a partial refund whose amount is missing) it stays a FAILED event.
    expect(planFulfilment(event('refund', { provider: 'dodo', refundId: 'ref_x' }), taxed).outcome).toBe(
      'FAILED',
    );
  });
});

describe('the notices a plan gives the application', () => {
  const credited: OrderState = { ...order, status: 'PAID', providerPaymentId: 'pi_1', amountPaid: 1800 };

  it('a payment: order.paid; its second event: nothing', () => {
    const plan = planFulfilment(event('checkout.paid', { amount: 1800, currency: 'usd' }), {
      order,
      ...unpaid,
    });
    expect(plan.notices).toEqual([{ type: 'order.paid' }]);
    expect(
      planFulfilment(event('checkout.paid', { amount: 1800, currency: 'usd' }), {
        order: plan.order,
        ...paid,
      }).notices,
    ).toBeUndefined();
  });

  it('a refund: order.refunded; a dispute opened, won, lost', () => {
    expect(
      planFulfilment(event('refund', { amount: 900, currency: 'usd', refundId: 're_1' }), {
        order: credited,
        ...paid,
      }).notices,
    ).toEqual([{ type: 'order.refunded' }]);
    const opened = planFulfilment(event('dispute.opened', { disputeId: 'dp_1' }), {
      order: credited,
      ...paid,
    });
    expect(opened.notices).toEqual([{ type: 'order.disputed', disputeId: 'dp_1', creditsClawedBack: 100 }]);
    const references = new Set([...paid.references, 'dispute:stripe:dp_1:opened']);
    expect(
      planFulfilment(event('dispute.won', { disputeId: 'dp_1' }), { order: opened.order, references })
        .notices,
    ).toEqual([{ type: 'order.dispute_closed', disputeId: 'dp_1', won: true }]);
    expect(
      planFulfilment(event('dispute.lost', { disputeId: 'dp_1' }), { order: opened.order, references })
        .notices,
    ).toEqual([{ type: 'order.dispute_closed', disputeId: 'dp_1', won: false }]);
    // Lost without an opened seen: the clawback happens now, and both are said.
    expect(
      planFulfilment(event('dispute.lost', { disputeId: 'dp_2' }), { order: credited, ...paid }).notices,
    ).toEqual([
      { type: 'order.disputed', disputeId: 'dp_2', creditsClawedBack: 100 },
      { type: 'order.dispute_closed', disputeId: 'dp_2', won: false },
    ]);
  });
});
