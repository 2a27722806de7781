import { afterEach, describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import { i18n } from '@/lib/i18n';
import type { Promotion } from '../api/promotions-api';
import { CalendarLegend } from './calendar-legend';
import { toCalendarEvent } from './event-calendar';

describe('calendar state styling', () => {
  it('the legend names every state with its swatch', () => {
    render(<CalendarLegend />);
    const legend = screen.getByRole('list', { name: 'Legend' });
    const items = within(legend).getAllByRole('listitem');
    expect(items.map((item) => item.querySelector('.legend-label')?.textContent)).toEqual([
      'Draft',
      'Scheduled',
      'Live',
      'Ended',
      'Unpublished',
    ]);
    for (const [index, state] of ['draft', 'scheduled', 'live', 'ended', 'unpublished'].entries()) {
      expect(items[index].querySelector('.legend-swatch')).toHaveClass(`promo-state-${state}`);
    }
  });

  describe('in German', () => {
    afterEach(() => i18n.changeLanguage('en'));

    it('names the states and explains them in German', async () => {
      await i18n.changeLanguage('de');
      render(<CalendarLegend />);
      const legend = screen.getByRole('list', { name: 'Legende' });
      const items = within(legend).getAllByRole('listitem');
      expect(items.map((item) => item.querySelector('.legend-label')?.textContent)).toEqual([
        'Entwurf',
        'Geplant',
        'Läuft',
        'Beendet',
        'Zurückgezogen',
      ]);
      expect(items[0]).toHaveTextContent('Nicht veröffentlicht; sendet nichts');
    });
  });

  it('a promotion is drawn across its interval with its state class and zone', () => {
    const promotion: Promotion = {
      id: 'p1',
      version: 2,
      status: 'PUBLISHED',
      title: 'Winter',
      timeZone: 'America/New_York',
      startsAt: '2026-12-01T09:00',
      endsAt: '2026-12-05T00:00',
      package: { name: 'Pack', message: 'Hi', products: [] },
    };
    const now = new Date('2026-12-02T12:00:00Z');
    // Placed in its own zone (the default): bar and label read New York's wall clock.
    const event = toCalendarEvent(promotion, now, { readRate: 62 });
    expect(event.classNames).toEqual(['promo-event', 'promo-state-live']);
    expect([(event.start as Date).getDate(), (event.start as Date).getHours()]).toEqual([1, 9]);
    expect([(event.end as Date).getDate(), (event.end as Date).getHours()]).toEqual([5, 0]);
    expect(event.extendedProps).toEqual({ state: 'live', timeZone: 'America/New_York', localTimes: '09:00–00:00', overlapsWith: [], readRate: 62 });
    expect(event.startEditable).toBe(false);
    // Placed in the admin's zone: the instants, labelled in that zone.
    const inMine = toCalendarEvent(promotion, now, { zone: 'browser' });
    expect((inMine.start as Date).toISOString()).toBe('2026-12-01T14:00:00.000Z');
    expect((inMine.end as Date).toISOString()).toBe('2026-12-05T05:00:00.000Z');
    expect(inMine.extendedProps?.timeZone).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
    const draft = toCalendarEvent({ ...promotion, status: 'DRAFT' }, now);
    expect(draft.classNames).toContain('promo-state-draft');
    expect([draft.startEditable, draft.durationEditable]).toEqual([true, true]);
  });

  it('carries the titles of the promotions it overlaps with, each once', () => {
    const warning = (promotionTitle: string, promotionId: string) => ({
      code: 'OVERLAPPING_PROMOTION',
      message: `Overlaps in time with "${promotionTitle}"`,
      promotionId,
      promotionTitle,
      promotionStatus: 'PUBLISHED' as const,
      skus: ['SKU-1'],
    });
    const promotion: Promotion = {
      id: 'p1',
      version: 1,
      status: 'DRAFT',
      title: 'Winter',
      timeZone: 'UTC',
      startsAt: '2026-12-01T09:00',
      endsAt: '2026-12-05T00:00',
      package: { name: 'Pack', message: 'Hi', products: [] },
      warnings: [warning('Coffee Week', 'p2'), warning('Tea Days', 'p3'), warning('Coffee Week', 'p2')],
    };
    expect(toCalendarEvent(promotion).extendedProps?.overlapsWith).toEqual(['Coffee Week', 'Tea Days']);
  });
});
