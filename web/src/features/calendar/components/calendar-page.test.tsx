import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createFakeApi, json } from '@/testing/fake-api';
import { renderWithApp } from '@/testing/render';
import { i18n } from '@/lib/i18n';
import type { Promotion } from '../api/promotions-api';
import { CalendarPage } from './calendar-page';

const iso = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();
const HOUR = 3_600_000;

const promotion = (id: string, title: string, overrides: Partial<Promotion> = {}): Promotion => ({
  id,
  version: 1,
  status: 'DRAFT',
  title,
  timeZone: 'UTC',
  startsAt: iso(HOUR).slice(0, 16),
  endsAt: iso(3 * HOUR).slice(0, 16),
  startsAtInstant: iso(HOUR),
  endsAtInstant: iso(3 * HOUR),
  dailySendTime: null,
  package: { name: 'Pack', discountPercent: 20, message: 'Hi', products: [] },
  ...overrides,
});

function stack(promotions: Promotion[]) {
  return createFakeApi()
    .on('GET', '/api/promotions', () => json(promotions))
    .on('GET', /^\/api\/promotions\/[^/]+$/, ({ url }) => json(promotions.find((p) => url.pathname.endsWith(`/${p.id}`))))
    .on('GET', /\/preview$/, () => json({ occurrences: [], sampleMessage: { subject: 's', body: 'b' } }));
}

async function openListView() {
  await userEvent.click(screen.getByRole('button', { name: 'List' }));
  return screen.findByRole('list', { name: 'Promotions by start' });
}

