/**
 * What the product page reads: the product from the inventory's public endpoint
 * (`GET /api/public/products/{sku}`, no token needed; the web server's proxy
 * drops the customer's), and — when the page was opened from an inbox message —
 * that message, the signed-in customer's own (`GET /api/inbox/messages/{id}`),
 * for the promotion price. Only the fields the page shows are read.
 */
import type { ApiClient } from '@/lib/api-client';

export type Product = {
  sku: string;
  name: string;
  imageUrl?: string;
  /** Minor units of `currency` (ISO 4217). */
  priceCents: number;
  currency: string;
  description?: string;
};

export type PromotionMessageProduct = {
  sku: string;
  priceCents: number;
  promoPriceCents: number;
  currency: string;
};

/** An inbox message as far as a product page cares: which promotion, its prices, its end. */
export type PromotionMessage = {
  id: string;
  promotionId?: string;
  /** The message's subject, shown as the promotion's name. */
  subject: string;
  expiresAt?: string;
  expired: boolean;
  withdrawn: boolean;
  products: PromotionMessageProduct[];
};

function isProduct(value: unknown): value is Product {
  const product = value as Partial<Product> | undefined;
  return (
    typeof product?.sku === 'string' &&
    typeof product.name === 'string' &&
    typeof product.priceCents === 'number' &&
    typeof product.currency === 'string'
  );
}

export async function getPublicProduct(client: ApiClient, sku: string, signal?: AbortSignal): Promise<Product> {
  const product = await client.get<unknown>(`/api/public/products/${encodeURIComponent(sku)}`, { signal });
  // Anything else (an HTML page from a web server without the proxy) is a failure to retry, not a product.
  if (!isProduct(product)) throw new Error('The product service gave an answer that is not a product.');
  return product;
}

type RawMessage = {
  id?: string | number;
  promotionId?: string;
  subject?: string;
  expiresAt?: string;
  expired?: boolean;
  withdrawn?: boolean;
  products?: PromotionMessageProduct[];
};

export async function getPromotionMessage(client: ApiClient, id: string, signal?: AbortSignal): Promise<PromotionMessage> {
  const raw = await client.get<RawMessage>(`/api/inbox/messages/${encodeURIComponent(id)}`, { signal });
  const expiresAt = raw.expiresAt ?? undefined;
  return {
    id: String(raw.id ?? id),
    promotionId: raw.promotionId,
    subject: raw.subject ?? '',
    expiresAt,
    // The service's verdict when it gives one, else the clock.
    expired: raw.expired ?? (expiresAt !== undefined && new Date(expiresAt).getTime() <= Date.now()),
    withdrawn: raw.withdrawn ?? false,
    products: raw.products ?? [],
  };
}
