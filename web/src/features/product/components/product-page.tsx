import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { paths } from '@/config/paths';
import { ApiError } from '@/lib/api-error';
import { formatMoney, formatZonedDateTime } from '@/lib/format';
import type { Product } from '../api/product-api';
import { promotionOffer } from '../api/promotion-offer';
import { useProduct, usePromotionMessage } from '../hooks/use-product';
import './product.css';

/**
 * The shop's product page (the local stand-in for the shop's portal): picture,
 * name and regular price from the inventory; opened from an inbox message
 * (`?message=<id>`), also that message's promotion price, name and end.
 */
export function ProductPage({ sku, messageId }: { sku: string; messageId?: string }) {
  const { t } = useTranslation('product');
  const product = useProduct(sku);
  const backLink = messageId ? (
    <Link to={paths.inboxMessage(messageId)} className="product-back">
      ← {t('backToMessage')}
    </Link>
  ) : null;

  if (product.isPending) {
    return (
      <div className="page-loading" role="status">
        <span className="spinner" aria-hidden="true" /> {t('loading')}
      </div>
    );
  }

  if (product.isError) {
    const notFound = product.error instanceof ApiError && product.error.status === 404;
    return (
      <div className="page">
        {backLink}
        {notFound ? (
          <div className="panel empty-state">
            <h1>{t('notFound.title')}</h1>
            <p>{t('notFound.text', { sku })}</p>
            {!messageId && (
              <Link to={paths.home} className="button button-secondary">
                {t('backHome')}
              </Link>
            )}
          </div>
        ) : (
          <div className="panel error-state product-error" role="alert">
            <h1>{t('failed.title')}</h1>
            <p>{t('failed.text')}</p>
            <button type="button" className="button button-primary" onClick={() => void product.refetch()} disabled={product.isFetching}>
              {product.isFetching ? t('tryingAgain') : t('tryAgain')}
            </button>
          </div>
        )}
      </div>
    );
  }

  const { data } = product;
  return (
    <div className="page">
      {backLink}
      <article className="panel product-detail" aria-labelledby="product-name">
        <div className="product-detail-picture">
          {data.imageUrl ? (
            <img src={data.imageUrl} alt={data.name} width={320} height={240} />
          ) : (
            <span className="product-detail-nopicture">{t('noPicture')}</span>
          )}
        </div>
        <div className="product-detail-body">
          <p className="product-detail-sku">{t('sku', { sku: data.sku })}</p>
          <h1 id="product-name">{data.name}</h1>
          {data.description && <p className="product-detail-description">{data.description}</p>}
          {messageId ? <PromotionPrices product={data} messageId={messageId} /> : <RegularPrice product={data} />}
        </div>
      </article>
    </div>
  );
}

function RegularPrice({ product, label = 'price' }: { product: Product; label?: 'price' | 'regularPrice' }) {
  const { t } = useTranslation('product');
  return (
    <dl className="product-prices">
      <div>
        <dt>{t(label)}</dt>
        <dd className="product-price">{formatMoney(product.priceCents, product.currency)}</dd>
      </div>
    </dl>
  );
}

/** The regular price beside what the message offers; the regular price alone when it offers nothing (any more). */
function PromotionPrices({ product, messageId }: { product: Product; messageId: string }) {
  const { t } = useTranslation('product');
  const message = usePromotionMessage(messageId);

  if (message.isPending) {
    return (
      <>
        <RegularPrice product={product} />
        <p className="product-offer-loading" role="status">
          <span className="spinner" aria-hidden="true" /> {t('loadingPromotion')}
        </p>
      </>
    );
  }
  if (message.isError) {
    const gone = message.error instanceof ApiError && message.error.status === 404;
    return (
      <>
        <RegularPrice product={product} />
        {gone ? (
          <p className="alert alert-warning">{t('messageGone')}</p>
        ) : (
          <div className="alert alert-error" role="alert">
            <p>{t('messageFailed')}</p>
            <button type="button" className="button button-secondary button-small" onClick={() => void message.refetch()} disabled={message.isFetching}>
              {message.isFetching ? t('tryingAgain') : t('tryAgain')}
            </button>
          </div>
        )}
      </>
    );
  }

  const offer = promotionOffer(message.data, product.sku);
  if (offer.kind !== 'active') {
    const note =
      offer.kind === 'not-included'
        ? t('notIncluded', { name: offer.name })
        : t(offer.withdrawn ? 'withdrawn' : 'ended', { name: offer.name });
    return (
      <>
        <RegularPrice product={product} />
        <p className="alert alert-warning">{note}</p>
      </>
    );
  }

  // Struck through only when it is the same currency and really more.
  const saves = offer.currency === product.currency && offer.promoPriceCents < product.priceCents;
  return (
    <section className="product-offer" aria-labelledby="product-offer-title">
      <h2 id="product-offer-title" className="product-offer-title">
        {t('yourPromotion')}
      </h2>
      <p className="product-offer-name">{offer.name}</p>
      <dl className="product-prices">
        <div>
          <dt>{t('regularPrice')}</dt>
          <dd className="product-price">
            {saves ? (
              <del>{formatMoney(product.priceCents, product.currency)}</del>
            ) : (
              formatMoney(product.priceCents, product.currency)
            )}
          </dd>
        </div>
        <div className="product-price-promo">
          <dt>{t('promotionPrice')}</dt>
          <dd className="product-price">{formatMoney(offer.promoPriceCents, offer.currency)}</dd>
        </div>
      </dl>
      {offer.endsAt && (
        <p className="product-offer-ends">
          {t('ends', { date: formatZonedDateTime(offer.endsAt) })}
        </p>
      )}
    </section>
  );
}
