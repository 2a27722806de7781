/**
 * What the calendar draws: a promotion's interval as instants and its state.
 * The state is derived from the status and now against start and end; "ended"
 * is never stored (contracts.md). The service sends the resolved instants;
 * without them, local date-times are resolved in the promotion's own zone with
 * date-fns-tz.
 */
import { fromZonedTime } from 'date-fns-tz';
import type { Promotion } from './promotions-api';

export type PromotionState = 'draft' | 'scheduled' | 'live' | 'ended' | 'unpublished';

export const PROMOTION_STATES: readonly PromotionState[] = ['draft', 'scheduled', 'live', 'ended', 'unpublished'];

/** Each state's name and explanation are `calendar:state.<state>.label` / `.description` in the locales. */
export type PromotionInterval = { start: Date; end: Date };

/** The service's resolved instants when it sent them; otherwise resolved here in the promotion's zone. */
export function promotionInterval(
  promotion: Pick<Promotion, 'startsAt' | 'endsAt' | 'timeZone' | 'startsAtInstant' | 'endsAtInstant'>,
): PromotionInterval {
  return {
    start: promotion.startsAtInstant ? new Date(promotion.startsAtInstant) : fromZonedTime(promotion.startsAt, promotion.timeZone),
    end: promotion.endsAtInstant ? new Date(promotion.endsAtInstant) : fromZonedTime(promotion.endsAt, promotion.timeZone),
  };
}

export function promotionState(promotion: Promotion, now: Date = new Date()): PromotionState {
  if (promotion.status === 'DRAFT') return 'draft';
  if (promotion.status === 'UNPUBLISHED') return 'unpublished';
  const { start, end } = promotionInterval(promotion);
  if (now.getTime() >= end.getTime()) return 'ended';
  if (now.getTime() < start.getTime()) return 'scheduled';
  return 'live';
}
