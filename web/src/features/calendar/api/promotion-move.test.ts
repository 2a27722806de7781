import { describe, expect, it } from 'vitest';
import type { Promotion } from './promotions-api';
import { isMovable, movedInput, shiftLocalDateTime } from './promotion-move';

const DAY = 86_400_000;
const HOUR = 3_600_000;

const promotion: Promotion = {
  id: 'p1',
  version: 4,
  status: 'DRAFT',
  title: 'Spring',
  timeZone: 'Europe/Berlin',
  startsAt: '2027-03-24T10:00',
  endsAt: '2027-03-26T18:30',
  dailySendTime: '09:15',
  package: { name: 'Pack', discountPercent: 10, message: 'Hi', products: [] },
  startsAtInstant: '2027-03-24T09:00:00Z',
  endsAtInstant: '2027-03-26T17:30:00Z',
};

describe('moving a promotion on the wall clock of its own zone', () => {
  it('keeps 10:00 local when moved a week across the spring-forward night', () => {
    // Berlin goes from CET to CEST on 28 March 2027: the instants move by 7 days minus an hour.
    const input = movedInput(promotion, { days: 7 });
    expect(input.startsAt).toBe('2027-03-31T10:00');
    expect(input.endsAt).toBe('2027-04-02T18:30');
    expect(input.timeZone).toBe('Europe/Berlin');
    expect(input.dailySendTime).toBe('09:15');
  });

  it('adds dragged minutes to the wall time, across midnight and backwards', () => {
    expect(shiftLocalDateTime('2027-03-24T22:30', { milliseconds: 2 * HOUR })).toBe('2027-03-25T00:30');
    expect(shiftLocalDateTime('2027-03-01T00:15', { days: -1, milliseconds: -30 * 60_000 })).toBe('2027-02-27T23:45');
    expect(shiftLocalDateTime('2027-01-31T09:00', { months: 1 })).toBe('2027-03-03T09:00');
    expect(shiftLocalDateTime('2027-10-30T02:30:15', { days: 1 })).toBe('2027-10-31T02:30:15');
  });

  it('shifts only the end on a resize', () => {
    const input = movedInput(promotion, {}, { days: 1, milliseconds: -DAY / 2 });
    expect(input.startsAt).toBe('2027-03-24T10:00');
    expect(input.endsAt).toBe('2027-03-27T06:30');
  });

  it('refuses anything that is not a local date-time', () => {
    expect(() => shiftLocalDateTime('2027-03-24T10:00Z', { days: 1 })).toThrow(/local date-time/);
  });

  it('lets drafts and promotions that have not started move, nothing else', () => {
    const now = new Date('2027-03-20T00:00:00Z');
    const start = new Date(promotion.startsAtInstant!);
    expect(isMovable(promotion, start, now)).toBe(true);
    expect(isMovable({ ...promotion, status: 'PUBLISHED' }, start, now)).toBe(true);
    expect(isMovable({ ...promotion, status: 'PUBLISHED' }, start, new Date('2027-03-25T00:00:00Z'))).toBe(false);
    expect(isMovable({ ...promotion, status: 'UNPUBLISHED' }, start, now)).toBe(false);
  });
});
