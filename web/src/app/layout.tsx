import { useEffect, useId, useRef, useState } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router';
import { useAuth } from 'react-oidc-context';
import { paths } from '@/config/paths';
import { useSession, type Session } from '@/lib/auth';
import { InboxMenu } from '@/features/inbox';
import { useTranslation } from 'react-i18next';
import { useLanguageOf } from '@/lib/i18n';

/**
 * The main navigation's disclosure for narrow screens (below 720 px the CSS
 * hides the links behind the Menu button): Escape or a click elsewhere closes
 * it — Escape returning focus to the button — and so does going to a page.
 */
function useNavigationDisclosure() {
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const { pathname } = useLocation();

  useEffect(() => setOpen(false), [pathname]);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: MouseEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    document.addEventListener('mousedown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  return { open, toggle: () => setOpen((value) => !value), close: () => setOpen(false), rootRef, buttonRef };
}

function MenuIcon() {
  return (
    <svg className="icon" width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" aria-hidden="true" focusable="false">
      <path d="M4 6h16M4 12h16M4 18h16" />
    </svg>
  );
}

/**
 * The header every signed-in page shares: brand and navigation on the left;
 * the user, Inbox and Logout on the right — Inbox directly left of Logout.
 * From 360 px up everything stays on one line: below 720 px the navigation
 * folds into a Menu button and the user's name into its avatar.
 */
export function AppHeader({ session, onLogout }: { session: Session; onLogout: () => void }) {
  const { t } = useTranslation();
  const navigation = useNavigationDisclosure();
  const navId = useId();
  return (
    <header className="app-header">
      <div className="app-header-inner">
        <NavLink to={paths.home} className="brand">
          <span className="brand-mark" aria-hidden="true">P</span> <span className="brand-name">{t('brand')}</span>
        </NavLink>
        <div className={`main-nav-root${navigation.open ? ' is-open' : ''}`} ref={navigation.rootRef}>
          <button
            ref={navigation.buttonRef}
            type="button"
            className="header-button menu-button"
            aria-expanded={navigation.open}
            aria-controls={navId}
            onClick={navigation.toggle}
          >
            <MenuIcon />
            <span className="menu-button-label">{t('nav.menu')}</span>
          </button>
          <nav id={navId} aria-label={t('nav.main')} className="main-nav">
            <NavLink to={paths.home} end onClick={navigation.close}>
              {t('nav.home')}
            </NavLink>
            {session.isAdmin && (
              <NavLink to={paths.calendar} onClick={navigation.close}>
                {t('nav.calendar')}
              </NavLink>
            )}
          </nav>
        </div>
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
