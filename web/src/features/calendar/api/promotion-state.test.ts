import { describe, expect, it } from 'vitest';
import type { Promotion } from './promotions-api';
import { byStart, nextStateChange, promotionInterval, promotionState, withStates } from './promotion-state';

const promotion = (status: Promotion['status']): Promotion => ({
  id: 'p1',
  version: 1,
  status,
  title: 'Summer',
  timeZone: 'Europe/Berlin',
  startsAt: '2026-07-01T14:00',
  endsAt: '2026-07-04T09:00',
  dailySendTime: '09:00',
  package: { name: 'Pack', discountPercent: 20, message: 'Hi', products: [] },
});

describe('promotionState', () => {
  it('resolves the local interval in the promotion zone', () => {
    const { start, end } = promotionInterval(promotion('DRAFT'));
    expect(start.toISOString()).toBe('2026-07-01T12:00:00.000Z');
    expect(end.toISOString()).toBe('2026-07-04T07:00:00.000Z');
  });

  it('derives scheduled, live and ended from now for published promotions', () => {
    const published = promotion('PUBLISHED');
    expect(promotionState(published, new Date('2026-07-01T11:59:59Z'))).toBe('scheduled');
    expect(promotionState(published, new Date('2026-07-01T12:00:00Z'))).toBe('live');
    expect(promotionState(published, new Date('2026-07-04T06:59:59Z'))).toBe('live');
    expect(promotionState(published, new Date('2026-07-04T07:00:00Z'))).toBe('ended');
  });

  it('keeps draft and unpublished whatever the time', () => {
    const during = new Date('2026-07-02T10:00:00Z');
    expect(promotionState(promotion('DRAFT'), during)).toBe('draft');
    expect(promotionState(promotion('UNPUBLISHED'), during)).toBe('unpublished');
  });
});

describe('promotionInterval', () => {
  it('prefers the instants the service resolved', () => {
    const { start } = promotionInterval({ ...promotion('DRAFT'), startsAtInstant: '2026-07-01T12:30:00Z' });
    expect(start.toISOString()).toBe('2026-07-01T12:30:00.000Z');
  });
});

describe('nextStateChange', () => {
  it('is the next start or end of a published promotion after now', () => {
    const published = promotion('PUBLISHED'); // 12:00Z .. 07:00Z three days later
    expect(nextStateChange([published], new Date('2026-07-01T11:00:00Z'))?.toISOString()).toBe('2026-07-01T12:00:00.000Z');
    expect(nextStateChange([published], new Date('2026-07-01T12:00:00Z'))?.toISOString()).toBe('2026-07-04T07:00:00.000Z');
    expect(nextStateChange([published], new Date('2026-07-04T07:00:00Z'))).toBeNull();
  });

  it('ignores drafts and unpublished promotions, whose state never changes with time', () => {
    expect(nextStateChange([promotion('DRAFT'), promotion('UNPUBLISHED')], new Date('2026-06-01T00:00:00Z'))).toBeNull();
  });
});

describe('withStates and byStart', () => {
  it('keeps the promotions in the chosen states, at the given now', () => {
    const all = [promotion('DRAFT'), { ...promotion('PUBLISHED'), id: 'p2' }];
    const before = new Date('2026-07-01T11:00:00Z');
    const during = new Date('2026-07-02T11:00:00Z');
    expect(withStates(all, new Set(['scheduled']), before).map((p) => p.id)).toEqual(['p2']);
    expect(withStates(all, new Set(['scheduled']), during)).toEqual([]);
    expect(withStates(all, new Set(['live', 'draft']), during).map((p) => p.id)).toEqual(['p1', 'p2']);
  });

  it('sorts by start instant, not by local text', () => {
    const tokyo = { ...promotion('DRAFT'), id: 'tokyo', timeZone: 'Asia/Tokyo', startsAt: '2026-07-01T18:00' }; // 09:00Z
    const berlin = { ...promotion('DRAFT'), id: 'berlin' }; // 12:00Z
    expect(byStart([berlin, tokyo]).map((p) => p.id)).toEqual(['tokyo', 'berlin']);
  });
});
