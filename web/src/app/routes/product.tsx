import { useParams, useSearchParams } from 'react-router';
import { ProductPage } from '@/features/product';

/** `/products/:sku`, optionally `?message=<inbox message id>` when opened from a message. */
export function ProductRoute() {
  const { sku } = useParams();
  const [search] = useSearchParams();
  return <ProductPage sku={sku ?? ''} messageId={search.get('message') || undefined} />;
}
