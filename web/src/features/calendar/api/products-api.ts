/** Product search through the calendar service (role admin), backed by the inventory. */
import type { ApiClient } from '@/lib/api-client';

export type ProductHit = {
  sku: string;
  name: string;
  priceCents: number;
  currency: string;
  imageUrl?: string | null;
  url?: string | null;
};

export async function searchProducts(client: ApiClient, query: string, limit = 8, signal?: AbortSignal): Promise<ProductHit[]> {
  const params = new URLSearchParams({ query, limit: String(limit) });
  return client.get<ProductHit[]>(`/api/products?${params}`, { signal });
}
