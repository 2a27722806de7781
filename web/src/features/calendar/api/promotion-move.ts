/**
 * Dragging or resizing a promotion on the calendar moves its LOCAL start and
 * end in its own zone: the days and the wall-clock minutes the admin dragged are
 * added to `startsAt`/`endsAt` as written, never to the instants. A 10:00 Berlin
 * start moved by 7 days stays 10:00 in Berlin across a DST change; the service
 * resolves the new local times to instants again.
 */
import type { Promotion, PromotionInput } from './promotions-api';

/** A calendar delta (FullCalendar's Duration): whole months and days, then wall-clock milliseconds. */
export type WallClockShift = { years?: number; months?: number; days?: number; milliseconds?: number };

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
const twoDigits = (value: number) => String(value).padStart(2, '0');

/** `YYYY-MM-DDTHH:MM[:SS]` shifted on the wall clock; seconds are written only when there are any. */
export function shiftLocalDateTime(local: string, shift: WallClockShift): string {
  const match = LOCAL_DATE_TIME.exec(local);
  if (!match) throw new Error(`not a local date-time: ${local}`);
  const [, year, month, day, hour, minute, second] = match.map(Number);
  // UTC arithmetic on the wall-clock fields: no zone, so no DST, in between.
  const moved = new Date(
    Date.UTC(
      year + (shift.years ?? 0),
      month - 1 + (shift.months ?? 0),
      day + (shift.days ?? 0),
      hour,
      minute,
      Number.isNaN(second) ? 0 : second,
    ) + (shift.milliseconds ?? 0),
  );
  const date = `${moved.getUTCFullYear()}-${twoDigits(moved.getUTCMonth() + 1)}-${twoDigits(moved.getUTCDate())}`;
  const time = `${twoDigits(moved.getUTCHours())}:${twoDigits(moved.getUTCMinutes())}`;
  return moved.getUTCSeconds() ? `${date}T${time}:${twoDigits(moved.getUTCSeconds())}` : `${date}T${time}`;
}

const NO_SHIFT: WallClockShift = {};

/** The PUT body of the promotion with its start and end shifted (a drag shifts both alike, a resize one). */
export function movedInput(promotion: Promotion, startShift: WallClockShift, endShift: WallClockShift = startShift): PromotionInput {
  return {
    ...inputOf(promotion),
    startsAt: shiftLocalDateTime(promotion.startsAt, startShift ?? NO_SHIFT),
    endsAt: shiftLocalDateTime(promotion.endsAt, endShift ?? NO_SHIFT),
  };
}

/** The promotion as the PUT body wants it (contracts.md's Promotion JSON without id, version and status). */
export function inputOf(promotion: Promotion): PromotionInput {
  return {
    title: promotion.title,
    timeZone: promotion.timeZone,
    startsAt: promotion.startsAt,
    endsAt: promotion.endsAt,
    dailySendTime: promotion.dailySendTime ?? null,
    package: promotion.package,
  };
}

/** Drafts and published promotions that have not started may be dragged; the others stay where they are. */
export function isMovable(promotion: Promotion, start: Date, now: Date): boolean {
  if (promotion.status === 'DRAFT') return true;
  return promotion.status === 'PUBLISHED' && start.getTime() > now.getTime();
}
