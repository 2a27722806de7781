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
 * polling of `GET /api/inbox/unread-count` whenever the stream is down. A
 * higher count means new messages arrived, so the message lists are refreshed.
 */
export function useUnreadCount(): UnreadCount {
  const client = useApiClient();
  const queryClient = useQueryClient();
  const [live, setLive] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    let retryTimer: ReturnType<typeof setTimeout> | undefined;

    const onCount = (count: number) => {
      setLive(true);
      const previous = queryClient.getQueryData<number>(inboxKeys.unreadCount);
      queryClient.setQueryData(inboxKeys.unreadCount, count);
      if (previous !== undefined && count > previous) {
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
      setLive(false);
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
    refetchInterval: live ? false : config.unreadPollIntervalMs,
  });

  return { count: query.data, live };
}
