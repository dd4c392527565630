import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId } from 'react';
import { useOrganizations } from '../api/queries.js';
import { useSelectedOrganizationId } from '../auth/use-session.js';
import { switchWallet } from '../organizations/switch-wallet.js';

const PERSONAL = 'personal';

/**
 * Which wallet every screen acts on: the personal one or an organization's (the API client then sends
 * X-Organization-Id). A native select: it is keyboard- and screen-reader-friendly on every platform,
 * and on a phone it opens the system picker.
 */
export function WalletSwitcher() {
  const id = useId();
  const organizations = useOrganizations();
  const selected = useSelectedOrganizationId();
  const queryClient = useQueryClient();
  const list = organizations.data ?? [];
  const stale = organizations.data !== undefined && selected !== null && !list.some((o) => o.id === selected);

  // An organization left, deleted or removed from under us: back to the personal wallet.
  useEffect(() => {
    if (stale) switchWallet(queryClient, null);
  }, [stale, queryClient]);

  return (
    <div className="wallet-switcher">
      <label htmlFor={id}>Wallet</label>
      <select
        id={id}
        className="select"
        value={selected ?? PERSONAL}
        onChange={(event) =>
          switchWallet(queryClient, event.target.value === PERSONAL ? null : event.target.value)
        }
      >
        <option value={PERSONAL}>Personal</option>
        {list.map((organization) => (
          <option key={organization.id} value={organization.id}>
            {organization.name}
          </option>
        ))}
        {/* Keeps the select's value valid until the list arrives. */}
        {selected !== null && organizations.data === undefined && <option value={selected}>…</option>}
      </select>
    </div>
  );
}
