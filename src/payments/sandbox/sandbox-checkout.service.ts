import { Inject, Injectable } from '@nestjs/common';
import { formatMoney } from '../../billing/money.js';
import { isOpenCheckout } from '../../billing/order-state.js';
import { OrdersRepository } from '../../billing/orders.repository.js';
import { AppException } from '../../common/errors/app-exception.js';
import { ErrorCode } from '../../common/errors/error-code.js';
import { WebhooksService } from '../../webhooks/webhooks.service.js';
import { renderCheckoutPage, renderResultPage } from './sandbox-checkout.page.js';
import { SandboxGateway } from './sandbox.gateway.js';

/**
 * The sandbox provider's hosted page, served by the service itself (development only). Pay and Cancel sign
 * a sandbox event and hand its bytes to WebhooksService.receive — verification included — exactly as if it
 * had been POSTed to /api/payments/sandbox/webhook. A double-clicked Pay signs the same event id: one inbox
 * row, one credit.
 */
@Injectable()
export class SandboxCheckoutService {
  constructor(
    @Inject(SandboxGateway) private readonly sandbox: SandboxGateway,
    private readonly orders: OrdersRepository,
    private readonly webhooks: WebhooksService,
  ) {}

  async page(sessionId: string): Promise<string> {
    const order = await this.order(sessionId);
    return renderCheckoutPage({ sessionId, ...order });
  }

  async pay(sessionId: string): Promise<string> {
    const order = await this.order(sessionId);
    const back = { href: this.sandbox.returnUrls(order.id).success, label: 'Back to Forge Credits' };
    if (!isOpenCheckout(order.status)) {
      return renderResultPage('Checkout closed', `This order is ${order.status}; nothing was charged.`, back);
    }
    await this.deliver('payment.succeeded', sessionId, order);
    return renderResultPage(
      'Payment received',
      `${order.credits} credits for ${formatMoney(order.amount, order.currency)} are on your balance.`,
      back,
    );
  }

  async cancel(sessionId: string): Promise<string> {
    const order = await this.order(sessionId);
    if (isOpenCheckout(order.status)) await this.deliver('checkout.cancelled', sessionId, order);
    return renderResultPage('Checkout cancelled', 'Nothing was charged.', {
      href: this.sandbox.returnUrls(order.id).cancel,
      label: 'Back to Forge Credits',
    });
  }

  private async deliver(
    type: 'payment.succeeded' | 'checkout.cancelled',
    sessionId: string,
    order: { id: string; amount: number; currency: string },
  ): Promise<void> {
    const signed = this.sandbox.signEvent({
      type,
      data: { sessionId, orderId: order.id, amount: order.amount, currency: order.currency },
    });
    await this.webhooks.receive('sandbox', signed.rawBody, signed.headers);
  }

  private async order(sessionId: string) {
    const order = await this.orders.findBySession('sandbox', sessionId);
    if (!order) throw new AppException(ErrorCode.NOT_FOUND, 'No such sandbox checkout');
    return order;
  }
}
