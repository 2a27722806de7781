import { useMutation, useQueryClient, type InfiniteData, type QueryClient } from '@tanstack/react-query';
import { useApiClient } from '@/lib/api-client-context';
import {
  archiveThread,
  markAllRead,
  markRead,
  markUnread,
  restoreThread,
  setPromotionMuted,
  type InboxThread,
  type ThreadPage,
} from '../api/inbox-api';
import { inboxKeys } from './inbox-query-keys';

type ThreadEdit = (thread: InboxThread) => InboxThread | null;

/** Applies an edit to every cached thread list at once (null removes the row), so the list answers before the refetch. */
function editCachedThreads(queryClient: QueryClient, edit: ThreadEdit) {
  const editPage = (page: ThreadPage): ThreadPage => ({
    ...page,
    items: page.items.map(edit).filter((thread): thread is InboxThread => thread !== null),
  });
  queryClient.setQueriesData<InfiniteData<ThreadPage> | ThreadPage>({ queryKey: inboxKeys.threadLists }, (data) => {
    if (!data) return data;
    return 'pages' in data ? { ...data, pages: data.pages.map(editPage) } : editPage(data);
  });
}

/**
 * After every write: the lists, the open thread, the page's counts and the
 * header's unread count are all fetched again, so the page and the badge agree.
 * (While the badge's event stream is connected, the service pushes the new count.)
 */
export function refreshInbox(queryClient: QueryClient) {
  return queryClient.invalidateQueries({ queryKey: inboxKeys.all });
}

function useInboxMutation<T>(write: (variables: T) => Promise<void>, editCache?: (variables: T) => ThreadEdit) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: (_, variables) => {
      if (editCache) editCachedThreads(queryClient, editCache(variables));
      return refreshInbox(queryClient);
    },
  });
}

type ThreadRef = Pick<InboxThread, 'id' | 'promotionId'>;

/** Marks the message and the older days of its thread read (give the thread's latest message). */
export function useMarkRead() {
  const client = useApiClient();
  return useInboxMutation(
    (thread: ThreadRef) => markRead(client, thread.id),
    (thread) => (t) => (t.promotionId === thread.promotionId ? { ...t, readAt: t.readAt ?? new Date().toISOString(), unreadInThread: 0 } : t),
  );
}

export function useMarkUnread() {
  const client = useApiClient();
  return useInboxMutation(
    (thread: ThreadRef) => markUnread(client, thread.id),
    (thread) => (t) => (t.promotionId === thread.promotionId ? { ...t, readAt: null, unreadInThread: Math.max(1, t.unreadInThread) } : t),
  );
}

export function useMarkAllRead() {
  const client = useApiClient();
  return useInboxMutation(
    () => markAllRead(client),
    () => (t) => ({ ...t, readAt: t.readAt ?? new Date().toISOString(), unreadInThread: 0 }),
  );
}

/** Archives the whole thread; it leaves the current list at once. */
export function useArchiveThread() {
  const client = useApiClient();
  return useInboxMutation(
    (thread: ThreadRef) => archiveThread(client, thread.id),
    (thread) => (t) => (t.promotionId === thread.promotionId ? null : t),
  );
}

/** Restores an archived thread (also the Undo of an archive). */
export function useRestoreThread() {
  const client = useApiClient();
  return useInboxMutation(
    (thread: ThreadRef) => restoreThread(client, thread.id),
    (thread) => (t) => (t.promotionId === thread.promotionId && t.archived ? null : t),
  );
}

/** "Stop messages about this promotion" (muted: true) and its undo. */
export function useMutePromotion() {
  const client = useApiClient();
  return useInboxMutation(
    ({ promotionId, muted }: { promotionId: string; muted: boolean }) => setPromotionMuted(client, promotionId, muted),
    ({ promotionId, muted }) => (t) => (t.promotionId === promotionId ? { ...t, muted } : t),
  );
}
