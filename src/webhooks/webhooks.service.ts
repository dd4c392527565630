import type { IncomingHttpHeaders } from 'node:http';
import { Injectable, Logger } from '@nestjs/common';
import { SavedPaymentMethodsRepository } from '../auto-top-up/saved-payment-methods.repository.js';
import { AppException } from '../common/errors/app-exception.js';
import { ErrorCode } from '../common/errors/error-code.js';
import type { WebhookEvent } from '../generated/prisma/client.js';
import type { WebhookEventStatus } from '../generated/prisma/enums.js';
import type {
  NormalizedPaymentEvent,
  PaymentEvent,
  PaymentProviderName,
} from '../payments/payment-gateway.js';
import { ForgottenMethodDetacher } from '../payments/forgotten-method-detacher.js';
import { PaymentGatewayRegistry } from '../payments/payment-gateway.registry.js';
import { MetricsService } from '../metrics/metrics.service.js';
import type { WebhookEventDto } from './dto/webhook-event.dto.js';
import { FulfilmentRepository, type ProcessOptions, type ProcessResult } from './fulfilment.repository.js';
import { isReconciliationPayload, reconciliationEvent } from './reconciliation-event.js';
import { storableEvent } from './storable-event.js';
import { eventFromNormalized, WebhookInboxRepository } from './webhook-inbox.repository.js';

/** Enough to tell an admin what went wrong, short enough for a column. */
const MAX_ERROR_LENGTH = 1000;

/**
 * The provider-agnostic webhook pipeline: verify (the provider's gateway, on the raw bytes), then record and
 * fulfil in one transaction (FulfilmentRepository). Reconciliation, the sandbox's Pay button and admin
 * replays all go through `process`, so there is one way an order gets credited.
 */
@Injectable()
export class WebhooksService {
  private readonly logger = new Logger(WebhooksService.name);

  constructor(
    private readonly gateways: PaymentGatewayRegistry,
    private readonly fulfilment: FulfilmentRepository,
    private readonly inbox: WebhookInboxRepository,
    private readonly metrics: MetricsService,
    private readonly savedMethods: SavedPaymentMethodsRepository,
    private readonly detacher: ForgottenMethodDetacher,
  ) {}

  /**
   * A delivery from a provider. 404 for a provider that is not configured (it has no secret to verify
   * with), 400 INVALID_SIGNATURE before anything is written, 500 when processing failed.
   */
  async receive(
    provider: PaymentProviderName,
    rawBody: Buffer | undefined,
    headers: IncomingHttpHeaders,
  ): Promise<ProcessResult> {
    if (!this.gateways.has(provider)) throw new AppException(ErrorCode.NOT_FOUND, 'Not found');
    // No raw body means express did not parse it as JSON (another content type): nothing to verify.
    const gateway = this.gateways.get(provider);
    const event = gateway.verifyWebhook(rawBody ?? Buffer.alloc(0), headers);
    const result = await this.process(await this.withPaymentOfCharge(event));
    await this.rememberSavedPaymentMethod(event);
    return result;
  }

  /**
   * A paid checkout that saved its card: brand and last4 are read from the provider after the fulfilment
   * transaction committed (never inside it). A failed read is answered 500, so the provider redelivers
   * and the read is tried again (the redelivery itself credits nothing twice). The card it replaces is
   * owed its detach by the save's transaction and detached at the provider after the commit — a failure
   * there is logged and left to the retry job (ForgottenMethodDetacher.run): a redelivery would find the
   * new card already stored and could not retry it.
   */
  private async rememberSavedPaymentMethod(event: PaymentEvent): Promise<void> {
    if (event.kind !== 'checkout.paid' || event.autoTopUpOnly || !event.orderId || event.problem) return;
    const order = await this.savedMethods.paidOrderSavingMethod(event.provider, event.orderId);
    const gateway = this.gateways.get(event.provider);
    if (!order || !gateway.readSavedPaymentMethod) return;
    let method;
    try {
      method = await gateway.readSavedPaymentMethod(order.paymentId);
    } catch {
      throw new AppException(
        ErrorCode.WEBHOOK_PROCESSING_FAILED,
        'The saved payment method could not be read; the event will be retried',
      );
    }
    if (!method) return;
    // Paid before its organization was deleted, delivered after: the card is detached, never stored.
    if (order.walletClosed) {
      await this.detacher.detachUnstored(
        { provider: event.provider, paymentMethodId: method.paymentMethodId },
        { walletId: order.walletId, reason: 'organization_deleted' },
      );
      return;
    }
    const replaced = await this.savedMethods.save(order.walletId, event.provider, method);
    if (replaced)
      await this.detacher.detach(replaced, { walletId: order.walletId, reason: 'payment_method_replaced' });
  }

