export const promotionKeys = {
  all: ['promotions'] as const,
  range: (from: Date, to: Date) => ['promotions', 'range', from.toISOString(), to.toISOString()] as const,
  detail: (id: string) => ['promotions', 'detail', id] as const,
  preview: (id: string, version: number) => ['promotions', 'preview', id, version] as const,
  products: (query: string) => ['products', query] as const,
  deliveries: (id: string) => ['promotions', 'deliveries', id] as const,
  inboxStats: (id: string) => ['promotions', 'inbox-stats', id] as const,
  audit: (id: string) => ['promotions', 'audit', id] as const,
  /** A search by title or SKU across all time, optionally of one state. */
  search: (query: string, status?: string) => ['promotions', 'search', query, status ?? ''] as const,
};
