export const promotionKeys = {
  all: ['promotions'] as const,
  range: (from: Date, to: Date) => ['promotions', 'range', from.toISOString(), to.toISOString()] as const,
  detail: (id: string) => ['promotions', 'detail', id] as const,
  preview: (id: string, version: number) => ['promotions', 'preview', id, version] as const,
  products: (query: string) => ['products', query] as const,
};
