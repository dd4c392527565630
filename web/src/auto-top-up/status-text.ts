import type { AutoTopUp, AutoTopUpAttempt } from '../api/queries.js';

/** The rule's status in plain words: a short label and what it means for the customer. */
export const RULE_STATUS_TEXT: Record<AutoTopUp['status'], { label: string; meaning: string }> = {
  DISABLED: {
    label: 'Off',
    meaning: 'Nothing is bought automatically. Turn it on below to keep this wallet topped up.',
  },
  ACTIVE: {
    label: 'On',
    meaning: 'When spending takes the balance below the threshold, the saved card is charged for one top-up.',
  },
  REQUIRES_ACTION: {
    label: 'Paused: your bank wants you to confirm',
    meaning:
      'The bank asked for the last top-up to be confirmed by you in person, so nothing was charged. ' +
      'Buy credits once with “Save this card for auto top-up” ticked and auto top-up resumes.',
  },
  DISABLED_AFTER_FAILURES: {
    label: 'Turned off after three declined payments',
    meaning:
      'The saved card was declined three times in a row, so auto top-up stopped trying. ' +
      'Check the card with your bank or save another one, then turn auto top-up on again.',
  },
};

const ATTEMPT_STATUS_TEXT: Record<AutoTopUpAttempt['status'], string> = {
  PENDING: 'Waiting to charge the card',
  CHARGING: 'Charging the card…',
  SUCCEEDED: 'Paid: credits added',
  FAILED: 'Declined',
  REQUIRES_ACTION: 'Not charged: the bank wants you to confirm',
};

/** One attempt's outcome, with the provider's failure code when there is one. */
export function attemptStatusText(attempt: Pick<AutoTopUpAttempt, 'status' | 'failureCode'>): string {
  const text = ATTEMPT_STATUS_TEXT[attempt.status];
  return attempt.failureCode && attempt.status === 'FAILED' ? `${text} (${attempt.failureCode})` : text;
}

/** "Visa •••• 4242", "Sandbox •••• 4242", or the provider's name when it gave neither. */
export function cardText(method: NonNullable<AutoTopUp['paymentMethod']>): string {
  const brand = method.brand ? method.brand.charAt(0).toUpperCase() + method.brand.slice(1) : 'Card';
  return method.last4 ? `${brand} •••• ${method.last4}` : `${brand} saved with ${method.provider}`;
}
