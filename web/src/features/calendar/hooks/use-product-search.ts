import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useApiClient } from '@/lib/api-client-context';
import { searchProducts } from '../api/products-api';
import { promotionKeys } from './promotion-query-keys';
import { useSettledQuery } from './use-settled-query';

const SEARCH_DELAY_MS = 250;

/** Searches the inventory once typing pauses. */
export function useProductSearch(query: string) {
  const client = useApiClient();
  const settled = useSettledQuery(query, SEARCH_DELAY_MS);
  return useQuery({
    queryKey: promotionKeys.products(settled),
    queryFn: ({ signal }) => searchProducts(client, settled, 8, signal),
    enabled: settled.length > 0,
    placeholderData: keepPreviousData,
  });
}
