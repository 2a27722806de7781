import type { Promotion } from '../api/promotions-api';

/** The titles of the promotions this one overlaps with (each once), from the list endpoint's `warnings`. */
export const overlapTitles = (promotion: Promotion) =>
  Array.from(new Set((promotion.warnings ?? []).map((warning) => warning.promotionTitle)));

/** A warning sign that reads out as "overlaps with …" (the sign alone is never the only cue). */
export function OverlapMark({ text }: { text: string }) {
  return (
    <span className="promo-overlap" title={text}>
      <span className="promo-overlap-icon" aria-hidden="true">
        ⚠
      </span>
      <span className="visually-hidden">{text}</span>
    </span>
  );
}
