import { afterEach, describe, expect, it } from 'vitest';
import type { Promotion } from './promotions-api';
import { placedInterval, storedPlacementZone, storePlacementZone, wallClockTime } from './zone-placement';

const originalZone = process.env.TZ;

const promotion: Pick<Promotion, 'startsAt' | 'endsAt' | 'timeZone' | 'startsAtInstant' | 'endsAtInstant'> = {
  timeZone: 'America/New_York',
  startsAt: '2026-12-01T09:00',
  endsAt: '2026-12-05T00:00',
  startsAtInstant: '2026-12-01T14:00:00Z',
  endsAtInstant: '2026-12-05T05:00:00Z',
};

describe('placing a promotion in one zone', () => {
  afterEach(() => {
    process.env.TZ = originalZone;
    window.localStorage.clear();
  });

  it('in its own zone: the bar and its label read the promotion’s local times, whatever the browser’s zone', () => {
    process.env.TZ = 'Europe/Berlin';
    const placed = placedInterval(promotion, 'promotion');
    expect(placed.timeZone).toBe('America/New_York');
    expect([placed.start.getDate(), wallClockTime(placed.start)]).toEqual([1, '09:00']);
    expect([placed.end.getDate(), wallClockTime(placed.end)]).toEqual([5, '00:00']);
  });

  it('in the admin’s zone: the instants, labelled with the browser’s wall clock and zone', () => {
    process.env.TZ = 'Europe/Berlin';
    const placed = placedInterval(promotion, 'browser');
    expect(placed.timeZone).toBe('Europe/Berlin');
    expect(placed.start.toISOString()).toBe('2026-12-01T14:00:00.000Z');
    expect(wallClockTime(placed.start)).toBe('15:00');
    expect(wallClockTime(placed.end)).toBe('06:00');
  });

  it('remembers the choice in this browser, the promotion’s zone at first', () => {
    expect(storedPlacementZone()).toBe('promotion');
    storePlacementZone('browser');
    expect(storedPlacementZone()).toBe('browser');
  });
});
