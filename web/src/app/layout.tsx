import { NavLink, Outlet } from 'react-router';
import { useAuth } from 'react-oidc-context';
import { paths } from '@/config/paths';
import { useSession, type Session } from '@/lib/auth';
import { InboxMenu } from '@/features/inbox';
import { useTranslation } from 'react-i18next';
import { useLanguageOf } from '@/lib/i18n';

/**
 * The header every signed-in page shares: navigation on the left; the user's
 * name, Inbox and Logout on the right — Inbox directly left of Logout.
 */
export function AppHeader({ session, onLogout }: { session: Session; onLogout: () => void }) {
  const { t } = useTranslation();
  return (
    <header className="app-header">
      <div className="app-header-inner">
        <NavLink to={paths.home} className="brand">
          <span className="brand-mark" aria-hidden="true">P</span> {t('brand')}
        </NavLink>
        <nav aria-label={t('nav.main')} className="main-nav">
          <NavLink to={paths.home} end>
            {t('nav.home')}
          </NavLink>
          {session.isAdmin && <NavLink to={paths.calendar}>{t('nav.calendar')}</NavLink>}
        </nav>
        <div className="header-actions">
          <span className="user-name" title={session.username}>
            <span className="avatar" aria-hidden="true">
              {session.displayName.slice(0, 1).toUpperCase()}
            </span>
            <span className="visually-hidden">{t('signedInAs')} </span>
            <span className="user-name-text">{session.displayName}</span>
          </span>
          <InboxMenu />
          <button type="button" className="header-button" onClick={onLogout}>
            {t('logout')}
          </button>
        </div>
      </div>
    </header>
  );
}

export function AppLayout() {
  const auth = useAuth();
  const session = useSession();
  const { t } = useTranslation();
  useLanguageOf(session?.locale);
  if (!session) return null;
  return (
    <div className="app-shell">
      <a href="#main" className="skip-link">
        {t('skipToContent')}
      </a>
      <AppHeader session={session} onLogout={() => void auth.signoutRedirect()} />
      <main id="main" className="app-main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
