import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useApiClient } from '@/lib/api-client-context';
import { getPreview, getPromotion, listPromotions } from '../api/promotions-api';
import { promotionKeys } from './promotion-query-keys';

export type VisibleRange = { from: Date; to: Date };

/** How often the open calendar asks again, besides when the window gets focus. */
export const CALENDAR_REFRESH_MS = 60_000;

/** The promotions overlapping the calendar's visible range, kept fresh while the page is open. */
export function usePromotions(range: VisibleRange | null) {
  const client = useApiClient();
  return useQuery({
    queryKey: range ? promotionKeys.range(range.from, range.to) : promotionKeys.all,
    queryFn: ({ signal }) => listPromotions(client, range!.from, range!.to, signal),
    enabled: range !== null,
    placeholderData: keepPreviousData,
    refetchOnWindowFocus: true,
    refetchInterval: CALENDAR_REFRESH_MS,
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
