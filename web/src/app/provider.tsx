import type { ReactNode } from 'react';
import { AuthProvider } from 'react-oidc-context';
import type { User } from 'oidc-client-ts';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createApiClient } from '@/lib/api-client';
import { ApiClientProvider } from '@/lib/api-client-context';
import { ApiError } from '@/lib/api-error';
import { createUserManager, tokenSourceFor, type SignInState } from '@/lib/auth';

const userManager = createUserManager();
const apiClient = createApiClient({ tokens: tokenSourceFor(userManager) });
const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 4xx will not get better by asking again; a network error or 5xx might.
      retry: (failures, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failures < 2,
      refetchOnWindowFocus: false,
      staleTime: 10_000,
    },
  },
});

/** Back from Keycloak: drop ?code&state from the address and go where the user was. */
function onSigninCallback(user: User | void) {
  const returnTo = (user?.state as SignInState | undefined)?.returnTo ?? '/';
  window.history.replaceState({}, document.title, returnTo);
}

export function AppProvider({ children }: { children: ReactNode }) {
  return (
    <AuthProvider userManager={userManager} onSigninCallback={onSigninCallback}>
      <QueryClientProvider client={queryClient}>
        <ApiClientProvider client={apiClient}>{children}</ApiClientProvider>
      </QueryClientProvider>
    </AuthProvider>
  );
}
