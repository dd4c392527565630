import { Injectable } from '@nestjs/common';
import { AppException } from '../common/errors/app-exception.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { KeysetCursorCodec } from '../common/pagination/keyset-cursor.codec.js';
import type { EventDeliveryStatus } from '../generated/prisma/enums.js';
import type { EventDeliveryPageDto, OutboxEventPageDto } from './dto/event-delivery.dto.js';
import type {
  CreatedWebhookEndpointDto,
  CreateWebhookEndpointDto,
  UpdateWebhookEndpointDto,
  WebhookEndpointDto,
} from './dto/webhook-endpoint.dto.js';
import { EndpointAddressPolicy } from './endpoint-address-policy.js';
import { ALL_EVENTS } from './event-catalogue.js';
import { EventDeliveriesRepository } from './event-deliveries.repository.js';
import { newEndpointSecret } from './event-signer.js';
import { type EndpointRow, WebhookEndpointsRepository } from './webhook-endpoints.repository.js';

const EVENTS_LIST = 'outbox-events';
const deliveriesList = (endpointId: string) => `event-deliveries:${endpointId}`;

/** The admin API of outgoing events: endpoints, their secrets and test pings, deliveries, the event log. */
@Injectable()
export class WebhookEndpointsService {
  constructor(
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly deliveries: EventDeliveriesRepository,
    private readonly policy: EndpointAddressPolicy,
    private readonly cursors: KeysetCursorCodec,
  ) {}

  async create(input: CreateWebhookEndpointDto): Promise<CreatedWebhookEndpointDto> {
    const secret = newEndpointSecret();
    const row = await this.endpoints.create({
      url: this.checkedUrl(input.url),
      events: subscriptions(input.events),
      description: input.description,
      secret,
    });
    return { ...toDto(row), secret };
  }

  async list(): Promise<WebhookEndpointDto[]> {
    return (await this.endpoints.list()).map(toDto);
  }

  async get(id: string): Promise<WebhookEndpointDto> {
    return toDto(found(await this.endpoints.find(id)));
  }

  async update(id: string, changes: UpdateWebhookEndpointDto): Promise<WebhookEndpointDto> {
    const row = await this.endpoints.update(id, {
      ...(changes.url !== undefined ? { url: this.checkedUrl(changes.url) } : {}),
      ...(changes.events !== undefined ? { events: subscriptions(changes.events) } : {}),
      ...(changes.enabled !== undefined ? { enabled: changes.enabled } : {}),
      ...(changes.description !== undefined ? { description: changes.description } : {}),
    });
    return toDto(found(row));
  }

  async delete(id: string): Promise<void> {
    if (!(await this.endpoints.delete(id))) throw notFound();
  }

  async rotateSecret(id: string): Promise<{ secret: string }> {
    const secret = newEndpointSecret();
    if (!(await this.endpoints.rotateSecret(id, secret))) throw notFound();
    return { secret };
  }

  async sendTestPing(id: string): Promise<{ eventId: string }> {
    const eventId = await this.endpoints.appendTestPing(id);
    if (!eventId) throw notFound();
    return { eventId };
  }

  async deliveriesOf(
    id: string,
    status: EventDeliveryStatus | undefined,
    limit: number,
    cursor?: string,
  ): Promise<EventDeliveryPageDto> {
    const after = cursor === undefined ? undefined : this.cursors.decode(deliveriesList(id), cursor);
    found(await this.endpoints.find(id));
    const rows = await this.deliveries.listForEndpoint(id, status, limit + 1, after);
    return this.cursors.page(deliveriesList(id), rows, limit, (row) => ({
      id: row.id,
      eventId: row.eventId,
      type: row.type,
      status: row.status,
      attempts: row.attempts,
      lastStatusCode: row.lastStatusCode,
      nextAttemptAt: row.nextAttemptAt,
      deliveredAt: row.deliveredAt,
    }));
  }

  async retryDelivery(id: string): Promise<void> {
    const result = await this.deliveries.retryNow(id);
    if (result === 'missing') throw new AppException(ErrorCode.NOT_FOUND, 'Event delivery not found');
    if (result === 'delivered') {
      throw new AppException(ErrorCode.ALREADY_DELIVERED, 'This delivery was already delivered');
    }
  }

  async events(
    filter: { type?: string; walletId?: string },
    limit: number,
    cursor?: string,
  ): Promise<OutboxEventPageDto> {
    const after = cursor === undefined ? undefined : this.cursors.decode(EVENTS_LIST, cursor);
    const rows = await this.endpoints.listEvents(filter, limit + 1, after);
    return this.cursors.page(EVENTS_LIST, rows, limit, (row) => ({
      id: row.id,
      type: row.type,
      walletId: row.walletId,
      data: row.data,
      createdAt: row.createdAt,
    }));
  }

  private checkedUrl(url: string): string {
    const verdict = this.policy.checkUrl(url);
    if (!verdict.ok) throw new AppException(ErrorCode.INVALID_ENDPOINT_URL, verdict.reason);
    return verdict.url.toString();
  }
}

/** Distinct, and `*` alone when present (it already means everything). */
function subscriptions(events: string[]): string[] {
  return events.includes(ALL_EVENTS) ? [ALL_EVENTS] : [...new Set(events)];
}

function found<T>(row: T | undefined): T {
  if (!row) throw notFound();
  return row;
}

function notFound(): AppException {
  return new AppException(ErrorCode.NOT_FOUND, 'Webhook endpoint not found');
}

function toDto(row: EndpointRow): WebhookEndpointDto {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: row.events,
    enabled: row.enabled,
    disabledReason: row.disabledReason,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
