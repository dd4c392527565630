import { Injectable } from '@nestjs/common';
import type { OrderState } from '../billing/order-state.js';
import { AutoTopUpAttemptsRepository } from '../auto-top-up/auto-top-up-attempts.repository.js';
import { OrdersRepository } from '../billing/orders.repository.js';
import { MAX_CREDITS_TOTAL } from '../credits/ledger-movement.js';
import { LedgerRepository } from '../credits/ledger.repository.js';
import { SqlDatabase } from '../database/sql-database.js';
import type { SqlClient } from '../database/sql-client.js';
import type { WalletEvent } from '../events/event-catalogue.js';
import { OutboxRepository } from '../events/outbox.repository.js';
import { Prisma } from '../generated/prisma/client.js';
import type { WebhookEventStatus } from '../generated/prisma/enums.js';
import type { PaymentEvent, PaymentEventKind } from '../payments/payment-gateway.js';
import type { LedgerEntry } from '../credits/ledger-movement.js';
import {
  type FulfilmentPlan,
  type OrderNotice,
  planFulfilment,
  purchaseReference,
} from './fulfilment-policy.js';
import {
  eventFromNormalized,
  type InboxOutcome,
  WebhookInboxRepository,
} from './webhook-inbox.repository.js';

export interface ProcessOptions {
  /** An admin replay may reprocess an IGNORED event too (a redelivery reprocesses FAILED ones only). */
  replay?: boolean;
}

export interface ProcessResult {
  inboxId: string;
  status: WebhookEventStatus;
  error: string | null;
  /** The event had been handled already (PROCESSED or IGNORED): nothing was done. */
  duplicate: boolean;
  /** This event credited an order (its PURCHASE row was written). */
  credited: boolean;
}

interface Outcome extends InboxOutcome {
  credited: boolean;
}

/** Events that move credits of a payment that was already made: matched to their order by its payment id. */
const PAYMENT_EVENT_KINDS: ReadonlySet<PaymentEventKind> = new Set([
  'refund',
  'dispute.opened',
  'dispute.won',
  'dispute.lost',
]);

/**
 * A refund or dispute whose payment is not linked to any order yet keeps the payment id in
 * `awaitingPaymentId`. When a later payment (or an async payment's pending completion) links that payment
 * id, the event is applied in that transaction: this is how a refund that overtakes its payment is
 * remembered without knowing the order.
 */
function awaitingPaymentNote(paymentId: string): string {
  return `No order is linked to payment ${paymentId} yet; applied when a payment links it`;
}

/**
 * A refund or dispute found only by payment id must not race the payment that links that id to its order:
 * the refund could miss the order (not linked yet) while the payment misses the refund (not committed yet),
 * and the clawback would be lost. So every event that carries a payment id takes this transaction-scoped
 * lock before it looks for its order: events of one payment take turns. In the lock order it sits between
 * the inbox row and the order row, so no cycle is possible.
 */
function paymentLockKey(event: PaymentEvent): string | undefined {
  return event.paymentId && event.kind !== 'ignored' && !event.problem
    ? `${event.provider}:${event.paymentId}`
    : undefined;
}

/**
 * Fulfilment as one unit of work: one transaction per event that claims the inbox row, locks the order,
 * writes the ledger and the balance, and records the outcome — or, when anything throws, none of it. The
 * rows belong to their repositories (WebhookInboxRepository, OrdersRepository, the ledger); this class
 * owns the transaction and the order in which locks are taken.
 *
 * Concurrency: the inbox row is claimed with INSERT … ON CONFLICT DO NOTHING, so concurrent deliveries of
 * one event (one instance or many) queue on its unique index and see it PROCESSED once the first commits.
 * Different events for one order (completed + async_succeeded, webhook + reconciliation, refund + payment)
 * serialize on SELECT … FOR UPDATE of the order row, and decide on the state they read under that lock.
 * Locks are always taken inbox row → payment lock → order → user, so these transactions cannot deadlock
 * each other. The PURCHASE reference `order:<id>` is unique: even a bug above could not credit an order twice.
 */
