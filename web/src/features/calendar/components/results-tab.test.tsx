import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { createFakeApi, json, problem } from '@/testing/fake-api';
import { renderWithApp } from '@/testing/render';
import { i18n } from '@/lib/i18n';
import type { DeliveryDay } from '../api/results-api';
import { RESULTS_REFRESH_MS } from '../hooks/use-promotion-results';
import { ResultsTab } from './results-tab';

const delivery = (day: string, dayNumber: number, overrides: Partial<DeliveryDay> = {}): DeliveryDay => ({
  day,
  dayNumber,
  fireAt: `${day}T08:00:00Z`,
  status: 'delivered',
  missing: false,
  reason: null,
  shards: 1,
  shardsReported: 1,
  recipients: 4,
  inserted: 4,
  duplicates: 0,
  refused: 0,
  suppressed: 0,
  startedAt: `${day}T08:00:02Z`,
  finishedAt: `${day}T08:00:05Z`,
  ...overrides,
});

const fakeResults = (stats: unknown[] = []) =>
  createFakeApi()
    .on('GET', '/api/promotions/p1/deliveries', () =>
      json({
        days: [
          delivery('2026-12-01', 1),
          delivery('2026-12-02', 2, { status: 'failed', reason: 'inbox unavailable (503)', recipients: 4, inserted: 1 }),
          delivery('2026-12-03', 3, { status: 'due', missing: true, shards: null, shardsReported: 0, recipients: 0, inserted: 0, startedAt: null, finishedAt: null }),
        ],
      }),
    )
    .on('GET', '/api/inbox/promotion-stats/p1', () =>
      json({
        days: stats.length
          ? stats
          : [
              { day: '2026-12-01', delivered: 4, read: 3, archived: 1, suppressed: 1 },
              { day: '2026-12-02', delivered: 1, read: 0, archived: 0, suppressed: 0 },
            ],
      }),
    );

const cells = (row: HTMLElement) => within(row).getAllByRole('cell').map((cell) => cell.textContent);

describe('ResultsTab', () => {
  afterEach(() => {
    vi.useRealTimers();
    return i18n.changeLanguage('en');
  });

  it('shows per day the delivery status beside delivered, read (with its rate), archived and suppressed', async () => {
    const api = fakeResults();
    renderWithApp(<ResultsTab promotionId="p1" />, { api });

    const table = await screen.findByRole('table', { name: /Per day: the job's delivery/ });
    const [, day1, day2, day3, total] = within(table).getAllByRole('row');
    expect(within(day1).getByRole('rowheader')).toHaveTextContent(/^Day 1Tue, (1 Dec|Dec 1),? 2026$/);
    expect(cells(day1)).toEqual([expect.stringMatching(/^✓ Delivered at \d\d?:\d\d( [AP]M)?4 recipients$/), '4', '3 (75%)', '1', '1']);
    expect(cells(day2)).toEqual(['✕ FailedReason: inbox unavailable (503)', '1', '0 (0%)', '0', '0']);
    // Due for longer than the grace period and no report: flagged, in words.
    expect(cells(day3)[0]).toMatch(/^⚠ Missing: no report from the job since (3 Dec|Dec 3), \d\d:\d\d( [AP]M)?$/);
    expect(cells(day3).slice(1)).toEqual(['0', '0', '0', '0']);
    expect(within(total).getByRole('rowheader')).toHaveTextContent('All days');
    expect(cells(total)).toEqual(['', '5', '3 (60%)', '1', '1']);
    expect(screen.getByRole('region', { name: /Per day/ })).toHaveAttribute('tabindex', '0');
  });

  it('asks both services again while it is open', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let read = 0;
    const api = createFakeApi()
      .on('GET', '/api/promotions/p1/deliveries', () => json({ days: [delivery('2026-12-01', 1)] }))
      .on('GET', '/api/inbox/promotion-stats/p1', () => json({ days: [{ day: '2026-12-01', delivered: 4, read: read++, archived: 0, suppressed: 0 }] }));
    renderWithApp(<ResultsTab promotionId="p1" />, { api });

    const row = () => within(screen.getByRole('table')).getAllByRole('row')[1];
    await waitFor(() => expect(cells(row())[2]).toBe('0 (0%)'));
    await vi.advanceTimersByTimeAsync(RESULTS_REFRESH_MS + 100);
    await waitFor(() => expect(cells(row())[2]).toBe('1 (25%)'));
    expect(api.callsTo('GET', '/api/promotions/p1/deliveries').length).toBeGreaterThanOrEqual(2);
  });

  it('still shows the delivery status when the inbox cannot answer', async () => {
    const api = createFakeApi()
      .on('GET', '/api/promotions/p1/deliveries', () => json({ days: [delivery('2026-12-01', 1, { status: 'running', shards: 4, shardsReported: 1 })] }))
      .on('GET', '/api/inbox/promotion-stats/p1', () => problem(503, { title: 'Service Unavailable', detail: 'The inbox is down.' }));
    renderWithApp(<ResultsTab promotionId="p1" />, { api });

    expect(await screen.findByRole('alert')).toHaveTextContent('Inbox counts unavailable: The inbox is down.');
    const row = within(screen.getByRole('table')).getAllByRole('row')[1];
    expect(cells(row)[0]).toBe('… Running: 1 of 4 parts reported4 recipients');
  });

  it('says when no day is due yet', async () => {
    const api = createFakeApi()
      .on('GET', '/api/promotions/p1/deliveries', () => json({ days: [] }))
      .on('GET', '/api/inbox/promotion-stats/p1', () => json({ days: [] }));
    renderWithApp(<ResultsTab promotionId="p1" />, { api });
    expect(await screen.findByText(/No day is due yet/)).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('reads in German', async () => {
    await i18n.changeLanguage('de');
    renderWithApp(<ResultsTab promotionId="p1" />, { api: fakeResults() });
    const table = await screen.findByRole('table', { name: /Pro Tag/ });
    expect(within(table).getAllByRole('columnheader').map((header) => header.textContent)).toEqual([
      'Tag',
      'Zustellung',
      'Zugestellt',
      'Gelesen',
      'Archiviert',
      'Unterdrückt',
    ]);
    const [, day1, day2] = within(table).getAllByRole('row');
    expect(within(day1).getByRole('rowheader')).toHaveTextContent(/^Tag 1Di\., 1\. Dez\. 2026$/);
    expect(cells(day1)[2]).toMatch(/^3 \(75\s%\)$/);
    expect(cells(day2)[0]).toBe('✕ FehlgeschlagenGrund: inbox unavailable (503)');
  });
});
