/** The app's routes, shared by the router, the header and the features' links. */
export const paths = {
  home: '/',
  inbox: '/inbox',
  inboxMessage: (id: string) => `/inbox/${encodeURIComponent(id)}`,
  /** One promotion's thread in the inbox. */
  inboxThread: (promotionId: string) => `/inbox/promotions/${encodeURIComponent(promotionId)}`,
  calendar: '/calendar',
  /** A product's page is `${products}/:sku`, with `?message=<inbox message id>` when opened from a message. */
  products: '/products',
} as const;
