import { useQuery } from '@tanstack/react-query';
import { useApiClient } from '@/lib/api-client-context';
import { getDeliveries, getInboxStats, joinResults } from '../api/results-api';
import { promotionKeys } from './promotion-query-keys';

/** How often the open Results tab asks again: days get delivered and read while it is open. */
export const RESULTS_REFRESH_MS = 20_000;

/** The Results tab's rows: the job's reports and the inbox's counts per day, kept fresh while shown. */
export function usePromotionResults(promotionId: string) {
  const client = useApiClient();
  const fresh = { refetchInterval: RESULTS_REFRESH_MS, refetchOnWindowFocus: true, staleTime: 0 } as const;
  const deliveries = useQuery({
    queryKey: promotionKeys.deliveries(promotionId),
    queryFn: ({ signal }) => getDeliveries(client, promotionId, signal),
    ...fresh,
  });
  const stats = useQuery({
    queryKey: promotionKeys.inboxStats(promotionId),
    queryFn: ({ signal }) => getInboxStats(client, promotionId, signal),
    ...fresh,
  });
  const anyData = deliveries.data !== undefined || stats.data !== undefined;
  return {
    /** Either source may fail on its own: the rows then hold what the other one knows. */
    rows: anyData ? joinResults(deliveries.data ?? [], stats.data ?? []) : undefined,
    isPending: deliveries.isPending && stats.isPending,
    isFetching: deliveries.isFetching || stats.isFetching,
    deliveriesError: deliveries.error,
    statsError: stats.error,
    updatedAt: Math.max(deliveries.dataUpdatedAt, stats.dataUpdatedAt),
  };
}
