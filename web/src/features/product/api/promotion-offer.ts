/**
 * What a message says about one product: its promotion price while the
 * promotion runs, that the promotion is over, or that the product is not in it.
 */
import type { PromotionMessage } from './product-api';

export type PromotionOffer =
  | { kind: 'active'; name: string; promoPriceCents: number; currency: string; endsAt?: string }
  | { kind: 'ended'; name: string; withdrawn: boolean }
  | { kind: 'not-included'; name: string };

export function promotionOffer(message: PromotionMessage, sku: string, now: Date = new Date()): PromotionOffer {
  const name = message.subject;
  const product = message.products.find((candidate) => candidate.sku === sku);
  if (!product) return { kind: 'not-included', name };
  const ended = message.expired || (message.expiresAt !== undefined && new Date(message.expiresAt).getTime() <= now.getTime());
  if (message.withdrawn || ended) return { kind: 'ended', name, withdrawn: message.withdrawn };
  return { kind: 'active', name, promoPriceCents: product.promoPriceCents, currency: product.currency, endsAt: message.expiresAt };
}
