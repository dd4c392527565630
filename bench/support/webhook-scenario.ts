import { signStripe, stripeCheckoutEvent } from '../../test/support/webhook-signers.js';
import { type BenchContext, JSON_HEADERS } from './bench-context.js';
import { cohortState } from './bench-checks.js';
import type { Cohort } from './bench-seed.js';
import { count2xx, runLoad } from './load-driver.js';
import { check, fromLoad, type ScenarioResult } from './scenario-result.js';

const CREDITS = 100;
/** The price list's 100 credits (2 units at $9.00). */
const AMOUNT_CENTS = 1800;
const DUPLICATE_SHARE = 0.2;

/**
 * D: one PENDING Stripe order per distinct event (written to the Order table as billing writes it),
 * `checkout.session.completed` for each, 20 % of the deliveries repeats of an earlier event id (a
 * provider's redelivery, signed again), all shuffled and posted at 32 connections. Afterwards every order
 * must be PAID and credited exactly once.
 */
export async function webhookScenario(ctx: BenchContext, buyers: Cohort): Promise<ScenarioResult> {
  const deliveries = ctx.sizes.webhookDeliveries;
  const distinct = Math.round(deliveries * (1 - DUPLICATE_SHARE));
  const { rows: orders } = await ctx.db.query<{ id: string; userId: string; sessionId: string }>(
    `INSERT INTO "Order" (id, "userId", "walletId", provider, "providerSessionId", credits, amount, currency, status)
     SELECT gen_random_uuid(), ($1::uuid[])[1 + (n % cardinality($1::uuid[]))], ($5::uuid[])[1 + (n % cardinality($5::uuid[]))],
            'stripe', 'cs_bench_' || n, $2, $3, 'usd', 'PENDING'
     FROM generate_series(1, $4::int) AS n
     RETURNING id, "userId", "providerSessionId" AS "sessionId"`,
    [buyers.ids, CREDITS, AMOUNT_CENTS, distinct, buyers.walletIds],
  );
  const bodies = orders.map((order) =>
    JSON.stringify(
      stripeCheckoutEvent('checkout.session.completed', {
        id: order.sessionId,
        orderId: order.id,
        userId: order.userId,
        amountTotal: AMOUNT_CENTS,
      }),
    ),
  );
  const queue = [
    ...bodies.keys(),
    ...Array.from({ length: deliveries - distinct }, () => Math.floor(Math.random() * distinct)),
  ];
  for (let i = queue.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [queue[i], queue[j]] = [queue[j], queue[i]];
  }
  // Signed now, just before sending: Stripe's tolerance is 300 s.
  const signed = queue.map((index) => ({
    body: bodies[index],
    signature: signStripe(bodies[index], ctx.stripeWebhookSecret),
  }));

  const before = await cohortState(ctx.db, buyers.ids);
  ctx.rss.reset();
  let next = 0;
  const { result: load, usage } = await ctx.meter.measure(
    () =>
      runLoad({
        baseUrl: ctx.baseUrl,
        connections: 32,
        amount: deliveries,
        next: () => {
          const delivery = signed[next++];
          return {
            method: 'POST',
            path: '/api/payments/stripe/webhook',
            headers: { ...JSON_HEADERS, 'stripe-signature': delivery.signature },
            body: delivery.body,
          };
        },
      }),
    (result) => result.requests,
  );
  const peakRssMb = ctx.rss.peak();
  const after = await cohortState(ctx.db, buyers.ids);

  const { rows } = await ctx.db.query<{
    paid: number;
    purchases: number;
    doubled: number;
    inbox: number;
    processed: number;
  }>(
    `SELECT (SELECT COUNT(*) FROM "Order" WHERE id = ANY($1::uuid[]) AND status = 'PAID')::int AS paid,
            (SELECT COUNT(*) FROM "CreditTransaction" WHERE "orderId" = ANY($1::uuid[]) AND type = 'PURCHASE')::int AS purchases,
            (SELECT COUNT(*) FROM (SELECT "orderId" FROM "CreditTransaction" WHERE "orderId" = ANY($1::uuid[]) AND type = 'PURCHASE'
                                   GROUP BY "orderId" HAVING COUNT(*) > 1) d)::int AS doubled,
            (SELECT COUNT(*) FROM "WebhookEvent" WHERE provider = 'stripe')::int AS inbox,
            (SELECT COUNT(*) FROM "WebhookEvent" WHERE provider = 'stripe' AND status = 'PROCESSED')::int AS processed`,
    [orders.map((order) => order.id)],
  );
  const state = rows[0];
  const credited = after.creditsTotal - before.creditsTotal;
  const ok = count2xx(load.statuses);
  return {
    id: 'D',
    title: 'D. Webhooks: signed Stripe events, 20 % duplicates',
    setup: `POST /api/payments/stripe/webhook, ${deliveries.toLocaleString('en-US')} deliveries of ${distinct.toLocaleString('en-US')} events (checkout.session.completed, ${buyers.size.toLocaleString('en-US')} buyers), shuffled, 32 connections`,
    ...fromLoad(load),
    overdrawnUsers: after.overdrawnUsers,
    peakRssMb,
    usage,
    checks: [
      check('every delivery answered 200', ok === deliveries, `${ok} of ${deliveries}`),
      check('every order PAID', state.paid === distinct, `${state.paid} of ${distinct}`),
      check(
        'one PURCHASE row per order',
        state.purchases === distinct && state.doubled === 0,
        `${state.purchases} rows, ${state.doubled} orders twice`,
      ),
      check('credits added = 100 × orders', credited === CREDITS * distinct, `${credited} credits`),
      check(
        'one inbox row per event id',
        state.inbox === distinct && state.processed === distinct,
        `${state.inbox} rows, ${state.processed} PROCESSED`,
      ),
    ],
    extra: { distinctEvents: distinct, duplicates: deliveries - distinct },
  };
}
