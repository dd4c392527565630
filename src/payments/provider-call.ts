import { Logger } from '@nestjs/common';
import type { PaymentProviderError, PaymentProviderName } from './payment-gateway.js';
import { withDeadline } from './provider-deadline.js';

/**
 * The one way a gateway calls its provider: the whole call, SDK retries included, under one deadline
 * (PAYMENT_PROVIDER_TIMEOUT_MS); whatever it throws classified into a PaymentProviderError (502, no SDK
 * message kept); one log line naming the operation and the failure class, never the provider's message.
 */
export class ProviderCaller {
  private readonly logger: Logger;

  constructor(
    private readonly provider: PaymentProviderName,
    private readonly timeoutMs: number,
    private readonly classify: (error: unknown) => PaymentProviderError,
  ) {
    this.logger = new Logger(`${provider[0].toUpperCase()}${provider.slice(1)}Gateway`);
  }

  async call<T>(operation: string, request: (signal: AbortSignal) => Promise<T>): Promise<T> {
    try {
      return await withDeadline(this.timeoutMs, request);
    } catch (error) {
      const failure = this.classify(error);
      this.logger.warn(
        `${this.provider} ${operation} failed: ${failure.failure}${failure.providerStatus ? ` (HTTP ${failure.providerStatus})` : ''}`,
      );
      throw failure;
    }
  }

  /** The provider answered, but not with what the operation needs. */
  unexpected(operation: string, failure: PaymentProviderError): PaymentProviderError {
    this.logger.warn(`${this.provider} ${operation} answered unexpectedly: ${failure.failure}`);
    return failure;
  }
}
