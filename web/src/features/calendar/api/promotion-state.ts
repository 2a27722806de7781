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

/**
 * The next instant after `now` at which a shown state changes (a published
 * promotion's start or end), or null when none will: the calendar re-renders then.
 */
export function nextStateChange(promotions: Promotion[], now: Date = new Date()): Date | null {
  let next: number | null = null;
  for (const promotion of promotions) {
    if (promotion.status !== 'PUBLISHED') continue;
    const { start, end } = promotionInterval(promotion);
    for (const instant of [start.getTime(), end.getTime()]) {
      if (instant > now.getTime() && (next === null || instant < next)) next = instant;
    }
  }
  return next === null ? null : new Date(next);
}

/** The promotions whose state (at `now`) is one of `shown`, in their order. */
export function withStates(promotions: Promotion[], shown: ReadonlySet<PromotionState>, now: Date = new Date()): Promotion[] {
  return promotions.filter((promotion) => shown.has(promotionState(promotion, now)));
}

/** By start, then by title: the list view's order. */
export function byStart(promotions: Promotion[]): Promotion[] {
  return [...promotions].sort(
    (a, b) => promotionInterval(a).start.getTime() - promotionInterval(b).start.getTime() || a.title.localeCompare(b.title),
  );
}
