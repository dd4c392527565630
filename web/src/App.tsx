import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createBrowserRouter, Navigate, Outlet, RouterProvider, useLocation } from 'react-router';
import { ApiRequestError } from './api/client.js';
import { useAccessToken } from './auth/use-session.js';
import { AppShell } from './layout/AppShell.js';
import { SIGNED_IN_SCREENS } from './routes.js';
import { AuthScreen } from './screens/AuthScreen.js';
import { NotFoundScreen } from './screens/NotFoundScreen.js';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // The API's 4xx answers are final; only a network or server failure is worth another try.
      retry: (failures, error) =>
        failures < 2 && !(error instanceof ApiRequestError && error.body.statusCode < 500),
      refetchOnWindowFocus: true,
    },
  },
});

/** Signed-out visitors go to sign-in, and come back to where they were headed (e.g. an order's return page). */
function RequireSession() {
  const token = useAccessToken();
  const location = useLocation();
  if (!token) return <Navigate to="/sign-in" replace state={{ from: location.pathname + location.search }} />;
  return <Outlet />;
}

function PublicOnly() {
  const token = useAccessToken();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from;
  if (token) return <Navigate to={from ?? '/'} replace />;
  return (
    <main id="main" className="public">
      <Outlet />
    </main>
  );
}

const router = createBrowserRouter([
  {
    element: <PublicOnly />,
    children: [
      { path: '/sign-in', element: <AuthScreen mode="sign-in" /> },
      { path: '/register', element: <AuthScreen mode="register" /> },
    ],
  },
  {
    element: <RequireSession />,
    children: [
      {
        element: <AppShell />,
        children: [
          ...SIGNED_IN_SCREENS.map(({ path, element }) => ({ path, element })),
          { path: '*', element: <NotFoundScreen /> },
        ],
      },
    ],
  },
]);

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
