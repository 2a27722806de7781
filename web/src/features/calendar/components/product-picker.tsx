import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '@/lib/format';
import type { PackageProduct } from '../api/promotions-api';
import type { ProductHit } from '../api/products-api';
import { useProductSearch } from '../hooks/use-product-search';
import { promoPriceCents } from '../model/promotion-form-values';

const MAX_PRODUCTS = 50;

/** Chooses the package's products from the inventory search. */
export function ProductPicker({
  products,
  discountPercent,
  onChange,
  describedBy,
  invalid,
}: {
  products: PackageProduct[];
  discountPercent: number | null;
  onChange: (products: PackageProduct[]) => void;
  describedBy?: string;
  invalid?: boolean;
}) {
  const { t } = useTranslation('calendar');
  const [query, setQuery] = useState('');
  const search = useProductSearch(query);
  const inputId = useId();
  const resultsId = useId();
  const chosen = new Set(products.map((product) => product.sku));

  const add = (hit: ProductHit) => {
    if (chosen.has(hit.sku) || products.length >= MAX_PRODUCTS) return;
    onChange([...products, { ...hit, promoPriceCents: promoPriceCents(hit.priceCents, discountPercent) }]);
  };
  const remove = (sku: string) => onChange(products.filter((product) => product.sku !== sku));

  const hits = query.trim() ? (search.data ?? []) : [];
  return (
    <div className="product-picker">
      <label htmlFor={inputId} className="visually-hidden">
        {t('products.search')}
      </label>
      <input
        id={inputId}
        type="search"
        className="input"
        placeholder={t('products.searchPlaceholder')}
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        aria-controls={resultsId}
        aria-describedby={describedBy}
        aria-invalid={invalid || undefined}
        autoComplete="off"
      />
      <div id={resultsId} className="product-results" aria-live="polite">
        {search.isFetching && query.trim() && <p className="muted small">{t('products.searching')}</p>}
        {search.isError && <p className="inline-error">{search.error.message}</p>}
        {query.trim() && search.isSuccess && hits.length === 0 && <p className="muted small">{t('products.noMatch', { query })}</p>}
        {hits.length > 0 && (
          <ul className="product-hits" aria-label={t('products.results')}>
            {hits.map((hit) => (
              <li key={hit.sku}>
                <button type="button" className="product-hit" disabled={chosen.has(hit.sku)} onClick={() => add(hit)}>
                  {hit.imageUrl ? <img src={hit.imageUrl} alt="" width={32} height={32} /> : <span className="thumb-placeholder" />}
                  <span className="product-hit-name">{hit.name}</span>
                  <span className="product-hit-price">{formatMoney(hit.priceCents, hit.currency)}</span>
                  <span className="product-hit-action">{chosen.has(hit.sku) ? t('products.added') : t('products.add')}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
      {products.length === 0 ? (
        <p className="muted small">{t('products.none')}</p>
      ) : (
        <ul className="chosen-products" aria-label={t('products.chosen')}>
          {products.map((product) => (
            <li key={product.sku} className="chosen-product">
              <span className="chosen-product-name">
                {product.name} <span className="muted">({product.sku})</span>
              </span>
              <span className="chosen-product-price">
                <del>{formatMoney(product.priceCents, product.currency)}</del>{' '}
                <strong>{formatMoney(promoPriceCents(product.priceCents, discountPercent), product.currency)}</strong>
              </span>
              <button type="button" className="button-link danger" onClick={() => remove(product.sku)} aria-label={t('products.removeNamed', { name: product.name })}>
                {t('products.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
