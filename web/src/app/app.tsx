import { lazy, Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { useAuth } from 'react-oidc-context';
import { paths } from '@/config/paths';
import type { SignInState } from '@/lib/auth';
import { AppLayout } from './layout';
import { HomeRoute } from './routes/home';
import { InboxMessageRoute, InboxRoute } from './routes/inbox';
import { NotFoundRoute } from './routes/not-found';
import { RequireAdmin } from './routes/require-admin';
import { PageLoading } from './routes/page-loading';
import { useTranslation } from 'react-i18next';
import { useLanguageOf } from '@/lib/i18n';

// The calendar (and FullCalendar with it) is its own chunk, loaded only by admins who open it.
const CalendarRoute = lazy(() => import('./routes/calendar').then((module) => ({ default: module.CalendarRoute })));
const ProductRoute = lazy(() => import('./routes/product').then((module) => ({ default: module.ProductRoute })));

export function App() {
  const auth = useAuth();
  const { t } = useTranslation();
  useLanguageOf(typeof auth.user?.profile.locale === 'string' ? auth.user.profile.locale : undefined);

  if (auth.isLoading || auth.activeNavigator === 'signinRedirect' || auth.activeNavigator === 'signoutRedirect') {
    return <PageLoading label={t('signingIn')} />;
  }
  if (!auth.isAuthenticated) {
    const signIn = () =>
      auth.signinRedirect({ state: { returnTo: window.location.pathname + window.location.search } satisfies SignInState });
    return (
      <main className="sign-in-page">
        <div className="sign-in-card">
          <div className="brand brand-large" aria-hidden="true">
            <span className="brand-mark">P</span> {t('brand')}
          </div>
          <h1>{t('welcome')}</h1>
          <p>{t('signInPrompt')}</p>
          {auth.error && (
            <p className="inline-error" role="alert">
              {t('signInFailed', { message: auth.error.message })}
            </p>
          )}
          <button type="button" className="button button-primary button-large" onClick={() => void signIn()}>
            {t('signIn')}
          </button>
        </div>
      </main>
    );
  }

  return (
    <BrowserRouter>
      <Routes>
        <Route element={<AppLayout />}>
          <Route index element={<HomeRoute />} />
          {/* One element for the list and a thread: the page (its undo toast, its focus) stays while threads open and close. */}
          <Route path={paths.inbox} element={<InboxRoute />} />
          <Route path={`${paths.inbox}/promotions/:promotionId`} element={<InboxRoute />} />
          <Route path={`${paths.inbox}/:messageId`} element={<InboxMessageRoute />} />
          <Route
            path={paths.calendar}
            element={
              <RequireAdmin>
                <Suspense fallback={<PageLoading label={t('loadingCalendar')} />}>
                  <CalendarRoute />
                </Suspense>
              </RequireAdmin>
            }
          />
          <Route
            path={`${paths.products}/:sku`}
            element={
              <Suspense fallback={<PageLoading label={t('loading', { ns: 'product' })} />}>
                <ProductRoute />
              </Suspense>
            }
          />
          <Route path="*" element={<NotFoundRoute />} />
        </Route>
      </Routes>
    </BrowserRouter>
  );
}
