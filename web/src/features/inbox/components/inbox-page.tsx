import { useEffect, useRef, useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { useQueryClient, type InfiniteData, type QueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { paths } from '@/config/paths';
import { ApiError } from '@/lib/api-error';
import { hasEnded, inboxViews, type InboxThread, type InboxView, type ThreadPage } from '../api/inbox-api';
import { inboxKeys } from '../hooks/inbox-query-keys';
import { useInboxCounts, useInboxMessage, useThreads } from '../hooks/use-inbox-queries';
import { useArchiveThread, useMarkAllRead, useMarkRead, useMarkUnread, useRestoreThread } from '../hooks/use-thread-actions';
import { errorMessage } from './error-message';
import { ArchiveIcon, InboxIcon, MailIcon, MailOpenIcon, RestoreIcon } from './icons';
import type { ProductLinkResolver } from './product-card';
import { PromotionMessagesSwitch } from './promotion-messages-switch';
import { ThreadDetail, type ThreadRef } from './thread-detail';
import { ThreadListItem } from './thread-list-item';
import { displaySubject } from './thread-title';
import { UndoToast, type Toast } from './undo-toast';

/** `?view=` of the address; anything else is the default, Active. */
export function parseView(value: string | null): InboxView {
  return inboxViews.find((view) => view === value) ?? 'active';
}

const withView = (path: string, view: InboxView) => (view === 'active' ? path : `${path}?view=${view}`);
export const inboxListPath = (view: InboxView) => withView(paths.inbox, view);
export const inboxThreadPath = (promotionId: string, view: InboxView = 'active') => withView(paths.inboxThread(promotionId), view);

/** A thread opened by a link may be in a list of another view that is cached. */
function cachedThread(queryClient: QueryClient, promotionId: string): InboxThread | undefined {
  for (const [, data] of queryClient.getQueriesData<InfiniteData<ThreadPage> | ThreadPage>({ queryKey: inboxKeys.threadLists })) {
    const pages = data && 'pages' in data ? data.pages : data ? [data] : [];
    const found = pages.flatMap((page) => page.items).find((thread) => thread.promotionId === promotionId);
    if (found) return found;
  }
  return undefined;
}

/**
 * The inbox: the views (Active, Unread, Ended, Archived — in the address as
 * `?view=`) with the service's counts, one row per promotion, and the opened
 * thread beside the list (instead of it on a phone). `productLink` decides
 * where a product's "View product" goes (the app passes the product page's).
 */
export function InboxPage({ promotionId, productLink }: { promotionId?: string; productLink?: ProductLinkResolver }) {
  const { t } = useTranslation('inbox');
  const [searchParams] = useSearchParams();
  const view = parseView(searchParams.get('view'));
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const threads = useThreads(view);
  const counts = useInboxCounts();
  const markAll = useMarkAllRead();
  const archive = useArchiveThread();
  const restore = useRestoreThread();
  const markRead = useMarkRead();
  const markUnread = useMarkUnread();
  const [toast, setToast] = useState<Toast | null>(null);
  const toastSeq = useRef(0);
  const headingRef = useRef<HTMLHeadingElement>(null);

  const items = threads.data?.pages.flatMap((page) => page.items) ?? [];
  const selected = promotionId
    ? (items.find((thread) => thread.promotionId === promotionId) ?? cachedThread(queryClient, promotionId))
    : undefined;
  const listPath = inboxListPath(view);

  // Back from a thread to the list (Back, Mark unread, Archive): focus goes to
  // the thread's row, or the page's heading — unless something (the Undo
  // button) already took it.
  const previousPromotionId = useRef(promotionId);
  useEffect(() => {
    const left = previousPromotionId.current;
    previousPromotionId.current = promotionId;
    if (!left || promotionId) return;
    const active = document.activeElement;
    if (active && active !== document.body && active.isConnected) return;
    const row = document.querySelector<HTMLElement>(`.inbox-list [data-promotion-id="${CSS.escape(left)}"]`);
    (row ?? headingRef.current)?.focus();
  }, [promotionId]);

  const showToast = (next: Omit<Toast, 'id'>) => setToast({ ...next, id: ++toastSeq.current });
  const showError = (error: unknown) => showToast({ text: errorMessage(t, error), tone: 'error' });
  const leave = (thread: ThreadRef) => {
    if (thread.promotionId === promotionId) navigate(listPath);
  };

  const restoreThread = (thread: ThreadRef) =>
    restore.mutateAsync(thread).then(() => showToast({ text: t('toast.restored', { subject: displaySubject(thread) }) }), showError);

  const archiveThread = (thread: ThreadRef) =>
    archive.mutateAsync(thread).then(() => {
      leave(thread);
      showToast({ text: t('toast.archived', { subject: displaySubject(thread) }), undo: () => void restoreThread(thread) });
    }, showError);

  const markThreadUnread = (thread: ThreadRef) =>
    markUnread.mutateAsync(thread).then(() => leave(thread), showError);

  const rowActions = (thread: InboxThread) => {
    const subject = displaySubject(thread);
    if (view === 'archived') {
      return (
        <button type="button" className="icon-button" title={t('detail.restore')} aria-label={t('row.restore', { subject })} onClick={() => void restoreThread(thread)}>
          <RestoreIcon />
        </button>
      );
    }
    const unread = thread.unreadInThread > 0;
    return (
      <>
        {!hasEnded(thread) && (
          <button
            type="button"
            className="icon-button"
            title={unread ? undefined : t('detail.markUnread')}
            aria-label={unread ? t('row.markRead', { subject }) : t('row.markUnread', { subject })}
            onClick={() => (unread ? markRead.mutateAsync(thread).catch(showError) : markThreadUnread(thread))}
          >
            {unread ? <MailOpenIcon /> : <MailIcon />}
          </button>
        )}
        <button type="button" className="icon-button" title={t('detail.archive')} aria-label={t('row.archive', { subject })} onClick={() => void archiveThread(thread)}>
          <ArchiveIcon />
        </button>
      </>
    );
  };

  const unread = counts.data?.unread;
  return (
    <div className={`page inbox-page${promotionId ? ' has-selection' : ''}`}>
      <div className="page-header">
        <div>
          <h1 ref={headingRef} tabIndex={-1}>
            {t('heading')}
          </h1>
          <p className="page-subtitle">
            {unread !== undefined && (unread > 0 ? t('page.unread', { count: unread }) : t('page.caughtUp'))}
          </p>
        </div>
        <div className="inbox-page-actions">
          <PromotionMessagesSwitch />
          <button
            type="button"
            className="button button-secondary"
            disabled={!unread || markAll.isPending}
            onClick={() => markAll.mutateAsync().catch(showError)}
          >
            {t('markAllRead')}
          </button>
        </div>
      </div>

      <nav className="inbox-views" aria-label={t('views.label')}>
        <ul>
          {inboxViews.map((name) => (
            <li key={name}>
              <Link to={inboxListPath(name)} aria-current={name === view ? 'page' : undefined}>
                {t(`views.${name}`)} {counts.data && <span className="view-count">{counts.data[name]}</span>}
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <div className={`inbox-layout${promotionId ? ' has-selection' : ''}`}>
        <nav className="panel inbox-list" aria-label={t('page.list')}>
          {threads.isPending && (
            <div className="loading-state" role="status">
              <span className="spinner" aria-hidden="true" /> {t('page.loading')}
            </div>
          )}
          {threads.isError && (
            <div className="error-state" role="alert">
              <p>{errorMessage(t, threads.error)}</p>
              <button type="button" className="button button-secondary" onClick={() => threads.refetch()}>
                {t('page.retry')}
              </button>
            </div>
          )}
          {threads.isSuccess && items.length === 0 && (
            <div className="empty-state">
              <InboxIcon />
              <h2>{t(`empty.${view}.title`)}</h2>
              <p>{t(`empty.${view}.text`)}</p>
            </div>
          )}
          {items.length > 0 && (
            <ul className="thread-list">
              {items.map((thread) => (
                <ThreadListItem
                  key={thread.promotionId}
                  thread={thread}
                  to={inboxThreadPath(thread.promotionId, view)}
                  selected={thread.promotionId === promotionId}
                  actions={rowActions(thread)}
                />
              ))}
            </ul>
          )}
          {threads.hasNextPage && (
            <button
              type="button"
              className="button button-secondary load-more"
              disabled={threads.isFetchingNextPage}
              onClick={() => threads.fetchNextPage()}
            >
              {threads.isFetchingNextPage ? t('page.loadingMore') : t('page.loadMore')}
            </button>
          )}
        </nav>
        <div className="panel thread-pane">
          {promotionId ? (
            <ThreadDetail
              key={promotionId}
              promotionId={promotionId}
              muted={selected?.muted}
              backTo={listPath}
              busy={archive.isPending || restore.isPending || markUnread.isPending}
              onArchive={(thread) => void archiveThread(thread)}
              onRestore={(thread) => void restoreThread(thread)}
              onMarkUnread={(thread) => void markThreadUnread(thread)}
              productLink={productLink}
            />
          ) : (
            <div className="empty-state">
              <p>{t('page.selectPrompt')}</p>
            </div>
          )}
        </div>
      </div>

      <UndoToast
        toast={toast}
        onClose={(hadFocus) => {
          setToast(null);
          if (hadFocus) headingRef.current?.focus();
        }}
      />
    </div>
  );
}

/** An old link to one message (`/inbox/{messageId}`) opens its promotion's thread. */
export function InboxMessageRedirect({ messageId }: { messageId: string }) {
  const { t } = useTranslation('inbox');
  const message = useInboxMessage(messageId);
  if (message.isSuccess) return <Navigate replace to={inboxThreadPath(message.data.promotionId)} />;
  if (message.isError) {
    const gone = message.error instanceof ApiError && message.error.status === 404;
    return (
      <div className="page inbox-page">
        <div className="panel empty-state">
          <p role="alert">{gone ? t('detail.messageGone') : errorMessage(t, message.error)}</p>
          <Link to={paths.inbox}>{t('detail.back')}</Link>
        </div>
      </div>
    );
  }
  return (
    <div className="panel loading-state" role="status">
      <span className="spinner" aria-hidden="true" /> {t('detail.loading')}
    </div>
  );
}
