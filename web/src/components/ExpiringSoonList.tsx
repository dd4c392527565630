import type { ExpiringGrant } from '../api/queries.js';
import { formatCredits, formatDateTime } from './format.js';

/** The balance's `expiringSoon`: grants that expire within the service's notice window, soonest first (as the API sorts them). */
export function ExpiringSoonList({ grants }: { grants: ExpiringGrant[] }) {
  if (grants.length === 0) return <p className="muted">Nothing expires in the coming days.</p>;
  return (
    <ul className="plain-list" data-testid="expiring-soon">
      {grants.map((grant) => (
        <li key={grant.grantId}>
          <strong>{formatCredits(grant.remaining)} credits</strong> expire{' '}
          <time dateTime={grant.expiresAt}>{formatDateTime(grant.expiresAt)}</time>
        </li>
      ))}
    </ul>
  );
}
