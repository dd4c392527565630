import { type Organization, useOrganizations } from '../api/queries.js';
import { useSelectedOrganizationId } from '../auth/use-session.js';

/** The organization the app acts on, once the list has arrived; null for the personal wallet. */
export function useSelectedOrganization(): Organization | null {
  const selected = useSelectedOrganizationId();
  const organizations = useOrganizations();
  if (selected === null) return null;
  return organizations.data?.find((organization) => organization.id === selected) ?? null;
}
