import { PROMOTION_STATES, promotionStateDescriptions, promotionStateLabels } from '../api/promotion-state';

/** Explains the colours and patterns of the calendar (colour is never the only cue). */
export function CalendarLegend() {
  return (
    <ul className="calendar-legend" aria-label="Legend">
      {PROMOTION_STATES.map((state) => (
        <li key={state} className="legend-item">
          <span className={`legend-swatch promo-state-${state}`} aria-hidden="true" />
          <span className="legend-label">{promotionStateLabels[state]}</span>
          <span className="legend-description">{promotionStateDescriptions[state]}</span>
        </li>
      ))}
    </ul>
  );
}
