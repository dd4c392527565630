import { useQueryClient } from '@tanstack/react-query';
import { Button } from 'react-aria-components';
import { NavLink, Outlet } from 'react-router';
import { useMe } from '../api/queries.js';
import { sessionStore } from '../auth/session-store.js';
import { SIGNED_IN_SCREENS } from '../routes.js';
import { WalletSwitcher } from './WalletSwitcher.js';

/** The frame of every signed-in screen: a skip link, the navigation, the wallet in use, who is signed in, the screen. */
export function AppShell() {
  const me = useMe();
  const queryClient = useQueryClient();

  function signOut() {
    sessionStore.signOut();
    queryClient.clear();
  }

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <NavLink to="/" className="brand">
          Forge Credits
        </NavLink>
        <nav aria-label="Main" className="nav">
          <ul>
            {SIGNED_IN_SCREENS.filter((screen) => screen.nav).map((screen) => (
              <li key={screen.path}>
                <NavLink to={screen.path} end={screen.path === '/'}>
                  {screen.nav}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="account">
          <WalletSwitcher />
          {me.data && <span className="account__email">{me.data.email}</span>}
          <Button className="button button--quiet" onPress={signOut}>
            Sign out
          </Button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}