@Injectable()
export class FulfilmentRepository {
  constructor(
    private readonly sql: SqlDatabase,
    private readonly inbox: WebhookInboxRepository,
    private readonly orders: OrdersRepository,
    private readonly ledger: LedgerRepository,
    private readonly autoTopUps: AutoTopUpAttemptsRepository,
    private readonly outbox: OutboxRepository,
  ) {}

  process(event: PaymentEvent, options: ProcessOptions = {}): Promise<ProcessResult> {
    return this.sql.transaction(async (tx) => {
      const lockKey = paymentLockKey(event);
      let inboxId = await this.inbox.claim(tx, event, lockKey);
      const paymentLocked = inboxId !== undefined;
      if (!inboxId) {
        const existing = await this.inbox.lockExisting(tx, event);
        const reprocess = existing.status === 'FAILED' || (options.replay && existing.status === 'IGNORED');
        if (!reprocess) return { inboxId: existing.id, ...existing, duplicate: true, credited: false };
        inboxId = existing.id;
        await this.inbox.reopen(tx, inboxId, event);
      }
      if (lockKey && !paymentLocked)
        await tx.execute(Prisma.sql`SELECT pg_advisory_xact_lock(hashtextextended(${lockKey}, 0))`);

      const outcome = await this.fulfil(tx, event);
      await this.inbox.recordOutcome(tx, inboxId, outcome);
      return {
        inboxId,
        status: outcome.status,
        error: outcome.error,
        duplicate: false,
        credited: outcome.credited,
      };
    });
  }

  /** See WebhookInboxRepository.recordFailure. */
  recordFailure(event: PaymentEvent, error: string): Promise<void> {
    return this.inbox.recordFailure(event, error);
  }

  private async fulfil(tx: SqlClient, event: PaymentEvent): Promise<Outcome> {
    // A signed event that can never be fulfilled as it is: kept for an admin, nothing moves.
    if (event.problem) return { status: 'FAILED', error: event.problem, credited: false };
    if (event.kind === 'ignored') return { status: 'IGNORED', error: null, credited: false };

    let order: OrderState | undefined;
    if (PAYMENT_EVENT_KINDS.has(event.kind)) {
      // Matched by the provider's payment id alone: metadata is the customer's to influence (and a
      // charge's metadata can name any order), so it may only confirm the match.
      if (!event.paymentId)
        return { status: 'FAILED', error: `${event.type} names no payment to match`, credited: false };
      order = await this.orders.lockByPayment(tx, event.provider, event.paymentId);
      if (!order) {
        return {
          status: 'IGNORED',
          error: awaitingPaymentNote(event.paymentId),
          awaitingPaymentId: event.paymentId,
          credited: false,
        };
      }
    } else {
      order = await this.orders.lockForCheckout(tx, event);
      if (!order) {
        // A PaymentIntent of a Checkout session names no order of ours: its session events credit it.
        if (event.autoTopUpOnly) return { status: 'IGNORED', error: 'No matching order', credited: false };
        // Can never succeed on its own (docs/api.md, "Payment webhooks"): FAILED, so an admin sees it and can
        // replay it once the order exists; a provider's redelivery reprocesses it too.
        return { status: 'FAILED', error: 'No matching order', credited: false };
      }
      if (event.autoTopUpOnly && order.source !== 'AUTO_TOP_UP')
        return { status: 'IGNORED', error: 'A checkout is settled by its session events', credited: false };
    }

    const references = await this.ledger.referencesOfOrder(tx, order.id);
    const plan = planOrFail(event, order, references);
    await this.apply(tx, order, plan);
    // What the waiting events see must include what this event just wrote (above all its PURCHASE).
    for (const movement of plan.movements) references.add(movement.reference);
    if (order.source === 'AUTO_TOP_UP') {
      if (plan.credited) await this.autoTopUps.recordCredited(tx, order.id);
      // The charge's own answer may never have come (a crash, a timeout): the failure webhook ends the attempt.
      else if (event.kind === 'checkout.failed' && plan.outcome === 'PROCESSED')
        await this.autoTopUps.recordPaymentFailed(tx, order.id, {
          failureCode: event.failureCode ?? 'payment_failed',
          requiresAction: event.requiresAction === true,
        });
    }

    // The event linked a payment id to the order: apply the refunds and disputes that were waiting for it.
    const linked = plan.order.providerPaymentId;
    if (linked && linked !== order.providerPaymentId) {
      await this.applyAwaiting(tx, event, linked, plan.order, references);
    }
    return { status: plan.outcome, error: plan.error ?? null, credited: plan.credited };
  }

