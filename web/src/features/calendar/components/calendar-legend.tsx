import { useTranslation } from 'react-i18next';
import { PROMOTION_STATES } from '../api/promotion-state';

/** Explains the colours and patterns of the calendar (colour is never the only cue). */
export function CalendarLegend() {
  const { t } = useTranslation('calendar');
  return (
    <ul className="calendar-legend" aria-label={t('legend')}>
      {PROMOTION_STATES.map((state) => (
        <li key={state} className="legend-item">
          <span className={`legend-swatch promo-state-${state}`} aria-hidden="true" />
          <span className="legend-label">{t(`state.${state}.label`)}</span>
          <span className="legend-description">{t(`state.${state}.description`)}</span>
        </li>
      ))}
    </ul>
  );
}
