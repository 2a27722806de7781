import { useEffect, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useApiClient } from '@/lib/api-client-context';
import { config } from '@/lib/config';
import { getUnreadCount } from '../api/inbox-api';
import { streamUnreadCount } from '../api/unread-count-stream';
import { inboxKeys } from './inbox-query-keys';

export type UnreadCount = {
  count: number | undefined;
  /** True while the server-sent event stream is connected; otherwise the count is polled. */
  live: boolean;
};

/**
 * The signed-in user's unread count: live from the inbox's event stream, with
 * polling of `GET /api/inbox/unread-count` whenever the stream is down
 * (it is retried every few seconds). It counts threads with an unread
 * message, like the inbox page's counts; when it changes, the lists and counts
 * are fetched again so the page agrees with the badge.
 */
export function useUnreadCount(): UnreadCount {
  const client = useApiClient();
  const queryClient = useQueryClient();
  // Polling runs only while the stream is down, so a slow poll can never
  // overwrite a newer count from the stream.
  const [stream, setStream] = useState<'connecting' | 'live' | 'down'>('connecting');

  useEffect(() => {
    const controller = new AbortController();
    let retryTimer: ReturnType<typeof setTimeout> | undefined;

    const onCount = (count: number) => {
      setStream('live');
      void queryClient.cancelQueries({ queryKey: inboxKeys.unreadCount });
      const previous = queryClient.getQueryData<number>(inboxKeys.unreadCount);
      queryClient.setQueryData(inboxKeys.unreadCount, count);
      // Changed elsewhere (a new day arrived, another tab read a thread): the page's lists and counts follow.
      if (previous !== undefined && count !== previous) {
        void queryClient.invalidateQueries({ queryKey: inboxKeys.all, predicate: (q) => q.queryKey[1] !== 'unread-count' });
      }
    };

    const connect = async () => {
      try {
        await streamUnreadCount(client, onCount, controller.signal);
      } catch {
        // Falls through to polling and a later reconnect.
      }
      if (controller.signal.aborted) return;
      setStream('down');
      retryTimer = setTimeout(connect, config.unreadStreamRetryMs);
    };
    void connect();

    return () => {
      controller.abort();
      clearTimeout(retryTimer);
    };
  }, [client, queryClient]);

  const query = useQuery({
    queryKey: inboxKeys.unreadCount,
    queryFn: ({ signal }) => getUnreadCount(client, signal),
    enabled: stream === 'down',
    refetchInterval: config.unreadPollIntervalMs,
  });

  return { count: query.data, live: stream === 'live' };
}
