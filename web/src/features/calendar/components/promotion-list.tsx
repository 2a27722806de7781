import { useTranslation } from 'react-i18next';
import { formatDateTime } from '@/lib/format';
import type { Promotion } from '../api/promotions-api';
import { byStart, promotionInterval, promotionState } from '../api/promotion-state';
import { OverlapMark, overlapTitles } from './overlap-mark';

/** The promotions of the visible period as a list, by start; each opens its editor. */
export function PromotionList({
  promotions,
  now,
  onOpenPromotion,
}: {
  promotions: Promotion[];
  now: Date;
  onOpenPromotion: (id: string) => void;
}) {
  const { t } = useTranslation('calendar');
  if (promotions.length === 0) return <p className="promotion-list-empty muted">{t('list.empty')}</p>;
  return (
    <ul className="promotion-list" aria-label={t('list.label')}>
      {byStart(promotions).map((promotion) => {
        const state = promotionState(promotion, now);
        const { start, end } = promotionInterval(promotion);
        const { timeZone } = promotion;
        const overlaps = overlapTitles(promotion);
        return (
          <li key={promotion.id} className={`promotion-row promo-state-${state}`}>
            <button type="button" className="promotion-row-button" onClick={() => onOpenPromotion(promotion.id)}>
              <span className="promotion-row-head">
                <span className={`state-chip promo-state-${state}`}>{t(`state.${state}.label`)}</span>
                <span className="promotion-row-title">{promotion.title}</span>
                {overlaps.length > 0 && <OverlapMark text={t('event.overlapsWith', { titles: overlaps.join(', ') })} />}
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
