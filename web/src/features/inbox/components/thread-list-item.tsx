import { useId, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatRelative } from '@/lib/format';
import type { InboxThread } from '../api/inbox-api';
import { displaySubject, threadTitle, titleDetails } from './thread-title';
import { ThreadTags } from './thread-tags';

/**
 * One promotion in a list. The whole row opens the thread (the link is
 * stretched over it), but the link's name is only the title — subject, day,
 * end, as shown — and its state (unread, new days, test…) is its description;
 * the body is shown as a snippet beside it, not read as the link.
 */
export function ThreadListItem({
  thread,
  to,
  selected = false,
  compact = false,
  onOpen,
  actions,
}: {
  thread: InboxThread;
  to: string;
  selected?: boolean;
  compact?: boolean;
  onOpen?: () => void;
  actions?: ReactNode;
}) {
  const { t } = useTranslation('inbox');
  const descriptionId = useId();
  const unread = thread.unreadInThread > 0;
  const state = [
    unread ? t('row.unread') : null,
    thread.unreadInThread > 1 ? t('row.newDays', { count: thread.unreadInThread }) : null,
    thread.test ? t('tags.test') : null,
    thread.withdrawn ? t('tags.withdrawn') : thread.expired ? t('tags.ended') : null,
    thread.muted ? t('tags.muted') : null,
  ].filter(Boolean);
  const className = ['thread-row', unread ? 'is-unread' : 'is-read', selected ? 'is-selected' : '', compact ? 'is-compact' : '']
    .filter(Boolean)
    .join(' ');

  return (
    <li className={className}>
      <span className="thread-row-dot" aria-hidden="true" />
      <div className="thread-row-main">
        <div className="thread-row-top">
          <Link
            to={to}
            className="thread-row-link"
            aria-label={threadTitle(t, thread)}
            aria-current={selected ? 'page' : undefined}
            aria-describedby={state.length > 0 ? descriptionId : undefined}
            data-promotion-id={thread.promotionId}
            onClick={onOpen}
          >
            <span className="thread-row-subject">{displaySubject(thread)}</span>{' '}
            <span className="thread-row-details">{titleDetails(t, thread).join(' · ')}</span>
          </Link>
          {thread.createdAt && (
            <time className="thread-row-time" dateTime={thread.createdAt}>
              {formatRelative(thread.createdAt)}
            </time>
          )}
        </div>
        {!compact && <p className="thread-row-snippet">{thread.body}</p>}
        <p className="thread-row-tags">
          <ThreadTags message={thread} muted={thread.muted} />
          {thread.messagesInThread > 1 && <span className="thread-row-days">{t('row.days', { count: thread.messagesInThread })}</span>}
        </p>
        {state.length > 0 && (
          <span id={descriptionId} hidden>
            {state.join(', ')}
          </span>
        )}
      </div>
      {actions && <div className="thread-row-actions">{actions}</div>}
    </li>
  );
}
