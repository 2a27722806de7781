import { useTranslation } from 'react-i18next';
import { formatDateTime } from '@/lib/format';
import type { Promotion } from '../api/promotions-api';
import { byStart, promotionInterval, promotionState } from '../api/promotion-state';
import { placementZoneOf, type PlacementZone } from '../api/zone-placement';
import { OverlapMark, overlapTitles } from './overlap-mark';

/** The promotions of the visible period as a list, by start; each opens its editor. */
export function PromotionList({
  promotions,
  now,
  zone = 'promotion',
  readRates,
  onOpenPromotion,
}: {
  promotions: Promotion[];
  now: Date;
  /** The zone the start and end are written in (the calendar's placement zone). */
  zone?: PlacementZone;
  /** Read rates in percent by promotion id. */
  readRates?: ReadonlyMap<string, number>;
  onOpenPromotion: (id: string) => void;
}) {
  const { t } = useTranslation('calendar');
  if (promotions.length === 0) return <p className="promotion-list-empty muted">{t('list.empty')}</p>;
  return (
    <ul className="promotion-list" aria-label={t('list.label')}>
      {byStart(promotions).map((promotion) => {
        const state = promotionState(promotion, now);
        const { start, end } = promotionInterval(promotion);
        const timeZone = placementZoneOf(promotion, zone);
        const overlaps = overlapTitles(promotion);
        const readRate = readRates?.get(promotion.id);
        return (
          <li key={promotion.id} className={`promotion-row promo-state-${state}`}>
            <button type="button" className="promotion-row-button" onClick={() => onOpenPromotion(promotion.id)}>
              <span className="promotion-row-head">
                <span className={`state-chip promo-state-${state}`}>{t(`state.${state}.label`)}</span>
                <span className="promotion-row-title">{promotion.title}</span>
                {overlaps.length > 0 && <OverlapMark text={t('event.overlapsWith', { titles: overlaps.join(', ') })} />}
                {readRate !== undefined && <span className="promotion-row-results">{t('event.readRate', { percent: readRate })}</span>}
              </span>
              <span className="promotion-row-when">
                {t('list.when', { start: formatDateTime(start, { timeZone }), end: formatDateTime(end, { timeZone }), timeZone })}
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
