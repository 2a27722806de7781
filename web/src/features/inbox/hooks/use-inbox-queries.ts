import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useApiClient } from '@/lib/api-client-context';
import { getCounts, getMessage, getThreadMessages, getThreads, type InboxView } from '../api/inbox-api';
import { inboxKeys } from './inbox-query-keys';

export const INBOX_PAGE_SIZE = 20;

/** One view's threads (one row per promotion), one page per cursor. */
export function useThreads(view: InboxView) {
  const client = useApiClient();
  return useInfiniteQuery({
    queryKey: inboxKeys.threads(view, INBOX_PAGE_SIZE),
    queryFn: ({ pageParam, signal }) => getThreads(client, view, { cursor: pageParam, limit: INBOX_PAGE_SIZE, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** The first few active threads (ending soonest first) for the header's dropdown. */
export function useLatestThreads(limit: number, enabled: boolean) {
  const client = useApiClient();
  return useQuery({
    queryKey: inboxKeys.threads('active', limit),
    queryFn: ({ signal }) => getThreads(client, 'active', { limit, signal }),
    enabled,
    staleTime: 0,
  });
}

/** Every day of one promotion's thread, newest first. */
export function useThreadMessages(promotionId: string | undefined) {
  const client = useApiClient();
  return useQuery({
    queryKey: inboxKeys.thread(promotionId ?? ''),
    queryFn: ({ signal }) => getThreadMessages(client, promotionId!, signal),
    enabled: promotionId !== undefined,
  });
}

/** A single message by id: old links to /inbox/{messageId} lead to its thread. */
export function useInboxMessage(id: string | undefined) {
  const client = useApiClient();
  return useQuery({
    queryKey: inboxKeys.message(id ?? ''),
    queryFn: ({ signal }) => getMessage(client, id!, signal),
    enabled: id !== undefined,
  });
}

/** Threads per view and unread threads — the same count the header's badge shows. */
export function useInboxCounts() {
  const client = useApiClient();
  return useQuery({ queryKey: inboxKeys.counts, queryFn: ({ signal }) => getCounts(client, signal), staleTime: 0 });
}
