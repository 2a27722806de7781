import { useQueries } from '@tanstack/react-query';
import { useApiClient } from '@/lib/api-client-context';
import type { Promotion } from '../api/promotions-api';
import { promotionInterval } from '../api/promotion-state';
import { getInboxStats, readRate, type InboxDayStats } from '../api/results-api';
import { promotionKeys } from './promotion-query-keys';

/** Results change slowly (a day's messages go out once); the calendar asks again at most every 5 minutes. */
const STATS_STALE_MS = 5 * 60_000;

/**
 * The read rate ("62 % read") of each shown published promotion that has
 * started — the only ones that can have results — by id. Each is one cached
 * request; a failed or empty one just has no hint.
 */
export function useReadRates(promotions: Promotion[], now: Date): ReadonlyMap<string, number> {
  const client = useApiClient();
  const started = promotions.filter(
    (promotion) => promotion.status === 'PUBLISHED' && promotionInterval(promotion).start.getTime() <= now.getTime(),
  );
  return useQueries({
    queries: started.map((promotion) => ({
      // The Results tab's query: both share one cache entry.
      queryKey: promotionKeys.inboxStats(promotion.id),
      queryFn: ({ signal }: { signal: AbortSignal }) => getInboxStats(client, promotion.id, signal),
      staleTime: STATS_STALE_MS,
      retry: false,
      select: (days: InboxDayStats[]) => ({ id: promotion.id, rate: overallReadRate(days) }),
    })),
    combine: toRateMap,
  });
}

/** Read over delivered, summed over every day, in whole percent; null before anything was delivered. */
export function overallReadRate(days: InboxDayStats[]): number | null {
  const sum = days.reduce((total, day) => ({ delivered: total.delivered + day.delivered, read: total.read + day.read }), {
    delivered: 0,
    read: 0,
  });
  const rate = readRate(sum);
  return rate === null ? null : Math.round(rate * 100);
}

/** Module-level, so TanStack Query keeps the same map while no result changes. */
function toRateMap(results: { data?: { id: string; rate: number | null } }[]): ReadonlyMap<string, number> {
  const rates = new Map<string, number>();
  for (const { data } of results) if (data && data.rate !== null) rates.set(data.id, data.rate);
  return rates;
}
