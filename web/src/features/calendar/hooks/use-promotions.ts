import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useApiClient } from '@/lib/api-client-context';
import { getPreview, getPromotion, listPromotions } from '../api/promotions-api';
import { promotionKeys } from './promotion-query-keys';

export type VisibleRange = { from: Date; to: Date };

/** The promotions overlapping the calendar's visible range. */
export function usePromotions(range: VisibleRange | null) {
  const client = useApiClient();
  return useQuery({
    queryKey: range ? promotionKeys.range(range.from, range.to) : promotionKeys.all,
    queryFn: ({ signal }) => listPromotions(client, range!.from, range!.to, signal),
    enabled: range !== null,
    placeholderData: keepPreviousData,
  });
}

export function usePromotion(id: string | undefined) {
  const client = useApiClient();
  return useQuery({
    queryKey: promotionKeys.detail(id ?? ''),
    queryFn: ({ signal }) => getPromotion(client, id!, signal),
    enabled: id !== undefined,
  });
}

/** Occurrences and a sample message from the engine, for a saved version. */
export function usePreview(id: string, version: number, enabled: boolean) {
  const client = useApiClient();
  return useQuery({
    queryKey: promotionKeys.preview(id, version),
    queryFn: ({ signal }) => getPreview(client, id, signal),
    enabled,
    retry: false,
  });
}
