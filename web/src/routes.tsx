import type { ReactElement } from 'react';
import { ApiKeysScreen } from './screens/ApiKeysScreen.js';
import { AutoTopUpScreen } from './screens/AutoTopUpScreen.js';
import { BillingAddressScreen } from './screens/BillingAddressScreen.js';
import { BuyCreditsScreen } from './screens/BuyCreditsScreen.js';
import { GrantsScreen } from './screens/GrantsScreen.js';
import { OrganizationScreen } from './screens/OrganizationScreen.js';
import { OrganizationsScreen } from './screens/OrganizationsScreen.js';
import { OrderScreen } from './screens/OrderScreen.js';
import { OrdersScreen } from './screens/OrdersScreen.js';
import { OverviewScreen } from './screens/OverviewScreen.js';
import { TransactionsScreen } from './screens/TransactionsScreen.js';

export interface SignedInScreen {
  path: string;
  element: ReactElement;
  /** Shown in the navigation when set. */
  nav?: string;
}

/** The screens behind sign-in, in navigation order. */
export const SIGNED_IN_SCREENS: SignedInScreen[] = [
  { path: '/', element: <OverviewScreen />, nav: 'Overview' },
  { path: '/buy', element: <BuyCreditsScreen />, nav: 'Buy credits' },
  { path: '/orders', element: <OrdersScreen />, nav: 'Orders' },
  { path: '/orders/:orderId', element: <OrderScreen /> },
  { path: '/transactions', element: <TransactionsScreen />, nav: 'Transactions' },
  { path: '/grants', element: <GrantsScreen />, nav: 'Grants' },
  { path: '/auto-top-up', element: <AutoTopUpScreen />, nav: 'Auto top-up' },
  { path: '/organizations', element: <OrganizationsScreen />, nav: 'Organizations' },
  { path: '/organizations/:organizationId', element: <OrganizationScreen /> },
  { path: '/billing-address', element: <BillingAddressScreen />, nav: 'Billing address' },
  { path: '/api-keys', element: <ApiKeysScreen />, nav: 'API keys' },
];
