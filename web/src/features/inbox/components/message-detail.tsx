import { useEffect, useRef } from 'react';
import { useNavigate } from 'react-router';
import { paths } from '@/config/paths';
import { formatDateTime } from '@/lib/format';
import { isExpired, type InboxMessage } from '../api/inbox-api';
import { useArchiveMessage, useMarkRead } from '../hooks/use-message-actions';
import { EndedBadge } from './message-list-item';
import { ProductCard } from './product-card';

/** One opened message. Opening it marks it read. Its text is rendered as text, never as HTML. */
export function MessageDetail({ message }: { message: InboxMessage }) {
  const markRead = useMarkRead();
  const archive = useArchiveMessage();
  const navigate = useNavigate();
  const requested = useRef<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (!message.read && requested.current !== message.id) {
      requested.current = message.id;
      markRead.mutate(message.id);
    }
  }, [message.id, message.read, markRead]);

  useEffect(() => headingRef.current?.focus(), [message.id]);

  const expired = isExpired(message);
  return (
    <article className="message-detail" aria-labelledby="message-subject">
      <header className="message-detail-header">
        <div>
          <h2 id="message-subject" ref={headingRef} tabIndex={-1}>
            {message.subject}
          </h2>
          <p className="message-detail-meta">
            {message.createdAt && <time dateTime={message.createdAt}>{formatDateTime(message.createdAt)}</time>}
            {message.expiresAt && (
              <span>
                {expired ? 'Promotion ended ' : 'Promotion ends '}
                <time dateTime={message.expiresAt}>{formatDateTime(message.expiresAt)}</time>
              </span>
            )}
            {expired && <EndedBadge />}
          </p>
        </div>
        <button
          type="button"
          className="button button-secondary"
          disabled={archive.isPending}
          onClick={() => archive.mutate(message.id, { onSuccess: () => navigate(paths.inbox) })}
        >
          Archive
        </button>
      </header>
      {archive.isError && <p role="alert" className="inline-error">{archive.error.message}</p>}
      <p className="message-detail-body">{message.body}</p>
      {message.products.length > 0 && (
        <section aria-labelledby="message-products">
          <h3 id="message-products" className="section-title">
            Products in this promotion
          </h3>
          <ul className="product-grid">
            {message.products.map((product) => (
              <ProductCard key={product.sku} product={product} />
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}