  /**
   * Writes a plan: the guarded order update, then its ledger movements (whose statements send
   * credits.granted and the balance alerts), then the order's events — all in the event's transaction.
   */
  private async apply(tx: SqlClient, before: OrderState, plan: FulfilmentPlan): Promise<void> {
    await this.orders.saveFulfilment(tx, before, plan.order);
    const entries = new Map<string, LedgerEntry>();
    for (const movement of plan.movements) {
      const grantSource = before.source === 'AUTO_TOP_UP' ? 'AUTO_TOP_UP' : undefined;
      const entry = await this.ledger.applyMovement(tx, before.walletId, {
        ...movement,
        orderId: before.id,
        grantSource,
      });
      if (!entry) {
        throw new Error(
          `Ledger movement ${movement.reference} refused: wallet ${before.walletId} missing, or creditsTotal would pass ${MAX_CREDITS_TOTAL}`,
        );
      }
      entries.set(movement.reference, entry);
    }
    const notices = plan.notices ?? [];
    if (notices.length > 0)
      await this.outbox.appendForWallet(
        tx,
        before.walletId,
        notices.map((notice) => orderEvent(notice, plan.order, entries)),
      );
  }

  private async applyAwaiting(
    tx: SqlClient,
    linking: PaymentEvent,
    paymentId: string,
    initial: OrderState,
    initialReferences: Set<string>,
  ): Promise<void> {
    const waiting = await this.inbox.lockAwaiting(tx, linking.provider, paymentId);
    let order = initial;
    const references = new Set(initialReferences);
    for (const row of waiting) {
      const event = eventFromNormalized(linking.provider, row.normalized);
      const plan = planOrFail(event, order, references);
      await this.apply(tx, order, plan);
      for (const movement of plan.movements) references.add(movement.reference);
      order = plan.order;
      await this.inbox.recordApplied(tx, row.id, { status: plan.outcome, error: plan.error ?? null });
    }
  }
}

/** The event of a notice, from the order after the plan and the ledger entries it wrote. */
function orderEvent(
  notice: OrderNotice,
  order: OrderState,
  entries: ReadonlyMap<string, LedgerEntry>,
): WalletEvent {
  const orderId = order.id;
  switch (notice.type) {
    case 'order.paid':
      return {
        type: notice.type,
        data: {
          orderId,
          credits: order.credits,
          amount: order.amount,
          currency: order.currency,
          provider: order.provider,
          grantId: entries.get(purchaseReference(orderId))?.grantId ?? null,
        },
      };
    case 'order.refunded':
      return {
        type: notice.type,
        data: {
          orderId,
          refundedAmount: order.refundedAmount,
          creditsClawedBack: order.creditsClawedBack,
          status: order.status,
        },
      };
    case 'order.disputed':
      return {
        type: notice.type,
        data: { orderId, disputeId: notice.disputeId, creditsClawedBack: notice.creditsClawedBack },
      };
    case 'order.dispute_closed':
      return { type: notice.type, data: { orderId, disputeId: notice.disputeId, won: notice.won } };
  }
}

/** The policy's plan, unless the event's `metadata.orderId` names another order than the one it matched. */
function planOrFail(event: PaymentEvent, order: OrderState, references: ReadonlySet<string>): FulfilmentPlan {
  if (PAYMENT_EVENT_KINDS.has(event.kind) && event.orderId !== undefined && event.orderId !== order.id) {
    return {
      outcome: 'FAILED',
      error: `metadata.orderId ${event.orderId} disagrees with order ${order.id} of payment ${event.paymentId}`,
      order,
      movements: [],
      credited: false,
    };
  }
  return planFulfilment(event, { order, references });
}
