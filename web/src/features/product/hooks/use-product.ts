import { useQuery } from '@tanstack/react-query';
import { useApiClient } from '@/lib/api-client-context';
import { getPromotionMessage, getPublicProduct } from '../api/product-api';
import { productKeys } from './product-query-keys';

/** The product as the shop shows it to everyone. */
export function useProduct(sku: string) {
  const client = useApiClient();
  return useQuery({
    queryKey: productKeys.product(sku),
    queryFn: ({ signal }) => getPublicProduct(client, sku, signal),
    staleTime: 60_000,
  });
}

/** The inbox message the page was opened from, if any. */
export function usePromotionMessage(messageId: string | undefined) {
  const client = useApiClient();
  return useQuery({
    queryKey: productKeys.promotionMessage(messageId ?? ''),
    queryFn: ({ signal }) => getPromotionMessage(client, messageId!, signal),
    enabled: messageId !== undefined,
  });
}
