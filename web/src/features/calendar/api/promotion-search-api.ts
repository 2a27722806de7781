/**
 * `GET /api/promotions/search?q=&status=&cursor=` (contracts.md): a title
 * substring (any case) or an exact SKU across all time, newest start first, in
 * pages that continue from `nextCursor` (null on the last).
 */
import type { ApiClient } from '@/lib/api-client';
import type { PromotionState } from './promotion-state';
import type { Promotion } from './promotions-api';

export type PromotionSearchPage = { items: Promotion[]; nextCursor: string | null };

/** The service's `status` filter: a stored status or a state derived from the time of the search. */
const SEARCH_STATUS: Record<PromotionState, string> = {
  draft: 'DRAFT',
  scheduled: 'SCHEDULED',
  live: 'LIVE',
  ended: 'ENDED',
  unpublished: 'UNPUBLISHED',
};

export async function searchPromotions(
  client: ApiClient,
  query: string,
  { state, cursor, signal }: { state?: PromotionState; cursor?: string | null; signal?: AbortSignal } = {},
): Promise<PromotionSearchPage> {
  const params = new URLSearchParams({ q: query });
  if (state) params.set('status', SEARCH_STATUS[state]);
  if (cursor) params.set('cursor', cursor);
  const body = await client.get<Partial<PromotionSearchPage>>(`/api/promotions/search?${params}`, { signal });
  return { items: body.items ?? [], nextCursor: body.nextCursor ?? null };
}
