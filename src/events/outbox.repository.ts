import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { SqlClient } from '../database/sql-client.js';
import type { Prisma } from '../generated/prisma/client.js';
import {
  type EventCatalogue,
  type EventType,
  type OutgoingEvent,
  outgoingEvent,
  type WalletEvent,
} from './event-catalogue.js';
import {
  appendEventsStatement,
  appendWalletEventsStatement,
  balanceAlertCtes,
  expiringSoonNoticeCtes,
  outboxInsertCtes,
} from './outbox-statements.js';

/**
 * Writes events into the outbox inside the caller's transaction, so they commit (or roll back) with the
 * change they report. It never opens a transaction of its own and never waits for a delivery: the
 * dispatcher sends them later (docs/events.md, "Wiring").
 */
@Injectable()
export class OutboxRepository {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** One round trip for any number of events; returns their ids (the webhook-id), in order. */
  async append(tx: SqlClient, events: readonly OutgoingEvent[]): Promise<string[]> {
    if (events.length === 0) return [];
    const { ids, statement } = appendEventsStatement(events);
    await tx.query(statement);
    return ids;
  }

  /** `append` of one event, its data checked against the catalogue for that type. */
  async appendOne<Type extends EventType>(
    tx: SqlClient,
    type: Type,
    data: EventCatalogue[Type],
  ): Promise<string> {
    const [id] = await this.append(tx, [outgoingEvent(type, data)]);
    return id!;
  }

  /**
   * `append` of events about one wallet, without saying whose it is: `walletId` and `userId` or
   * `organizationId` are read from the Wallet row by the same statement.
   */
  async appendForWallet(tx: SqlClient, walletId: string, events: readonly WalletEvent[]): Promise<string[]> {
    if (events.length === 0) return [];
    const { ids, statement } = appendWalletEventsStatement(walletId, events);
    await tx.query(statement);
    return ids;
  }

  /** See `outboxInsertCtes`: append the rows of a SELECT from inside the caller's own statement. */
  insertCtes(name: string, source: Prisma.Sql): Prisma.Sql {
    return outboxInsertCtes(name, source);
  }

  /** See `balanceAlertCtes`, with the configured LOW_BALANCE_THRESHOLDS. */
  balanceAlertCtes(sourceCte: string): Prisma.Sql {
    return balanceAlertCtes(sourceCte, this.config.events.lowBalanceThresholds);
  }

  /** See `expiringSoonNoticeCtes`. */
  expiringSoonNoticeCtes(candidates: Prisma.Sql): Prisma.Sql {
    return expiringSoonNoticeCtes(candidates);
  }
}
