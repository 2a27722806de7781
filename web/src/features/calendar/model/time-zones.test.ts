import { describe, expect, it } from 'vitest';
import { filterZones, formatDayList, utcOffsetLabel, zoneChoices, zoneOffsetSeconds } from './time-zones';

describe('time zones', () => {
  it('labels offsets east and west of UTC, and UTC itself', () => {
    expect(utcOffsetLabel(7200)).toBe('UTC+02:00');
    expect(utcOffsetLabel(19800)).toBe('UTC+05:30');
    expect(utcOffsetLabel(-12600)).toBe('UTC−03:30');
    expect(utcOffsetLabel(0)).toBe('UTC±00:00');
  });

  it('reads a zone’s offset at an instant, daylight saving included', () => {
    expect(zoneOffsetSeconds('Europe/Berlin', new Date('2026-01-15T12:00:00Z'))).toBe(3600);
    expect(zoneOffsetSeconds('Europe/Berlin', new Date('2026-07-15T12:00:00Z'))).toBe(7200);
    expect(zoneOffsetSeconds('Asia/Kolkata', new Date('2026-07-15T12:00:00Z'))).toBe(19800);
    expect(zoneOffsetSeconds('America/St_Johns', new Date('2026-01-15T12:00:00Z'))).toBe(-12600);
    expect(zoneOffsetSeconds('UTC')).toBe(0);
  });

  it('finds zones by words of their name or by offset', () => {
    const choices = zoneChoices(new Date('2026-01-15T12:00:00Z'));
    expect(filterZones(choices, 'berlin').map((c) => c.zone)).toEqual(['Europe/Berlin']);
    expect(filterZones(choices, 'new york').map((c) => c.zone)).toContain('America/New_York');
    // India's zone is Asia/Calcutta or Asia/Kolkata, depending on the ICU data.
    const india = filterZones(choices, '+5:30').map((c) => c.zone);
    expect(india.some((zone) => zone === 'Asia/Kolkata' || zone === 'Asia/Calcutta')).toBe(true);
    expect(india).not.toContain('Europe/Berlin');
    // A whole hour matches that hour only: +1 is not +10 or +11.
    const plusOne = filterZones(choices, 'utc+1');
    expect(plusOne.map((c) => c.zone)).toContain('Europe/Berlin');
    expect(plusOne.every((c) => c.offset.startsWith('UTC+01:'))).toBe(true);
    expect(filterZones(choices, 'europe +1').every((c) => c.zone.startsWith('Europe/'))).toBe(true);
    expect(filterZones(choices, 'no such zone')).toEqual([]);
  });

  it('names a few days and counts the rest', () => {
    const days = ['2026-03-29', '2027-03-28', '2028-03-26'];
    expect(formatDayList(days, (n) => `${n} more`, 2, 'en-GB')).toBe('Sun, 29 Mar 2026, Sun, 28 Mar 2027 and 1 more');
  });
});
