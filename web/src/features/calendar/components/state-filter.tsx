import { useTranslation } from 'react-i18next';
import { PROMOTION_STATES, type PromotionState } from '../api/promotion-state';

/** One toggle chip per state; the calendar and the list show only the pressed ones. */
export function StateFilter({ shown, onChange }: { shown: ReadonlySet<PromotionState>; onChange: (shown: Set<PromotionState>) => void }) {
  const { t } = useTranslation('calendar');
  const toggle = (state: PromotionState) => {
    const next = new Set(shown);
    if (next.has(state)) next.delete(state);
    else next.add(state);
    onChange(next);
  };
  return (
    <div className="state-filter" role="group" aria-label={t('filter.label')}>
      {PROMOTION_STATES.map((state) => (
        <button
          key={state}
          type="button"
          className={`filter-chip promo-state-${state}`}
          aria-pressed={shown.has(state)}
          onClick={() => toggle(state)}
        >
          <span className="filter-check" aria-hidden="true">
            {shown.has(state) ? '✓' : ''}
          </span>
          {t(`state.${state}.label`)}
        </button>
      ))}
    </div>
  );
}
