import { useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '@/lib/format';
import { ApiError } from '@/lib/api-error';
import { hasEnded, isUnread, type InboxMessage } from '../api/inbox-api';
import { useThreadMessages } from '../hooks/use-inbox-queries';
import { useMarkRead, useMutePromotion } from '../hooks/use-thread-actions';
import { errorMessage } from './error-message';
import { ArchiveIcon, BackIcon, BellOffIcon, MailIcon, RestoreIcon } from './icons';
import { ProductCard, type ProductLinkResolver } from './product-card';
import { ThreadTags } from './thread-tags';
import { dayLabel, displaySubject, titleDetails } from './thread-title';

export type ThreadRef = Pick<InboxMessage, 'id' | 'promotionId' | 'subject' | 'dayNumber' | 'dayCount'>;

/**
 * One promotion's thread: every day it sent, newest first (older days
 * folded), with the thread's actions. Opening it marks it read. Message text
 * is rendered as text, never as HTML.
 */
export function ThreadDetail({
  promotionId,
  muted,
  backTo,
  busy,
  onArchive,
  onRestore,
  onMarkUnread,
  productLink,
}: {
  promotionId: string;
  /** From the thread's list row; undefined when the thread was opened by a link and is in no loaded list. */
  muted: boolean | undefined;
  backTo: string;
  busy: boolean;
  onArchive: (thread: ThreadRef) => void;
  onRestore: (thread: ThreadRef) => void;
  onMarkUnread: (thread: ThreadRef) => void;
  productLink?: ProductLinkResolver;
}) {
  const { t } = useTranslation('inbox');
  const query = useThreadMessages(promotionId);
  const markRead = useMarkRead();
  const mute = useMutePromotion();
  const [mutedHere, setMutedHere] = useState<boolean>();
  const readRequested = useRef<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const headingId = useId();

  const days = query.data ?? [];
  const latest = days[0];
  const hasUnread = days.some(isUnread);

  // Opening marks the thread read — once: "Mark unread" from here must stick.
  useEffect(() => {
    if (!latest || readRequested.current === promotionId) return;
    readRequested.current = promotionId;
    if (hasUnread) markRead.mutate({ id: latest.id, promotionId });
  }, [latest, hasUnread, promotionId, markRead]);

  // Opening a thread moves focus to its title (also where "Back" returns from on a phone).
  const loaded = latest !== undefined;
  useEffect(() => {
    if (loaded) headingRef.current?.focus();
  }, [promotionId, loaded]);

  const back = (
    <Link to={backTo} className="thread-back">
      <BackIcon /> {t('detail.back')}
    </Link>
  );

  if (query.isPending) {
    return (
      <div className="loading-state" role="status">
        <span className="spinner" aria-hidden="true" /> {t('detail.loading')}
      </div>
    );
  }
  if (query.isError || !latest) {
    const gone = !latest || (query.error instanceof ApiError && query.error.status === 404);
    return (
      <div className="empty-state">
        {back}
        <p role="alert">{gone ? t('detail.gone') : errorMessage(t, query.error)}</p>
      </div>
    );
  }

  const isMuted = mutedHere ?? muted ?? false;
  const archived = latest.archived;
  const ended = hasEnded(latest);
  const toggleMute = () =>
    mute.mutate({ promotionId, muted: !isMuted }, { onSuccess: () => setMutedHere(!isMuted) });
  const [newest, ...earlier] = days;

  return (
    <article className="thread-detail" aria-labelledby={headingId}>
      {back}
      <header className="thread-detail-header">
        <h2 id={headingId} ref={headingRef} tabIndex={-1}>
          {displaySubject(latest)}
        </h2>
        <p className="thread-detail-meta">
          <span>{titleDetails(t, latest).join(' · ')}</span>
          <ThreadTags message={latest} muted={isMuted} />
        </p>
      </header>

      <div className="thread-actions" role="group" aria-label={t('detail.actions')}>
        {!archived && !ended && (
          <button type="button" className="button button-secondary button-small" disabled={busy} onClick={() => onMarkUnread(latest)}>
            <MailIcon /> {t('detail.markUnread')}
          </button>
        )}
        {archived ? (
          <button type="button" className="button button-secondary button-small" disabled={busy} onClick={() => onRestore(latest)}>
            <RestoreIcon /> {t('detail.restore')}
          </button>
        ) : (
          <button type="button" className="button button-secondary button-small" disabled={busy} onClick={() => onArchive(latest)}>
            <ArchiveIcon /> {t('detail.archive')}
          </button>
        )}
        <button type="button" className="button button-secondary button-small" disabled={mute.isPending} onClick={toggleMute}>
          <BellOffIcon /> {isMuted ? t('detail.unmute') : t('detail.mute')}
        </button>
      </div>
      {mute.isError && (
        <p role="alert" className="inline-error">
          {errorMessage(t, mute.error)}
        </p>
      )}
      {isMuted && <p className="thread-note">{t('detail.mutedNote')}</p>}
      {latest.withdrawn && (
        <div className="alert alert-warning">
          <p className="alert-title">{t('detail.withdrawn')}</p>
          {latest.withdrawnReason && <p>{t('detail.withdrawnReason', { reason: latest.withdrawnReason })}</p>}
        </div>
      )}

      <ThreadDay message={newest} productLink={productLink} />
      {earlier.length > 0 && (
        <section className="thread-earlier" aria-labelledby={`${headingId}-earlier`}>
          <h3 id={`${headingId}-earlier`} className="section-title">
            {t('detail.earlierDays')}
          </h3>
          <ul className="thread-earlier-list">
            {earlier.map((message) => (
              <li key={message.id}>
                <details className="thread-day-fold">
                  <summary>
                    <DayHeading message={message} />
                  </summary>
                  <ThreadDay message={message} folded productLink={productLink} />
                </details>
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}

function DayHeading({ message }: { message: InboxMessage }) {
  const { t } = useTranslation('inbox');
  return (
    <span className="thread-day-heading">
      <span className="thread-day-title">{dayLabel(t, message) ?? displaySubject(message)}</span>
      {message.createdAt && (
        <span className="thread-day-time">
          {t('detail.received', { time: formatDateTime(message.createdAt) })}
        </span>
      )}
      {isUnread(message) && !hasEnded(message) && <span className="tag tag-new">{t('tags.new')}</span>}
    </span>
  );
}

/** One day's message: its text and its products. */
function ThreadDay({
  message,
  folded = false,
  productLink,
}: {
  message: InboxMessage;
  folded?: boolean;
  productLink?: ProductLinkResolver;
}) {
  const { t } = useTranslation('inbox');
  return (
    <div className="thread-day">
      {!folded && (
        <h3 className="thread-day-header">
          <DayHeading message={message} />
        </h3>
      )}
      <p className="message-body">{message.body}</p>
      {message.products.length > 0 && (
        <ul className="product-grid" aria-label={t('product.list')}>
          {message.products.map((product) => (
            <ProductCard key={product.sku} product={product} messageId={message.id} productLink={productLink} />
          ))}
        </ul>
      )}
    </div>
  );
}
