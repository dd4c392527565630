import type { OrganizationRole } from '../generated/prisma/enums.js';

/**
 * What each role of an organization may do: the one place to read or change it (README, "Organizations").
 * Guards, services and the credit hold statement all ask this file; none names a role itself.
 * Anyone who is not a member — and everyone, once the organization is deleted — gets 404 instead.
 */
export enum OrganizationRight {
  /** Priced routes on the organization's wallet (the hold statement checks it too). */
  SPEND = 'SPEND',
  READ_BALANCE = 'READ_BALANCE',
  /** The whole ledger; without it a member sees only the rows they caused. */
  READ_LEDGER = 'READ_LEDGER',
  /** Usage of every member; without it a member sees only their own. */
  READ_ALL_USAGE = 'READ_ALL_USAGE',
  READ_GRANTS = 'READ_GRANTS',
  /** Checkout sessions with the organization's header. */
  BUY_CREDITS = 'BUY_CREDITS',
  /** Orders and the billing address. */
  MANAGE_BILLING = 'MANAGE_BILLING',
  MANAGE_AUTO_TOP_UP = 'MANAGE_AUTO_TOP_UP',
  READ_MEMBERS = 'READ_MEMBERS',
  /** Add members, change roles, remove others. */
  MANAGE_MEMBERS = 'MANAGE_MEMBERS',
  /** Any member's spend limit. */
  SET_ANY_LIMIT = 'SET_ANY_LIMIT',
  /** The spend limits of MEMBERs. */
  SET_MEMBER_LIMITS = 'SET_MEMBER_LIMITS',
  MANAGE_API_KEYS = 'MANAGE_API_KEYS',
  RENAME = 'RENAME',
  DELETE = 'DELETE',
  /** Credits out of the organization's wallet. */
  TRANSFER_OUT = 'TRANSFER_OUT',
  /** Credits into the organization's wallet. */
  TRANSFER_IN = 'TRANSFER_IN',
}

const R = OrganizationRight;

const MEMBER_RIGHTS = [R.SPEND, R.READ_BALANCE, R.READ_MEMBERS] as const;

const BILLING_ADMIN_RIGHTS = [
  ...MEMBER_RIGHTS,
  R.READ_LEDGER,
  R.READ_ALL_USAGE,
  R.READ_GRANTS,
  R.BUY_CREDITS,
  R.MANAGE_BILLING,
  R.MANAGE_AUTO_TOP_UP,
  R.SET_MEMBER_LIMITS,
  R.MANAGE_API_KEYS,
  R.TRANSFER_IN,
] as const;

const ROLE_RIGHTS: Readonly<Record<OrganizationRole, ReadonlySet<OrganizationRight>>> = {
  OWNER: new Set(Object.values(OrganizationRight)),
  BILLING_ADMIN: new Set(BILLING_ADMIN_RIGHTS),
  MEMBER: new Set(MEMBER_RIGHTS),
};

export function can(role: OrganizationRole, right: OrganizationRight): boolean {
  return ROLE_RIGHTS[role].has(right);
}

/** The roles that have a right, for SQL that checks it in the statement (the credit hold). */
export function rolesWith(right: OrganizationRight): OrganizationRole[] {
  return (Object.keys(ROLE_RIGHTS) as OrganizationRole[]).filter((role) => can(role, right));
}

/**
 * May `actor` set `target`'s spend limit? OWNERs any; BILLING_ADMINs only MEMBERs'.
 */
export function canSetLimitOf(actor: OrganizationRole, target: OrganizationRole): boolean {
  return can(actor, R.SET_ANY_LIMIT) || (can(actor, R.SET_MEMBER_LIMITS) && target === 'MEMBER');
}
