import { afterEach, describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import { createFakeApi, json, problem } from '@/testing/fake-api';
import { renderWithApp } from '@/testing/render';
import { i18n } from '@/lib/i18n';
import type { Preview } from '../api/promotions-api';
import { PreviewPanel } from './preview-panel';

/** Europe/Berlin, daily 02:30 across the last Sunday of March 2026 (02:00 → 03:00) — the engine's answer. */
const springForward: Preview = {
  timeZone: 'Europe/Berlin',
  start: { requested: '2026-03-28T02:30', instant: '2026-03-28T01:30:00Z', utcOffsetSeconds: 3600, resolution: 'EXACT' },
  end: { requested: '2026-03-31T00:00', instant: '2026-03-30T22:00:00Z', utcOffsetSeconds: 7200, resolution: 'EXACT' },
  occurrences: [
    { index: 0, day: '2026-03-28', fireAt: '2026-03-28T01:30:00Z', utcOffsetSeconds: 3600, localTime: '02:30', requestedTime: '02:30', resolution: 'EXACT' },
    { index: 1, day: '2026-03-29', fireAt: '2026-03-29T01:30:00Z', utcOffsetSeconds: 7200, localTime: '03:30', requestedTime: '02:30', resolution: 'GAP_MOVED_LATER' },
    { index: 2, day: '2026-03-30', fireAt: '2026-03-30T00:30:00Z', utcOffsetSeconds: 7200, localTime: '02:30', requestedTime: '02:30', resolution: 'EXACT' },
  ],
  sampleMessage: { subject: 'Spring', body: 'Hi' },
};

/** The last Sunday of October 2026 (03:00 → 02:00): 02:30 twice, the first (summer time) counts; the start too. */
const fallBack: Preview = {
  timeZone: 'Europe/Berlin',
  start: { requested: '2026-10-25T02:30', instant: '2026-10-25T00:30:00Z', utcOffsetSeconds: 7200, resolution: 'OVERLAP_EARLIER_OFFSET' },
  end: { requested: '2026-10-27T00:00', instant: '2026-10-26T23:00:00Z', utcOffsetSeconds: 3600, resolution: 'EXACT' },
  occurrences: [
    { index: 0, day: '2026-10-25', fireAt: '2026-10-25T00:30:00Z', utcOffsetSeconds: 7200, localTime: '02:30', requestedTime: '02:30', resolution: 'OVERLAP_EARLIER_OFFSET' },
    { index: 1, day: '2026-10-26', fireAt: '2026-10-26T01:30:00Z', utcOffsetSeconds: 3600, localTime: '02:30', requestedTime: '02:30', resolution: 'EXACT' },
  ],
};

function renderPreview(preview: Preview) {
  const api = createFakeApi().on('GET', '/api/promotions/p1/preview', () => json(preview));
  return renderWithApp(<PreviewPanel promotionId="p1" version={1} timeZone="Europe/Berlin" />, { api });
}

const texts = (row: HTMLElement) => within(row).getAllByRole('cell').map((cell) => cell.textContent);

describe('the preview’s zones and clock changes', () => {
  afterEach(() => i18n.changeLanguage('en'));

  it('shows each day in the promotion’s zone, the admin’s zone and UTC', async () => {
    renderPreview(springForward);
    const table = await screen.findByRole('table', { name: "Send times in the promotion's zone, your zone and UTC" });
    const yours = Intl.DateTimeFormat().resolvedOptions().timeZone;
    expect(within(table).getAllByRole('columnheader').map((header) => header.textContent)).toEqual([
      'Day',
      'Promotion: Europe/Berlin',
      `You: ${yours}`,
      'UTC',
    ]);
    const [, day1, day2, day3] = within(table).getAllByRole('row');
    expect(texts(day1)[0]).toMatch(/ 02:30 UTC\+01:00$/);
    expect(texts(day1)[2]).toMatch(/ 01:30$/);
    expect(texts(day2)[0]).toMatch(/ 03:30 UTC\+02:00$/);
    expect(texts(day2)[2]).toMatch(/ 01:30$/);
    expect(texts(day3)[0]).toMatch(/ 02:30 UTC\+02:00$/);
    expect(texts(day3)[2]).toMatch(/ 00:30$/);
  });

  it('explains a send time in the spring-forward gap in words, at its day', async () => {
    renderPreview(springForward);
    const note = await screen.findByText(/^Day 2 \(/);
    expect(note).toHaveTextContent(
      /^Day 2 \(Sun, (29 Mar|Mar 29),? 2026\): 02:30 does not exist in Europe\/Berlin because the clocks go forward that night, so the message goes out at 03:30 \(UTC\+02:00\) instead\.$/,
    );
    expect(screen.getByRole('rowheader', { name: /Day 2/ })).toHaveAccessibleDescription(note.textContent!);
    // Only that day: the day after keeps its time and offset.
    expect(screen.getByRole('heading', { name: 'Clock changes' })).toBeInTheDocument();
    expect(screen.getAllByRole('listitem').filter((item) => item.id.startsWith('zone-note'))).toHaveLength(1);
  });

  it('explains an overlap (the earlier offset) for the start and a day', async () => {
    renderPreview(fallBack);
    expect(await screen.findByText(/^The start, .*2026.*2:30.*, happens twice in Europe\/Berlin \(the clocks go back\): the earlier one counts \(UTC\+02:00\)\.$/)).toBeInTheDocument();
    expect(
      screen.getByText(/^Day 1 \(.*\): 02:30 happens twice in Europe\/Berlin because the clocks go back that night; the message goes out at the first one, 02:30 UTC\+02:00\.$/),
    ).toBeInTheDocument();
    // The day after runs on winter time: the same local time is an hour later in UTC.
    expect(screen.getByText(/^Day 2 \(.*\): the clocks in Europe\/Berlin changed since the day before \(UTC\+02:00 → UTC\+01:00\), so 02:30 local time is 01:30 UTC from this day on\.$/)).toBeInTheDocument();
  });

  it('explains the gap in German', async () => {
    await i18n.changeLanguage('de');
    renderPreview(springForward);
    expect(await screen.findByRole('table', { name: 'Sendezeiten in der Zone der Aktion, in Ihrer Zone und in UTC' })).toBeInTheDocument();
    expect(await screen.findByText(/^Tag 2 \(/)).toHaveTextContent(
      'Tag 2 (So., 29. März 2026): 02:30 gibt es in Europe/Berlin nicht, weil die Uhren in dieser Nacht vorgestellt werden; die Nachricht geht stattdessen um 03:30 (UTC+02:00) hinaus.',
    );
    expect(screen.getByRole('heading', { name: 'Zeitumstellungen' })).toBeInTheDocument();
  });

  it('still shows the three zones for a service without the zone fields', async () => {
    renderPreview({ occurrences: [{ index: 0, day: '2026-07-01', fireAt: '2026-07-01T07:00:00Z' }] });
    const table = await screen.findByRole('table');
    expect(texts(within(table).getAllByRole('row')[1])[0]).toMatch(/ 09:00 UTC\+02:00$/);
    expect(screen.queryByRole('heading', { name: 'Clock changes' })).not.toBeInTheDocument();
  });

  it('shows the days of a draft without products and asks for one instead of a message', async () => {
    renderPreview({ ...springForward, sampleMessage: undefined });
    const table = await screen.findByRole('table');
    expect(within(table).getAllByRole('row')).toHaveLength(1 + springForward.occurrences.length);
    expect(screen.getByText('Add a product to the package to see the daily messages.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Send me a test' })).not.toBeInTheDocument();
    expect(screen.queryByLabelText('Sample message')).not.toBeInTheDocument();
  });

  it('lists the field messages of a preview the engine refuses', async () => {
    const api = createFakeApi().on('GET', '/api/promotions/p1/preview', () =>
      problem(422, {
        title: 'Unprocessable Entity',
        detail: 'The promotion is not valid.',
        errors: [{ field: 'timeZone', message: 'timeZone is not a known time zone' }],
      }),
    );
    renderWithApp(<PreviewPanel promotionId="p1" version={1} timeZone="Europe/Berlin" />, { api });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('timeZone is not a known time zone');
  });
});
