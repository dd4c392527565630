/** Raised by `withDeadline` when the whole provider call, retries included, ran out of time. */
export class ProviderDeadlineExceeded extends Error {
  constructor(readonly timeoutMs: number) {
    super(`Payment provider call exceeded ${timeoutMs} ms`);
    this.name = 'ProviderDeadlineExceeded';
  }
}

/**
 * Caps a provider call, SDK retries included, at `timeoutMs`. The SDKs apply their timeout per
 * attempt, so a hanging provider would otherwise cost (1 + retries) × timeout before the customer
 * gets an answer. The signal aborts the in-flight request where the SDK supports it (Dodo); for
 * Stripe the abandoned attempt ends on its own per-attempt timeout.
 */
export async function withDeadline<T>(
  timeoutMs: number,
  call: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new ProviderDeadlineExceeded(timeoutMs));
    }, timeoutMs);
  });
  try {
    return await Promise.race([call(controller.signal), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
