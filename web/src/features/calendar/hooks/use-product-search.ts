import { useEffect, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useApiClient } from '@/lib/api-client-context';
import { searchProducts } from '../api/products-api';
import { promotionKeys } from './promotion-query-keys';

const SEARCH_DELAY_MS = 250;

/** Searches the inventory once typing pauses. */
export function useProductSearch(query: string) {
  const client = useApiClient();
  const [settled, setSettled] = useState(query.trim());
  useEffect(() => {
    const timer = setTimeout(() => setSettled(query.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [query]);
  return useQuery({
    queryKey: promotionKeys.products(settled),
    queryFn: ({ signal }) => searchProducts(client, settled, 8, signal),
    enabled: settled.length > 0,
    placeholderData: keepPreviousData,
  });
}