describe('CalendarPage', () => {
  describe('unsaved changes', () => {
    it('asks before Escape or × throw edits away, and keeps editing on Cancel', async () => {
      renderWithApp(<CalendarPage />, { api: stack([]) });
      await userEvent.click(screen.getByRole('button', { name: 'New promotion' }));
      const editor = screen.getByRole('dialog', { name: 'New promotion' });
      await userEvent.type(await within(editor).findByLabelText('Title'), 'Half-typed');

      await userEvent.keyboard('{Escape}');
      const question = await screen.findByRole('alertdialog', { name: 'Discard unsaved changes?' });
      await userEvent.click(within(question).getByRole('button', { name: 'Cancel' }));
      expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
      expect(screen.getByLabelText('Title')).toHaveValue('Half-typed');

      await userEvent.click(screen.getByRole('button', { name: 'Close editor' }));
      await userEvent.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Discard changes' }));
      await waitFor(() => expect(screen.queryByRole('dialog', { name: 'New promotion' })).not.toBeInTheDocument());
    });

    it('closes a clean editor at once', async () => {
      renderWithApp(<CalendarPage />, { api: stack([]) });
      await userEvent.click(screen.getByRole('button', { name: 'New promotion' }));
      await userEvent.click(screen.getByRole('button', { name: 'Close editor' }));
      expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
      expect(screen.queryByRole('dialog', { name: 'New promotion' })).not.toBeInTheDocument();
    });

    it('asks before a click outside the editor closes it', async () => {
      renderWithApp(<CalendarPage />, { api: stack([]) });
      await userEvent.click(screen.getByRole('button', { name: 'New promotion' }));
      await userEvent.type(await screen.findByLabelText('Title'), 'x');
      await userEvent.click(screen.getByRole('heading', { level: 1, name: 'Event Calendar' }));
      expect(await screen.findByRole('alertdialog', { name: 'Discard unsaved changes?' })).toBeInTheDocument();
      expect(screen.getByRole('dialog', { name: 'New promotion' })).toBeInTheDocument();
    });

    it('asks before switching to another promotion, then opens it', async () => {
      const api = stack([promotion('p1', 'Spring sale'), promotion('p2', 'Autumn sale', { startsAtInstant: iso(2 * HOUR) })]);
      renderWithApp(<CalendarPage />, { api });
      const list = await openListView();
      await userEvent.click(await within(list).findByRole('button', { name: /Spring sale/ }));
      const title = await screen.findByLabelText('Title');
      await waitFor(() => expect(title).toHaveValue('Spring sale'));
      await userEvent.type(title, ' (edited)');

      await userEvent.click(within(list).getByRole('button', { name: /Autumn sale/ }));
      const question = await screen.findByRole('alertdialog', { name: 'Discard unsaved changes?' });
      expect(screen.getByLabelText('Title')).toHaveValue('Spring sale (edited)');
      await userEvent.click(within(question).getByRole('button', { name: 'Discard changes' }));
      await waitFor(() => expect(screen.getByLabelText('Title')).toHaveValue('Autumn sale'));
    });
  });

  describe('list view and state filter', () => {
    it('lists the period by start with state and overlap, filtered by the chips', async () => {
      const overlap = {
        code: 'OVERLAPPING_PROMOTION',
        message: 'Overlaps',
        promotionId: 'p1',
        promotionTitle: 'Draft deals',
        promotionStatus: 'DRAFT' as const,
        skus: ['SKU-1'],
      };
      const api = stack([
        promotion('p2', 'Later live', { status: 'PUBLISHED', startsAtInstant: iso(-HOUR), warnings: [overlap] }),
        promotion('p1', 'Draft deals', { startsAtInstant: iso(-2 * HOUR) }),
      ]);
      renderWithApp(<CalendarPage />, { api });
      const list = await openListView();
      await within(list).findByRole('button', { name: /Later live/ });
      const rows = within(list).getAllByRole('button');
      expect(rows.map((row) => row.textContent)).toEqual([expect.stringMatching(/^DraftDraft deals/), expect.stringMatching(/^LiveLater live/)]);
      expect(rows[1]).toHaveAccessibleName(/overlaps with Draft deals/);

      const filter = screen.getByRole('group', { name: 'Show states' });
      await userEvent.click(within(filter).getByRole('button', { name: /Draft/ }));
      expect(within(filter).getByRole('button', { name: /Draft/ })).toHaveAttribute('aria-pressed', 'false');
      await waitFor(() => expect(within(list).getAllByRole('button')).toHaveLength(1));
      expect(within(list).getByRole('button')).toHaveAccessibleName(/^Live Later live/);
    });

    it('turns a scheduled promotion live at its start, without a reload', { timeout: 10_000 }, async () => {
      const api = stack([promotion('p1', 'Starting now', { status: 'PUBLISHED', startsAtInstant: iso(2500) })]);
      renderWithApp(<CalendarPage />, { api });
      const list = await openListView();
      const row = await within(list).findByRole('button', { name: /Starting now/ });
      expect(row).toHaveTextContent(/^Scheduled/);
      const loads = api.callsTo('GET', '/api/promotions').length;
      await waitFor(() => expect(row).toHaveTextContent(/^Live/), { timeout: 6000 });
      expect(api.callsTo('GET', '/api/promotions')).toHaveLength(loads); // the clock, not a refetch
    });
  });

  describe('search', () => {
    const hits = [
      promotion('s1', 'Coffee week 2025', { status: 'PUBLISHED', startsAtInstant: iso(-400 * 24 * HOUR), endsAtInstant: iso(-390 * 24 * HOUR) }),
      promotion('s2', 'Coffee week draft', { timeZone: 'America/New_York', startsAt: '2027-05-03T09:00', endsAt: '2027-05-08T00:00', startsAtInstant: '2027-05-03T13:00:00Z', endsAtInstant: '2027-05-08T04:00:00Z' }),
    ];

    it('finds by title or SKU across all time once typing pauses, within the shown states; a hit opens its editor', async () => {
      const api = stack(hits).on('GET', '/api/promotions/search', ({ url }) =>
        json({ items: url.searchParams.get('q') === 'coffee' ? hits : [], nextCursor: null }),
      );
      renderWithApp(<CalendarPage />, { api });
      const search = screen.getByRole('search', { name: 'Search promotions' });
      await userEvent.type(within(search).getByRole('searchbox', { name: 'Search promotions' }), 'coffee');
      const results = await within(search).findByRole('list', { name: 'Search results' });
      // One request for the settled text, not one per key.
      expect(api.callsTo('GET', '/api/promotions/search')).toHaveLength(1);
      expect(within(search).getByRole('status')).toHaveTextContent('2 promotions found');
      const buttons = within(results).getAllByRole('button');
      expect(buttons.map((button) => button.textContent)).toEqual([
        expect.stringMatching(/^EndedCoffee week 2025/),
        expect.stringMatching(/^DraftCoffee week draft.*America\/New_York/),
      ]);

      // The state chips narrow the hits; one state alone is asked of the service.
      const filter = screen.getByRole('group', { name: 'Show states' });
      await userEvent.click(within(filter).getByRole('button', { name: /Ended/ }));
      await waitFor(() => expect(within(results).getAllByRole('button')).toHaveLength(1));
      for (const state of ['Scheduled', 'Live', 'Unpublished']) await userEvent.click(within(filter).getByRole('button', { name: new RegExp(state) }));
      await waitFor(() =>
        expect(api.callsTo('GET', '/api/promotions/search').at(-1)?.url.searchParams.get('status')).toBe('DRAFT'),
      );

      await userEvent.click(within(await within(search).findByRole('list', { name: 'Search results' })).getByRole('button', { name: /Coffee week draft/ }));
      const editor = await screen.findByRole('dialog', { name: 'Edit promotion' });
      await waitFor(() => expect(within(editor).getByLabelText('Title')).toHaveValue('Coffee week draft'));
    });

    it('is used from the keyboard: ↓ to the hits, ↑/↓ between them, Escape clears', async () => {
      const api = stack(hits).on('GET', '/api/promotions/search', () => json({ items: hits, nextCursor: 'next' }));
      renderWithApp(<CalendarPage />, { api });
      const box = screen.getByRole('searchbox', { name: 'Search promotions' });
      await userEvent.type(box, 'week');
      const results = await screen.findByRole('list', { name: 'Search results' });
      expect(screen.getByRole('button', { name: 'Show more' })).toBeInTheDocument();
      await userEvent.keyboard('{ArrowDown}');
      const [first, second] = within(results).getAllByRole('button');
      expect(first).toHaveFocus();
      await userEvent.keyboard('{ArrowDown}');
      expect(second).toHaveFocus();
      await userEvent.keyboard('{ArrowUp}{ArrowUp}');
      expect(box).toHaveFocus();
      await userEvent.keyboard('{ArrowDown}{Escape}');
      expect(box).toHaveValue('');
      expect(box).toHaveFocus();
      await waitFor(() => expect(screen.queryByRole('list', { name: 'Search results' })).not.toBeInTheDocument());
    });
  });

  describe('placement zone and results', () => {
    afterEach(() => window.localStorage.clear());

    it('writes times in each promotion’s zone or the admin’s, and remembers the choice', async () => {
      const api = stack([
        promotion('z1', 'New York morning', {
          timeZone: 'America/New_York',
          startsAt: iso(HOUR).slice(0, 11) + '09:00',
          endsAt: iso(HOUR).slice(0, 11) + '11:00',
        }),
      ]);
      const view = renderWithApp(<CalendarPage />, { api });
      const list = await openListView();
      const row = await within(list).findByRole('button', { name: /New York morning/ });
      expect(row).toHaveTextContent('(America/New_York)');

      const zone = screen.getByRole('combobox', { name: 'Times in' });
      const mine = Intl.DateTimeFormat().resolvedOptions().timeZone;
      await userEvent.selectOptions(zone, `My zone (${mine})`);
      await waitFor(() => expect(within(list).getByRole('button', { name: /New York morning/ })).toHaveTextContent(`(${mine})`));
      view.unmount();

      renderWithApp(<CalendarPage />, { api });
      expect(screen.getByRole('combobox', { name: 'Times in' })).toHaveValue('browser');
    });

    it('shows how many read a published promotion that has started, asking only for those', async () => {
      const api = stack([
        promotion('r1', 'Running', { status: 'PUBLISHED', startsAtInstant: iso(-48 * HOUR), endsAtInstant: iso(48 * HOUR) }),
        promotion('r2', 'Upcoming', { status: 'PUBLISHED' }),
        promotion('r3', 'Sketch'),
      ]).on('GET', /^\/api\/inbox\/promotion-stats\//, () =>
        json({
          days: [
            { day: '2026-11-29', delivered: 40, read: 30, archived: 2, suppressed: 1 },
            { day: '2026-11-30', delivered: 60, read: 32, archived: 0, suppressed: 0 },
          ],
        }),
      );
      renderWithApp(<CalendarPage />, { api });
      const list = await openListView();
      await waitFor(() => expect(within(list).getByRole('button', { name: /Running/ })).toHaveTextContent('62 % read'));
      expect(within(list).getByRole('button', { name: /Upcoming/ })).not.toHaveTextContent('% read');
      expect(api.calls.filter((call) => call.url.pathname.startsWith('/api/inbox/')).map((call) => call.url.pathname)).toEqual([
        '/api/inbox/promotion-stats/r1',
      ]);
    });
  });

  it('speaks German in the search, the zone switch and the drag hint', async () => {
    await i18n.changeLanguage('de');
    try {
      renderWithApp(<CalendarPage />, { api: stack([]) });
      expect(screen.getByRole('search', { name: 'Aktionen suchen' })).toBeInTheDocument();
      expect(screen.getByRole('searchbox', { name: 'Aktionen suchen' })).toHaveAttribute('placeholder', 'Titel oder SKU, alle Daten');
      const zone = screen.getByRole('combobox', { name: 'Zeiten in' });
      expect(within(zone).getAllByRole('option').map((option) => option.textContent)).toEqual([
        'Zeitzone der jeweiligen Aktion',
        `Meine Zeitzone (${Intl.DateTimeFormat().resolvedOptions().timeZone})`,
      ]);
      expect(screen.getByText(/^Einen Entwurf oder eine noch nicht begonnene Aktion ziehen/)).toBeInTheDocument();
      expect(screen.getByRole('status', { name: 'Änderungen im Kalender' })).toBeInTheDocument();
    } finally {
      await i18n.changeLanguage('en');
    }
  });
});
