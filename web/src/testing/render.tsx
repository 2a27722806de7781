import type { ReactElement } from 'react';
import { render } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter, Route, Routes } from 'react-router';
import { ApiClientProvider } from '@/lib/api-client-context';
import type { FakeApi } from './fake-api';

/** Renders with the app's providers around it: query cache, API client (on the fake), router. */
export function renderWithApp(ui: ReactElement, { api, path = '/', route = '*' }: { api: FakeApi; path?: string; route?: string }) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  return {
    queryClient,
    ...render(
      <QueryClientProvider client={queryClient}>
        <ApiClientProvider client={api.client}>
          <MemoryRouter initialEntries={[path]}>
            <Routes>
              <Route path={route} element={ui} />
            </Routes>
          </MemoryRouter>
        </ApiClientProvider>
      </QueryClientProvider>,
    ),
  };
}
