import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useApiClient } from '@/lib/api-client-context';
import { searchPromotions } from '../api/promotion-search-api';
import type { PromotionState } from '../api/promotion-state';
import { promotionKeys } from './promotion-query-keys';
import { useSettledQuery } from './use-settled-query';

const SEARCH_DELAY_MS = 300;

/**
 * Searches every promotion by title or SKU once typing pauses; `state` (when
 * exactly one is shown) is asked of the service so its pages hold only that.
 */
export function usePromotionSearch(query: string, state?: PromotionState) {
  const client = useApiClient();
  const settled = useSettledQuery(query, SEARCH_DELAY_MS);
  const search = useInfiniteQuery({
    queryKey: promotionKeys.search(settled, state),
    queryFn: ({ signal, pageParam }) => searchPromotions(client, settled, { state, cursor: pageParam, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    enabled: settled.length > 0,
    placeholderData: keepPreviousData,
  });
  return { ...search, settled, typing: query.trim() !== settled };
}
