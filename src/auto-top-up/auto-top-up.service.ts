import { Inject, Injectable } from '@nestjs/common';
import { formatMoney } from '../billing/money.js';
import { priceCredits, validateCredits } from '../billing/pricing.js';
import { AppException } from '../common/errors/app-exception.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { KeysetCursorCodec } from '../common/pagination/keyset-cursor.codec.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { ResolvedWalletContext } from '../organizations/wallet-context.js';
import { PaymentGatewayRegistry } from '../payments/payment-gateway.registry.js';
import { AutoTopUpAttemptsRepository } from './auto-top-up-attempts.repository.js';
import { AutoTopUpRulesRepository } from './auto-top-up-rules.repository.js';
import type { AutoTopUpAttemptPageDto, AutoTopUpDto, PutAutoTopUpDto } from './dto/auto-top-up.dto.js';
import { SavedPaymentMethodsRepository } from './saved-payment-methods.repository.js';

const ATTEMPTS_LIST = 'auto-top-up-attempts';

/** The rule API (docs/api.md, "Auto top-up"): one rule and one saved method per wallet. */
@Injectable()
export class AutoTopUpService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly rules: AutoTopUpRulesRepository,
    private readonly attempts: AutoTopUpAttemptsRepository,
    private readonly methods: SavedPaymentMethodsRepository,
    private readonly gateways: PaymentGatewayRegistry,
    private readonly cursors: KeysetCursorCodec,
  ) {}

  async get(walletId: string): Promise<AutoTopUpDto> {
    const [rule, method, [lastAttempt]] = await Promise.all([
      this.rules.find(walletId),
      this.methods.find(walletId),
      this.attempts.list(walletId, 1),
    ]);
    return {
      enabled: rule?.status === 'ACTIVE',
      threshold: rule?.threshold ?? null,
      credits: rule?.credits ?? null,
      maxPerMonth: rule?.maxPerMonth ?? null,
      monthlySpendLimit: rule?.monthlySpendLimit ?? null,
      status: rule?.status ?? 'DISABLED',
      paymentMethod: method ? { provider: method.provider, brand: method.brand, last4: method.last4 } : null,
      lastAttempt: lastAttempt ?? null,
      consentedAt: rule?.consentedAt ?? null,
    };
  }

  async put(wallet: ResolvedWalletContext, userId: string, body: PutAutoTopUpDto): Promise<AutoTopUpDto> {
    const credits = validateCredits(body.credits, this.config.creditsPerUnit);
    const price = priceCredits(credits, this.config.creditsPerUnit);
    if (body.monthlySpendLimit !== undefined && body.monthlySpendLimit < price.amount) {
      // In the ValidationPipe's shape, so a form shows it at its field like any other bad value.
      const message = `monthlySpendLimit (${formatMoney(body.monthlySpendLimit, price.currency)}) is below the price of one top-up (${formatMoney(price.amount, price.currency)})`;
      throw new AppException(ErrorCode.VALIDATION_FAILED, message, {
        details: [{ field: 'monthlySpendLimit', errors: [message] }],
      });
    }
    if (body.enabled) {
      const method = await this.methods.find(wallet.walletId);
      if (!method)
        throw new AppException(
          ErrorCode.NO_SAVED_PAYMENT_METHOD,
          'Save a payment method at checkout (savePaymentMethod: true) before enabling auto top-up',
        );
      if (!this.gateways.has(method.provider) || !this.gateways.get(method.provider).chargeOffSession)
        throw new AppException(
          ErrorCode.AUTO_TOP_UP_UNSUPPORTED,
          `Provider ${method.provider} is not set up to charge off-session`,
        );
    }
    await this.rules.save(
      wallet.walletId,
      userId,
      {
        threshold: body.threshold,
        credits,
        amount: price.amount,
        currency: price.currency,
        maxPerMonth: body.maxPerMonth,
        monthlySpendLimit: body.monthlySpendLimit ?? null,
      },
      body.enabled,
    );
    return this.get(wallet.walletId);
  }

  disable(walletId: string): Promise<void> {
    return this.rules.disable(walletId);
  }

  /** Detached at the provider first: a method we forgot but the provider kept could still be charged. */
  async removePaymentMethod(wallet: ResolvedWalletContext, userId: string): Promise<void> {
    const method = await this.methods.find(wallet.walletId);
    if (method && this.gateways.has(method.provider))
      await this.gateways.get(method.provider).detachPaymentMethod?.(method.paymentMethodId);
    await this.methods.forget(
      wallet.walletId,
      wallet.organizationId ? { organizationId: wallet.organizationId } : { userId },
    );
  }

  async listAttempts(walletId: string, limit: number, cursor?: string): Promise<AutoTopUpAttemptPageDto> {
    const after = cursor === undefined ? undefined : this.cursors.decode(ATTEMPTS_LIST, cursor);
    const rows = await this.attempts.list(walletId, limit + 1, after);
    return this.cursors.page(ATTEMPTS_LIST, rows, limit, (row) => row);
  }
}
