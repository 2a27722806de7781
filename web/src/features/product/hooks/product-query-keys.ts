export const productKeys = {
  all: ['product'] as const,
  product: (sku: string) => ['product', 'public', sku] as const,
  promotionMessage: (messageId: string) => ['product', 'promotion-message', messageId] as const,
};
