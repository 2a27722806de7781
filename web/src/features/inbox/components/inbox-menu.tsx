import { useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { paths } from '@/config/paths';
import { useLatestMessages } from '../hooks/use-inbox-messages';
import { useMarkAllRead } from '../hooks/use-message-actions';
import { useUnreadCount } from '../hooks/use-unread-count';
import { InboxIcon } from './inbox-icon';
import { MessageListItem } from './message-list-item';
import { inboxAccessibleName, UnreadBadge } from './unread-badge';
import './inbox.css';

const LATEST_LIMIT = 5;

/** The header's Inbox item: unread badge, and a dropdown with the latest messages. */
export function InboxMenu() {
  const { count } = useUnreadCount();
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const latest = useLatestMessages(LATEST_LIMIT, open);
  const markAll = useMarkAllRead();

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

  const messages = latest.data?.items ?? [];
  return (
    <div className="inbox-menu" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="header-button"
        aria-label={inboxAccessibleName(count)}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
      >
        <InboxIcon />
        <span>Inbox</span>
        <UnreadBadge count={count} />
      </button>
      <span className="visually-hidden" role="status" aria-live="polite">
        {count ? `${count} unread ${count === 1 ? 'message' : 'messages'}` : ''}
      </span>
      {open && (
        <div id={panelId} className="inbox-dropdown" role="region" aria-label="Latest messages">
          <div className="inbox-dropdown-header">
            <h2>Inbox</h2>
            <button
              type="button"
              className="button-link"
              disabled={!count || markAll.isPending}
              onClick={() => markAll.mutate()}
            >
              Mark all read
            </button>
          </div>
          {latest.isPending && <p className="dropdown-state">Loading messages…</p>}
          {latest.isError && (
            <p className="dropdown-state" role="alert">
              {latest.error.message}
            </p>
          )}
          {latest.isSuccess && messages.length === 0 && <p className="dropdown-state">No messages yet.</p>}
          {messages.length > 0 && (
            <ul className="message-list is-compact">
              {messages.map((message) => (
                <MessageListItem key={message.id} message={message} compact onOpen={() => setOpen(false)} />
              ))}
            </ul>
          )}
          <div className="inbox-dropdown-footer">
            <Link to={paths.inbox} onClick={() => setOpen(false)}>
              View all messages
            </Link>
          </div>
        </div>
      )}
    </div>
  );
}
