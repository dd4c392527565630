import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { KeysetPosition } from '../common/pagination/keyset-cursor.codec.js';
import { PrismaService } from '../database/prisma.service.js';
import { SqlDatabase } from '../database/sql-database.js';
import { Prisma } from '../generated/prisma/client.js';
import type { WebhookEndpoint } from '../generated/prisma/client.js';

export type EndpointRow = Omit<WebhookEndpoint, 'events'> & { events: string[] };

/** How long the secret before a rotation keeps signing. */
const PREVIOUS_SECRET_SIGNS_FOR = '24 hours';

export interface EndpointChanges {
  url?: string;
  events?: string[];
  enabled?: boolean;
  description?: string | null;
}

export interface OutboxEventRow extends KeysetPosition {
  type: string;
  walletId: string | null;
  data: Record<string, unknown>;
}

/** Webhook endpoints, their test pings, and the outbox as the admin reads it. */
@Injectable()
export class WebhookEndpointsRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly sql: SqlDatabase,
  ) {}

  async create(input: {
    url: string;
    events: string[];
    description?: string;
    secret: string;
  }): Promise<EndpointRow> {
    return toRow(
      await this.prisma.webhookEndpoint.create({
        data: {
          url: input.url,
          events: input.events,
          description: input.description ?? null,
          secret: input.secret,
        },
      }),
    );
  }

  async list(): Promise<EndpointRow[]> {
    return (
      await this.prisma.webhookEndpoint.findMany({ orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] })
    ).map(toRow);
  }

  async find(id: string): Promise<EndpointRow | undefined> {
    const row = await this.prisma.webhookEndpoint.findUnique({ where: { id } });
    return row ? toRow(row) : undefined;
  }

  /** Re-enabling also forgets the failure streak and why it was disabled. Undefined: no such endpoint. */
  async update(id: string, changes: EndpointChanges): Promise<EndpointRow | undefined> {
    const reenable = changes.enabled === true ? { failingSince: null, disabledReason: null } : {};
    const disable = changes.enabled === false ? { disabledReason: 'disabled by an admin' } : {};
    const { count } = await this.prisma.webhookEndpoint.updateMany({
      where: { id },
      data: { ...changes, ...reenable, ...disable },
    });
    return count ? this.find(id) : undefined;
  }

  async delete(id: string): Promise<boolean> {
    const { count } = await this.prisma.webhookEndpoint.deleteMany({ where: { id } });
    return count > 0;
  }

  /** The current secret becomes the previous one (signing for 24 hours more); one previous is kept. */
  async rotateSecret(id: string, secret: string): Promise<boolean> {
    const changed = await this.sql.execute(Prisma.sql`
      UPDATE "WebhookEndpoint"
      SET "previousSecret" = secret, "previousSecretExpiresAt" = now() + interval '${Prisma.raw(PREVIOUS_SECRET_SIGNS_FOR)}',
          secret = ${secret}, "updatedAt" = now()
      WHERE id = ${id}::uuid`);
    return changed > 0;
  }

  /**
   * A `ping` event and its one delivery, to this endpoint only, whatever it is subscribed to and even
   * when disabled (`isTest`). One statement; undefined when there is no such endpoint.
   */
  async appendTestPing(endpointId: string): Promise<string | undefined> {
    const eventId = randomUUID();
    const rows = await this.sql.query<{ id: string }>(Prisma.sql`
      WITH endpoint AS (SELECT id FROM "WebhookEndpoint" WHERE id = ${endpointId}::uuid),
      event AS (
        INSERT INTO "OutboxEvent" (id, type, "walletId", data)
        SELECT ${eventId}::uuid, 'ping', NULL, jsonb_build_object('endpointId', endpoint.id) FROM endpoint
        RETURNING id
      ), delivery AS (
        INSERT INTO "EventDelivery" (id, "eventId", "endpointId", "isTest")
        SELECT gen_random_uuid(), event.id, ${endpointId}::uuid, true FROM event
      )
      SELECT id FROM event`);
    return rows[0]?.id;
  }

  /** The outbox, newest first, optionally one type and/or one wallet. */
  listEvents(
    filter: { type?: string; walletId?: string },
    limit: number,
    after?: KeysetPosition,
  ): Promise<OutboxEventRow[]> {
    return this.sql.query<OutboxEventRow>(Prisma.sql`
      SELECT id, type, "walletId", data, "createdAt" FROM "OutboxEvent"
      WHERE true
        ${filter.type ? Prisma.sql`AND type = ${filter.type}` : Prisma.empty}
        ${filter.walletId ? Prisma.sql`AND "walletId" = ${filter.walletId}::uuid` : Prisma.empty}
        ${after ? Prisma.sql`AND ("createdAt", id) < (${after.createdAt}, ${after.id}::uuid)` : Prisma.empty}
      ORDER BY "createdAt" DESC, id DESC
      LIMIT ${limit}`);
  }
}

function toRow(row: WebhookEndpoint): EndpointRow {
  return { ...row, events: row.events as string[] };
}
