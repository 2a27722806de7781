import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useApiClient } from '@/lib/api-client-context';
import { getMessage, getMessages } from '../api/inbox-api';
import { inboxKeys } from './inbox-query-keys';

export const INBOX_PAGE_SIZE = 20;

/** All messages, newest first, one page per cursor. */
export function useInboxMessages() {
  const client = useApiClient();
  return useInfiniteQuery({
    queryKey: inboxKeys.messages,
    queryFn: ({ pageParam }) => getMessages(client, pageParam, INBOX_PAGE_SIZE),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** The few newest messages for the header's dropdown. */
export function useLatestMessages(limit: number, enabled: boolean) {
  const client = useApiClient();
  return useQuery({
    queryKey: inboxKeys.latest(limit),
    queryFn: () => getMessages(client, undefined, limit),
    enabled,
    staleTime: 0,
  });
}

/** A message that is not in the loaded pages (opened by a link). */
export function useInboxMessage(id: string | undefined, enabled: boolean) {
  const client = useApiClient();
  return useQuery({
    queryKey: [...inboxKeys.all, 'message', id],
    queryFn: ({ signal }) => getMessage(client, id!, signal),
    enabled: enabled && id !== undefined,
  });
}
