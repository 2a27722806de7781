import { useMutation, useQueryClient, type InfiniteData, type QueryClient } from '@tanstack/react-query';
import { useApiClient } from '@/lib/api-client-context';
import { archiveMessage, markAllRead, markRead, type InboxMessage, type InboxPage } from '../api/inbox-api';
import { inboxKeys } from './inbox-query-keys';

type MessageEdit = (message: InboxMessage) => InboxMessage | null;

/** Applies an edit to every cached copy of the messages (null removes one). */
function editCachedMessages(queryClient: QueryClient, edit: MessageEdit) {
  const editPage = (page: InboxPage): InboxPage => ({
    ...page,
    items: page.items.map(edit).filter((m): m is InboxMessage => m !== null),
  });
  queryClient.setQueriesData<InfiniteData<InboxPage> | InboxPage>({ queryKey: inboxKeys.all }, (data) => {
    if (!data || typeof data !== 'object') return data;
    if ('pages' in data) return { ...data, pages: data.pages.map(editPage) };
    if ('items' in data) return editPage(data);
    return data;
  });
}

function refreshCount(queryClient: QueryClient) {
  return queryClient.invalidateQueries({ queryKey: inboxKeys.unreadCount });
}

export function useMarkRead() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => markRead(client, id),
    onSuccess: (_, id) => {
      editCachedMessages(queryClient, (m) => (m.id === id ? { ...m, read: true } : m));
      return refreshCount(queryClient);
    },
  });
}

export function useMarkAllRead() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => markAllRead(client),
    onSuccess: () => {
      editCachedMessages(queryClient, (m) => ({ ...m, read: true }));
      return refreshCount(queryClient);
    },
  });
}

export function useArchiveMessage() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => archiveMessage(client, id),
    onSuccess: (_, id) => {
      editCachedMessages(queryClient, (m) => (m.id === id ? null : m));
      return refreshCount(queryClient);
    },
  });
}