  /**
   * An event that names only a charge (a Stripe dispute with `payment_intent: null`) is matched by the
   * charge's payment: asked of the provider here, before the fulfilment transaction. A failed lookup is
   * answered 500, so the provider retries the delivery.
   */
  private async withPaymentOfCharge(event: PaymentEvent): Promise<PaymentEvent> {
    if (event.paymentId || !event.chargeId || event.problem) return event;
    const gateway = this.gateways.get(event.provider);
    let paymentId: string | undefined;
    try {
      paymentId = await gateway.findPaymentIdOfCharge?.(event.chargeId);
    } catch {
      // The gateway logged why, without the provider's message.
      throw new AppException(
        ErrorCode.WEBHOOK_PROCESSING_FAILED,
        'The event could not be processed; it will be retried',
      );
    }
    return paymentId ? { ...event, paymentId } : event;
  }

  /**
   * Records and fulfils a verified event. When processing throws, the transaction has rolled back; the
   * event is kept FAILED with the error and the caller gets 500 WEBHOOK_PROCESSING_FAILED, so the
   * provider retries. (A mismatch is not thrown: it commits FAILED and is answered 200, see the policy.)
   */
  async process(verified: PaymentEvent, options: ProcessOptions = {}): Promise<ProcessResult> {
    const event = storableEvent(verified);
    let result: ProcessResult;
    try {
      result = await this.fulfilment.process(event, options);
    } catch (error) {
      const message = errorMessage(error);
      this.metrics.webhookProcessingFailed(event.provider);
      this.logger.error(
        { provider: event.provider, eventId: event.eventId, type: event.type, error: message },
        'Webhook processing failed',
      );
      try {
        await this.fulfilment.recordFailure(event, message);
      } catch (recordError) {
        this.logger.error(
          { eventId: event.eventId, error: errorMessage(recordError) },
          'Could not record the failed webhook',
        );
      }
      throw new AppException(
        ErrorCode.WEBHOOK_PROCESSING_FAILED,
        'The event could not be processed; it will be retried',
      );
    }
    this.metrics.webhookHandled(event.provider, result);
    const log = {
      provider: event.provider,
      eventId: event.eventId,
      type: event.type,
      status: result.status,
      duplicate: result.duplicate,
    };
    if (result.status === 'FAILED')
      this.logger.warn({ ...log, error: result.error }, 'Webhook event needs attention');
    else this.logger.log(log, 'Webhook event handled');
    return result;
  }

  async list(status: WebhookEventStatus | undefined, limit: number): Promise<WebhookEventDto[]> {
    return (await this.inbox.list(status, limit)).map(toDto);
  }

  /**
   * Processes a stored FAILED or IGNORED event again (after a fix, or once its order exists) and answers
   * with its new status. A PROCESSED event is answered as it is: processing it again could only be a no-op.
   */
  async replay(id: string): Promise<WebhookEventDto> {
    const row = await this.inbox.find(id);
    if (!row) throw new AppException(ErrorCode.NOT_FOUND, 'No such webhook event');
    if (row.status !== 'PROCESSED') {
      const event = row.normalized
        ? {
            ...eventFromNormalized(row.provider, row.normalized as unknown as NormalizedPaymentEvent),
            payload: row.payload,
          }
        : this.parseLegacy(row.provider, row.eventId, row.payload);
      try {
        await this.process(await this.withPaymentOfCharge(event), { replay: true });
      } catch (error) {
        // The new status (FAILED, with the error) is the answer an admin needs, not a 500.
        if (!(error instanceof AppException && error.code === ErrorCode.WEBHOOK_PROCESSING_FAILED))
          throw error;
      }
    }
    return toDto((await this.inbox.find(id))!);
  }

  /** A row stored before inbox rows kept their normalized event: parsed again from its verified payload. */
  private parseLegacy(provider: PaymentProviderName, eventId: string, payload: unknown): PaymentEvent {
    if (isReconciliationPayload(payload)) return reconciliationEvent(payload);
    if (!this.gateways.has(provider)) {
      throw new AppException(
        ErrorCode.PROVIDER_UNAVAILABLE,
        `Provider ${provider} is not configured; its events cannot be replayed`,
      );
    }
    return this.gateways.get(provider).parseStoredEvent(eventId, payload);
  }
}

function errorMessage(error: unknown): string {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return message.slice(0, MAX_ERROR_LENGTH);
}

function toDto(row: WebhookEvent): WebhookEventDto {
  return {
    id: row.id,
    provider: row.provider,
    eventId: row.eventId,
    type: row.type,
    status: row.status,
    error: row.error,
    attempts: row.attempts,
    receivedAt: row.receivedAt,
    processedAt: row.processedAt,
  };
}
