import { Inject, Injectable } from '@nestjs/common';
import { AppException } from '../common/errors/app-exception.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { SandboxGateway } from '../payments/sandbox/sandbox.gateway.js';
import { FulfilmentRepository } from './fulfilment.repository.js';
import { price, renderCheckoutPage, renderResultPage } from './sandbox-checkout.page.js';
import { WebhooksService } from './webhooks.service.js';

/**
 * The sandbox provider's hosted page, served by the service itself (development only: SandboxGateway is
 * null in production, and every route here is then 404). Pay and Cancel sign a sandbox event and hand
 * its bytes to WebhooksService.receive — verification included — exactly as if it had been POSTed to
 * /api/payments/sandbox/webhook. A double-clicked Pay signs the same event id: one inbox row, one credit.
 */
@Injectable()
export class SandboxCheckoutService {
  constructor(
    @Inject(SandboxGateway) private readonly sandbox: SandboxGateway | null,
    private readonly fulfilment: FulfilmentRepository,
    private readonly webhooks: WebhooksService,
  ) {}

  async page(sessionId: string): Promise<string> {
    const order = await this.order(sessionId);
    return renderCheckoutPage({ sessionId, ...order });
  }

  async pay(sessionId: string): Promise<string> {
    const order = await this.order(sessionId);
    const back = { href: this.gateway().returnUrls(order.id).success, label: 'Back to Forge Credits' };
    if (order.status !== 'PENDING' && order.status !== 'AWAITING_PAYMENT') {
      return renderResultPage('Checkout closed', `This order is ${order.status}; nothing was charged.`, back);
    }
    await this.deliver('payment.succeeded', sessionId, order);
    return renderResultPage(
      'Payment received',
      `${order.credits} credits for ${price(order.amount, order.currency)} are on your balance.`,
      back,
    );
  }

  async cancel(sessionId: string): Promise<string> {
    const order = await this.order(sessionId);
    if (order.status === 'PENDING' || order.status === 'AWAITING_PAYMENT')
      await this.deliver('checkout.cancelled', sessionId, order);
    return renderResultPage('Checkout cancelled', 'Nothing was charged.', {
      href: this.gateway().returnUrls(order.id).cancel,
      label: 'Back to Forge Credits',
    });
  }

  private async deliver(
    type: 'payment.succeeded' | 'checkout.cancelled',
    sessionId: string,
    order: { id: string; amount: number; currency: string },
  ): Promise<void> {
    const signed = this.gateway().signEvent({
      type,
      data: { sessionId, orderId: order.id, amount: order.amount, currency: order.currency },
    });
    await this.webhooks.receive('sandbox', signed.rawBody, signed.headers);
  }

  private async order(sessionId: string) {
    this.gateway();
    const order = await this.fulfilment.findOrderForCheckout('sandbox', sessionId);
    if (!order) throw new AppException(ErrorCode.NOT_FOUND, 'No such sandbox checkout');
    return order;
  }

  private gateway(): SandboxGateway {
    if (!this.sandbox) throw new AppException(ErrorCode.NOT_FOUND, 'Not found');
    return this.sandbox;
  }
}
