import { useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { paths } from '@/config/paths';
import { useLatestThreads } from '../hooks/use-inbox-queries';
import { useMarkAllRead } from '../hooks/use-thread-actions';
import { useUnreadCount } from '../hooks/use-unread-count';
import { errorMessage } from './error-message';
import { InboxIcon } from './icons';
import { ThreadListItem } from './thread-list-item';
import { UnreadBadge } from './unread-badge';
import './inbox.css';

const LATEST_LIMIT = 5;
const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * The header's Inbox item: the unread badge (threads with news), and a
 * dropdown with the current promotions. The dropdown is a non-modal dialog:
 * focus moves into it and Tab stays in it; Escape closes it and focus returns
 * to the button; a click outside closes it.
 */
export function InboxMenu() {
  const { t } = useTranslation('inbox');
  const { count } = useUnreadCount();
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const panelId = useId();
  const headingId = useId();
  const latest = useLatestThreads(LATEST_LIMIT, open);
  const markAll = useMarkAllRead();

  useEffect(() => {
    if (!open) return;
    panelRef.current?.focus();
    const onPointer = (event: MouseEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onPointer);
    return () => document.removeEventListener('mousedown', onPointer);
  }, [open]);

  const close = () => {
    setOpen(false);
    buttonRef.current?.focus();
  };

  const onPanelKeyDown = (event: React.KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      close();
      return;
    }
    if (event.key !== 'Tab') return;
    const focusable = [...event.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE)];
    if (focusable.length === 0) {
      event.preventDefault();
      return;
    }
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    const active = document.activeElement;
    if (event.shiftKey && (active === first || active === event.currentTarget)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && active === last) {
      event.preventDefault();
      first.focus();
    }
  };

  const threads = latest.data?.items ?? [];
  return (
    <div className="inbox-menu" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="header-button"
        aria-label={count ? t('menu.buttonWithCount', { count }) : t('menu.button')}
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        aria-haspopup="dialog"
        onClick={() => setOpen((value) => !value)}
      >
        <InboxIcon />
        {/* The space keeps the visible "Inbox 3" inside the name "Inbox, 3 unread" (label in name). */}
        <span>{t('menu.button')}</span> <UnreadBadge count={count} />
      </button>
      <span className="visually-hidden" role="status" aria-live="polite">
        {count ? t('menu.announce', { count }) : ''}
      </span>
      {open && (
        <div
          id={panelId}
          ref={panelRef}
          className="inbox-dropdown"
          role="dialog"
          aria-labelledby={headingId}
          tabIndex={-1}
          onKeyDown={onPanelKeyDown}
        >
          <div className="inbox-dropdown-header">
            <h2 id={headingId}>{t('heading')}</h2>
            <button type="button" className="button-link" disabled={!count || markAll.isPending} onClick={() => markAll.mutate()}>
              {t('markAllRead')}
            </button>
          </div>
          {latest.isPending && <p className="dropdown-state">{t('menu.loading')}</p>}
          {latest.isError && (
            <p className="dropdown-state" role="alert">
              {errorMessage(t, latest.error)}
            </p>
          )}
          {latest.isSuccess && threads.length === 0 && <p className="dropdown-state">{t('menu.empty')}</p>}
          {threads.length > 0 && (
            <ul className="thread-list is-compact">
              {threads.map((thread) => (
                <ThreadListItem key={thread.promotionId} thread={thread} to={paths.inboxThread(thread.promotionId)} compact onOpen={() => setOpen(false)} />
              ))}
            </ul>
          )}
          <div className="inbox-dropdown-footer">
            <Link to={paths.inbox} onClick={() => setOpen(false)}>
              {t('menu.viewAll')}
            </Link>
          </div>
        </div>
      )}
    </div>
  );
}
