/**
 * Where the calendar puts a promotion and what time it writes on it, in ONE
 * zone: the promotion's own (what its customers live by) or the admin's (the
 * browser's). FullCalendar lays out in the browser's zone, so an event is given
 * the browser-local Date whose wall clock reads the chosen zone's wall clock
 * (a named-zone plugin for FullCalendar would add a date library to the chunk);
 * the labels are read from the same Dates, so bar and label never disagree.
 */
import { toZonedTime } from 'date-fns-tz';
import type { Promotion } from './promotions-api';
import { promotionInterval } from './promotion-state';

export type PlacementZone = 'promotion' | 'browser';

export const PLACEMENT_ZONES: readonly PlacementZone[] = ['promotion', 'browser'];

export function browserZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** The zone a promotion is placed and labelled in. */
export function placementZoneOf(promotion: Pick<Promotion, 'timeZone'>, zone: PlacementZone): string {
  return zone === 'promotion' ? promotion.timeZone : browserZone();
}

export type PlacedInterval = {
  /** Browser-local Dates whose wall clock is the start and end in `timeZone`. */
  start: Date;
  end: Date;
  timeZone: string;
};

export function placedInterval(
  promotion: Pick<Promotion, 'startsAt' | 'endsAt' | 'timeZone' | 'startsAtInstant' | 'endsAtInstant'>,
  zone: PlacementZone,
): PlacedInterval {
  const { start, end } = promotionInterval(promotion);
  if (zone === 'browser') return { start, end, timeZone: browserZone() };
  return { start: toZonedTime(start, promotion.timeZone), end: toZonedTime(end, promotion.timeZone), timeZone: promotion.timeZone };
}

const twoDigits = (value: number) => String(value).padStart(2, '0');

/** "HH:MM" of a placed Date (its browser-local wall clock, which is the placement zone's). */
export const wallClockTime = (placed: Date) => `${twoDigits(placed.getHours())}:${twoDigits(placed.getMinutes())}`;

const STORAGE_KEY = 'promo-calendar.placement-zone';

/** The admin's last choice (this browser), the promotion's own zone at first. */
export function storedPlacementZone(): PlacementZone {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === 'browser' ? 'browser' : 'promotion';
  } catch {
    return 'promotion';
  }
}

export function storePlacementZone(zone: PlacementZone) {
  try {
    window.localStorage.setItem(STORAGE_KEY, zone);
  } catch {
    // Storage may be off (private mode): the choice then lasts for this page only.
  }
}
