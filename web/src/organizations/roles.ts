import type { OrganizationRole } from '../api/queries.js';

export const ROLE_LABELS: Record<OrganizationRole, string> = {
  OWNER: 'Owner',
  BILLING_ADMIN: 'Billing admin',
  MEMBER: 'Member',
};

export const ROLES = Object.keys(ROLE_LABELS) as OrganizationRole[];

/** What the API lets each role do here (it decides; this only hides controls it would refuse). */
export const canManageBilling = (role: OrganizationRole) => role === 'OWNER' || role === 'BILLING_ADMIN';
