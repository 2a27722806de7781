import { Link } from 'react-router';
import { paths } from '@/config/paths';
import { formatRelative } from '@/lib/format';
import { isExpired, type InboxMessage } from '../api/inbox-api';

export function EndedBadge() {
  return <span className="tag tag-ended">Ended</span>;
}

export function MessageListItem({
  message,
  selected = false,
  compact = false,
  onOpen,
}: {
  message: InboxMessage;
  selected?: boolean;
  compact?: boolean;
  onOpen?: () => void;
}) {
  const className = ['message-item', message.read ? 'is-read' : 'is-unread', selected ? 'is-selected' : '', compact ? 'is-compact' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <li className={className}>
      <Link to={paths.inboxMessage(message.id)} aria-current={selected ? 'true' : undefined} onClick={onOpen}>
        <span className="message-item-dot" aria-hidden="true" />
        <span className="message-item-main">
          <span className="message-item-top">
            <span className="message-item-subject">
              {!message.read && <span className="visually-hidden">Unread: </span>}
              {message.subject}
            </span>
            {message.createdAt && (
              <time className="message-item-time" dateTime={message.createdAt}>
                {formatRelative(message.createdAt)}
              </time>
            )}
          </span>
          <span className="message-item-snippet">{message.body}</span>
          {isExpired(message) && <EndedBadge />}
        </span>
      </Link>
    </li>
  );
}
