/**
 * Every event the service sends to the application, and the shape of its `data` (docs/events.md).
 * The one definition: the outbox, the endpoint validation and the admin API all read their types here.
 */

/** Whose wallet an event is about: a personal wallet names its user, an organization's wallet the organization. */
type WalletOwner =
  | { walletId: string; userId: string; organizationId?: never }
  | { walletId: string; organizationId: string; userId?: never };

export interface EventCatalogue {
  'order.paid': WalletOwner & {
    orderId: string;
    credits: number;
    amount: number;
    currency: string;
    provider: string;
    /** The purchase's grant; null when refunds and disputes that came first left nothing to credit. */
    grantId: string | null;
  };
  'order.refunded': WalletOwner & {
    orderId: string;
    refundedAmount: number;
    creditsClawedBack: number;
    status: string;
  };
  'order.disputed': WalletOwner & { orderId: string; disputeId: string; creditsClawedBack: number };
  'order.dispute_closed': WalletOwner & { orderId: string; disputeId: string; won: boolean };
  'credits.granted': WalletOwner & {
    grantId: string;
    source: string;
    category: string;
    amount: number;
    /** RFC 3339, or null for credits that never expire. */
    expiresAt: string | null;
  };
  'credits.expiring_soon': WalletOwner & { grantId: string; remaining: number; expiresAt: string };
  'credits.expired': WalletOwner & { grantId: string; amount: number };
  'balance.low': WalletOwner & { remaining: number; threshold: number };
  'balance.depleted': WalletOwner & { remaining: number };
  'auto_top_up.succeeded': WalletOwner & {
    attemptId: string;
    orderId: string;
    credits: number;
    amount: number;
  };
  'auto_top_up.failed': WalletOwner & { attemptId: string; failureCode: string; consecutiveFailures: number };
  'auto_top_up.requires_action': WalletOwner & { attemptId: string };
  'auto_top_up.disabled': WalletOwner & { reason: string };
  ping: { endpointId: string };
}

export type EventType = keyof EventCatalogue;

/** The types about a wallet (all but `ping`). */
type WalletEventType = Exclude<EventType, 'ping'>;

/**
 * An event about a wallet whose owner fields (`walletId`, `userId` / `organizationId`) the outbox fills
 * in from the Wallet row (`OutboxRepository.appendForWallet`).
 */
export type WalletEvent<Type extends WalletEventType = WalletEventType> = {
  [T in Type]: { type: T; data: Omit<EventCatalogue[T], keyof WalletOwner> };
}[Type];

/** An event to append to the outbox: a type of the catalogue and its data, checked by the compiler. */
export interface OutgoingEvent<Type extends EventType = EventType> {
  type: Type;
  data: EventCatalogue[Type];
}

/**
 * Every type, at run time. `satisfies` makes the compiler refuse a catalogue entry missing here, so the
 * list used to validate endpoint subscriptions can never fall behind the types.
 */
const TYPES = {
  'order.paid': true,
  'order.refunded': true,
  'order.disputed': true,
  'order.dispute_closed': true,
  'credits.granted': true,
  'credits.expiring_soon': true,
  'credits.expired': true,
  'balance.low': true,
  'balance.depleted': true,
  'auto_top_up.succeeded': true,
  'auto_top_up.failed': true,
  'auto_top_up.requires_action': true,
  'auto_top_up.disabled': true,
  ping: true,
} as const satisfies Record<EventType, true>;

export const EVENT_TYPES = Object.keys(TYPES) as EventType[];

/** What an endpoint can subscribe to: every type but `ping` (sent only by the test route), or `*`. */
export const SUBSCRIBABLE_EVENT_TYPES = EVENT_TYPES.filter((type) => type !== 'ping');
export const ALL_EVENTS = '*';

/** Builds a typed event: `outgoingEvent('order.paid', {...})`, the data checked against the catalogue. */
export function outgoingEvent<Type extends EventType>(
  type: Type,
  data: EventCatalogue[Type],
): OutgoingEvent<Type> {
  return { type, data };
}

/** One builder per type, for call sites that read better with a name: `outgoingEvents.orderPaid({...})`. */
export const outgoingEvents = {
  orderPaid: (data: EventCatalogue['order.paid']) => outgoingEvent('order.paid', data),
  orderRefunded: (data: EventCatalogue['order.refunded']) => outgoingEvent('order.refunded', data),
  orderDisputed: (data: EventCatalogue['order.disputed']) => outgoingEvent('order.disputed', data),
  orderDisputeClosed: (data: EventCatalogue['order.dispute_closed']) =>
    outgoingEvent('order.dispute_closed', data),
  creditsGranted: (data: EventCatalogue['credits.granted']) => outgoingEvent('credits.granted', data),
  creditsExpiringSoon: (data: EventCatalogue['credits.expiring_soon']) =>
    outgoingEvent('credits.expiring_soon', data),
  creditsExpired: (data: EventCatalogue['credits.expired']) => outgoingEvent('credits.expired', data),
  balanceLow: (data: EventCatalogue['balance.low']) => outgoingEvent('balance.low', data),
  balanceDepleted: (data: EventCatalogue['balance.depleted']) => outgoingEvent('balance.depleted', data),
  autoTopUpSucceeded: (data: EventCatalogue['auto_top_up.succeeded']) =>
    outgoingEvent('auto_top_up.succeeded', data),
  autoTopUpFailed: (data: EventCatalogue['auto_top_up.failed']) => outgoingEvent('auto_top_up.failed', data),
  autoTopUpRequiresAction: (data: EventCatalogue['auto_top_up.requires_action']) =>
    outgoingEvent('auto_top_up.requires_action', data),
  autoTopUpDisabled: (data: EventCatalogue['auto_top_up.disabled']) =>
    outgoingEvent('auto_top_up.disabled', data),
} as const;
