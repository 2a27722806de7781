import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '@/lib/format';
import type { InboxProduct } from '../api/inbox-api';

/**
 * Where "View product" goes (the app passes the product feature's
 * `productLink`): a page of this app is opened in the same tab with the
 * message named, so it can show the promotion price; any other site in a new
 * tab; nothing for a url that is not http(s).
 */
export type ProductLinkResolver = (
  url: string | null | undefined,
  messageId: string,
) => { sameOrigin: boolean; href: string } | undefined;

/** Without a resolver: the product's own http(s) url, in a new tab. */
const externalLink: ProductLinkResolver = (url) =>
  url && /^https?:\/\//i.test(url) ? { sameOrigin: false, href: url } : undefined;

export function ProductCard({
  product,
  messageId,
  productLink = externalLink,
}: {
  product: InboxProduct;
  messageId: string;
  productLink?: ProductLinkResolver;
}) {
  const { t } = useTranslation('inbox');
  const discounted = product.promoPriceCents < product.priceCents;
  const link = productLink(product.url, messageId);
  return (
    <li className="product-card">
      <div className="product-card-image">
        {product.imageUrl ? (
          <img src={product.imageUrl} alt={product.name} loading="lazy" width={160} height={120} />
        ) : (
          <span className="product-card-noimage" aria-hidden="true">
            {t('product.noPicture')}
          </span>
        )}
      </div>
      <div className="product-card-body">
        <h4 className="product-card-name">{product.name}</h4>
        <p className="product-card-prices">
          {discounted && (
            <del className="price-regular">
              <span className="visually-hidden">{t('product.regularPrice')} </span>
              {formatMoney(product.priceCents, product.currency)}
            </del>
          )}
          <strong className="price-promo">
            <span className="visually-hidden">{discounted ? t('product.promoPrice') : t('product.price')} </span>
            {formatMoney(product.promoPriceCents, product.currency)}
          </strong>
        </p>
        {link?.sameOrigin && (
          <Link className="button button-secondary button-small" to={link.href}>
            {t('product.view')}
            <span className="visually-hidden">{t('product.viewName', { name: product.name })}</span>
          </Link>
        )}
        {link && !link.sameOrigin && (
          <a className="button button-secondary button-small" href={link.href} target="_blank" rel="noopener noreferrer">
            {t('product.view')}
            <span className="visually-hidden">{t('product.viewHidden', { name: product.name })}</span>
          </a>
        )}
      </div>
    </li>
  );
}
