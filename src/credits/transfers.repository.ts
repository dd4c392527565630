import { autoTopUpTriggerStatement } from '../auto-top-up/auto-top-up-sql.js';
import { Injectable } from '@nestjs/common';
import { SqlDatabase } from '../database/sql-database.js';
import { OutboxRepository } from '../events/outbox.repository.js';
import type { SqlClient } from '../database/sql-client.js';
import { Prisma } from '../generated/prisma/client.js';
import type { SpendLimitPeriod } from '../generated/prisma/enums.js';
import { transferSpendStatement, type TransferSpendRow } from '../organizations/member-usage-sql.js';
import { balanceAlerts, MOVED_WALLETS } from './credit-events-sql.js';
import { LedgerRepository } from './ledger.repository.js';
import { drawDownOrder, effectiveRemaining, INCOMING_ALLOCATIONS, incomingGrants } from './wallet-sql.js';

export interface TransferInput {
  transferId: string;
  fromWalletId: string;
  toWalletId: string;
  amount: number;
  description: string;
  actorUserId: string;
  apiKeyId: string | null;
}

export type TransferOutcome =
  | {
      outcome: 'moved';
      from: { walletId: string; remaining: number };
      to: { walletId: string; remaining: number };
    }
  | { outcome: 'short'; remaining: number }
  | {
      outcome: 'spend-limit';
      remaining: number;
      limit: number;
      used: number;
      period: SpendLimitPeriod;
      periodStart: Date;
    }
  | { outcome: 'balance-limit' };

/** An idempotent request's response, committed with the transfer itself (so a retry after a crash replays). */
export interface StoredTransferResponse {
  recordId: string;
  userId: string;
  status: number;
  ttlSeconds: number;
  body: (moved: Extract<TransferOutcome, { outcome: 'moved' }>) => unknown;
}

/** Raised inside the transaction to roll it back; turned into an outcome outside it. */
class TransferRefused extends Error {
  constructor(readonly outcome: Exclude<TransferOutcome, { outcome: 'moved' }>) {
    super(outcome.outcome);
  }
}

/**
 * Moves credits between two wallets in one transaction. Both wallets are locked first, in id order, so
 * two opposite transfers queue instead of deadlocking; then the source gives available credits in
 * draw-down order (LedgerRepository.debit: never held or expired credits, never into debt) and the
 * target gets one TRANSFER grant per (category, expiry) drawn, paying its debt first.
 */
@Injectable()
export class TransfersRepository {
  constructor(
    private readonly sql: SqlDatabase,
    private readonly ledger: LedgerRepository,
    private readonly outbox: OutboxRepository,
  ) {}

  async transfer(input: TransferInput, stored?: StoredTransferResponse): Promise<TransferOutcome> {
    try {
      return await this.sql.transaction(async (tx) => {
        await tx.query(Prisma.sql`
          SELECT id FROM "Wallet" WHERE id = ANY(${[input.fromWalletId, input.toWalletId]}::uuid[])
          ORDER BY id FOR UPDATE`);
        // Out of an organization wallet: the member's spend limit, checked before the balance (as on priced routes).
        const [spend] = await tx.query<TransferSpendRow>(
          transferSpendStatement(input.fromWalletId, input.actorUserId, input.amount),
        );
        if (spend?.allowed === false)
          throw new TransferRefused({
            outcome: 'spend-limit',
            remaining: await remainingOf(tx, input.fromWalletId),
            limit: spend.limit!,
            used: spend.used!,
            period: spend.period!,
            periodStart: spend.periodStart!,
          });
        const out = await this.ledger.debit(
          {
            walletId: input.fromWalletId,
            type: 'TRANSFER_OUT',
            amount: input.amount,
            reference: `transfer:${input.transferId}`,
            description: input.description,
            actorUserId: input.actorUserId,
            apiKeyId: input.apiKeyId,
            allowDebt: false,
          },
          tx,
        );
        if (!out)
          throw new TransferRefused({
            outcome: 'short',
            remaining: await remainingOf(tx, input.fromWalletId),
          });
        // A transfer out spends like a settle: it may start the source wallet's auto top-up.
        await tx.execute(autoTopUpTriggerStatement(input.fromWalletId, out.remaining));
        const into = await this.deposit(tx, input, out.id);
        if (into === undefined) throw new TransferRefused({ outcome: 'balance-limit' });
        const moved = {
          outcome: 'moved' as const,
          from: { walletId: input.fromWalletId, remaining: out.remaining },
          to: { walletId: input.toWalletId, remaining: into },
        };
        if (stored) await storeResponse(tx, stored, stored.body(moved));
        return moved;
      });
    } catch (error) {
      if (error instanceof TransferRefused) return error.outcome;
      throw error;
    }
  }

