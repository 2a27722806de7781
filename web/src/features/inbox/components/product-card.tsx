import { formatMoney } from '@/lib/format';
import type { InboxProduct } from '../api/inbox-api';

export function ProductCard({ product }: { product: InboxProduct }) {
  const discounted = product.promoPriceCents < product.priceCents;
  return (
    <li className="product-card">
      <div className="product-card-image">
        {product.imageUrl ? (
          <img src={product.imageUrl} alt={product.name} loading="lazy" width={160} height={120} />
        ) : (
          <span className="product-card-noimage" aria-hidden="true">No picture</span>
        )}
      </div>
      <div className="product-card-body">
        <h3 className="product-card-name">{product.name}</h3>
        <p className="product-card-prices">
          {discounted && (
            <del className="price-regular">
              <span className="visually-hidden">Regular price </span>
              {formatMoney(product.priceCents, product.currency)}
            </del>
          )}
          <strong className="price-promo">
            <span className="visually-hidden">{discounted ? 'Promotion price ' : 'Price '}</span>
            {formatMoney(product.promoPriceCents, product.currency)}
          </strong>
        </p>
        {product.url && (
          <a className="button button-secondary button-small" href={product.url} target="_blank" rel="noopener noreferrer">
            View product<span className="visually-hidden"> {product.name} (opens in a new tab)</span>
          </a>
        )}
      </div>
    </li>
  );
}