  /**
   * The target's side: what the TRANSFER_OUT row took, grouped by (category, expiry), becomes new grants
   * (source TRANSFER, priority 50). Debt is paid first, by the new grants in draw-down order; the
   * TRANSFER_IN row shows the full amount and `debtPaid`. Returns the target's effective remaining, or
   * undefined when creditsTotal would pass MAX_CREDITS_TOTAL.
   */
  private async deposit(tx: SqlClient, input: TransferInput, outId: string): Promise<number | undefined> {
    // Grant references are unique per wallet: one grant each, the transfer's reference numbered in draw-down order.
    const pieces = Prisma.sql`
        SELECT piece.*, 'transfer:' || ${input.transferId} || ':' || ROW_NUMBER() OVER (ORDER BY ${drawDownOrder('piece')}) AS reference
        FROM (
          SELECT gen_random_uuid() AS id, 'TRANSFER'::"CreditGrantSource" AS source, g.category, (-SUM(a.amount))::int AS amount,
                 50 AS priority, g."expiresAt", now() AS "createdAt", NULL::uuid AS "orderId"
          FROM "GrantAllocation" a
          JOIN "CreditGrant" g ON g.id = a."grantId" AND g."walletId" = a."walletId"
          WHERE a."walletId" = ${input.fromWalletId}::uuid AND a."transactionId" = ${outId}::uuid
          GROUP BY g.category, g."expiresAt"
        ) AS piece`;
    const rows = await tx.query<{ remaining: number }>(Prisma.sql`
      WITH ${incomingGrants(input.toWalletId, input.amount, pieces)}, entry AS (
        INSERT INTO "CreditTransaction" (id, "walletId", "userId", "actorUserId", "apiKeyId", type, amount, "balanceAfter", "debtPaid", reference, description)
        SELECT gen_random_uuid(), moved.id, moved."userId", ${input.actorUserId}::uuid, ${input.apiKeyId}::uuid, 'TRANSFER_IN',
               ${input.amount}, moved.balance, moved."debtPaid", 'transfer:' || ${input.transferId}, ${input.description}
        FROM moved
        RETURNING id, "walletId"
      ), allocation AS (${INCOMING_ALLOCATIONS}), ${this.ledger.newGrantEvents()},
      ${balanceAlerts(this.outbox, 'deposit', MOVED_WALLETS)}
      SELECT moved.remaining FROM moved, entry`);
    return rows[0]?.remaining;
  }
}

async function remainingOf(tx: SqlClient, walletId: string): Promise<number> {
  const rows = await tx.query<{ remaining: number }>(Prisma.sql`
    SELECT ${effectiveRemaining('w')} AS remaining FROM "Wallet" w WHERE w.id = ${walletId}::uuid`);
  return rows[0]?.remaining ?? 0;
}

async function storeResponse(tx: SqlClient, stored: StoredTransferResponse, body: unknown): Promise<void> {
  await tx.execute(Prisma.sql`
    UPDATE "IdempotencyRecord"
    SET state = 'COMPLETED', "responseStatus" = ${stored.status}, "responseBody" = ${JSON.stringify(body)}::jsonb,
        "responseHeaders" = '{}'::jsonb, "expiresAt" = now() + make_interval(secs => ${stored.ttlSeconds}), "updatedAt" = now()
    WHERE id = ${stored.recordId}::uuid AND "userId" = ${stored.userId}::uuid AND state = 'IN_PROGRESS'`);
}
