import { afterEach, describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import { createFakeApi, json } from '@/testing/fake-api';
import { renderWithApp } from '@/testing/render';
import { i18n } from '@/lib/i18n';
import type { AuditEntry } from '../api/audit-api';
import { HistoryTab } from './history-tab';

const entry = (version: number, action: AuditEntry['action'], changes: AuditEntry['changes'], at: string): AuditEntry => ({
  promotionId: 'p1',
  version,
  action,
  actor: 'admin',
  at,
  changes,
});

const trail: AuditEntry[] = [
  entry(0, 'CREATED', [], '2026-11-30T09:00:00Z'),
  entry(1, 'UPDATED', null, '2026-11-30T09:05:00Z'),
  entry(
    2,
    'UPDATED',
    [
      { field: 'title', from: 'Winter sale', to: 'Winter deals' },
      { field: 'startsAt', from: '2026-12-01T09:00', to: '2026-12-02T09:00' },
      { field: 'package.discountPercent', from: 20, to: 25 },
      { field: 'dailySendTime', from: null, to: '10:00' },
      { field: 'package.products', from: null, to: 'SKU-2' },
      { field: 'package.products', from: 'SKU-1', to: null },
    ],
    '2026-11-30T10:00:00Z',
  ),
  entry(3, 'PUBLISHED', [{ field: 'status', from: 'DRAFT', to: 'PUBLISHED' }], '2026-11-30T11:00:00Z'),
  entry(
    4,
    'UNPUBLISHED',
    [
      { field: 'status', from: 'PUBLISHED', to: 'UNPUBLISHED' },
      { field: 'reason', from: null, to: 'The price was wrong' },
    ],
    '2026-11-30T12:00:00Z',
  ),
];

const changesOf = (item: HTMLElement) =>
  within(item)
    .queryAllByRole('listitem')
    .map((change) => change.textContent);

describe('HistoryTab', () => {
  afterEach(() => i18n.changeLanguage('en'));

  it('lists who did what and when, newest first, with what changed in words', async () => {
    const api = createFakeApi().on('GET', '/api/promotions/p1/audit', () => json(trail));
    renderWithApp(<HistoryTab promotionId="p1" />, { api });

    const list = await screen.findByRole('list', { name: 'History' });
    const entries = within(list).getAllByRole('listitem').filter((item) => item.parentElement === list);
    expect(entries.map((item) => item.querySelector('strong')?.textContent)).toEqual([
      'admin unpublished it',
      'admin published it',
      'admin saved changes',
      'admin saved changes',
      'admin created the draft',
    ]);
    expect(entries[0]).toHaveTextContent(/version 4/);
    expect(entries[0].querySelector('time')).toHaveAttribute('dateTime', '2026-11-30T12:00:00Z');
    expect(changesOf(entries[0])).toEqual(['Status: Published → Unpublished', 'Reason shown to customers: “The price was wrong”']);
    expect(changesOf(entries[1])).toEqual(['Status: Draft → Published']);
    const edited = changesOf(entries[2]);
    expect(edited[0]).toBe('Title: “Winter sale” → “Winter deals”');
    expect(edited[1]).toMatch(/^Starts: .*2026.*9:00.* → .*2026.*9:00.*$/);
    expect(edited.slice(2)).toEqual(['Discount (%): 20 % → 25 %', 'Daily send time set to “10:00”', 'Product SKU-2 added', 'Product SKU-1 removed']);
    expect(within(entries[3]).getByText('What changed was not recorded at the time.')).toBeInTheDocument();
    expect(changesOf(entries[4])).toEqual([]);
  });

  it('reads in German', async () => {
    await i18n.changeLanguage('de');
    const api = createFakeApi().on('GET', '/api/promotions/p1/audit', () => json(trail));
    renderWithApp(<HistoryTab promotionId="p1" />, { api });

    const list = await screen.findByRole('list', { name: 'Verlauf' });
    const entries = within(list).getAllByRole('listitem').filter((item) => item.parentElement === list);
    expect(entries[0].querySelector('strong')).toHaveTextContent('admin hat sie zurückgezogen');
    expect(entries[0]).toHaveTextContent(/Fassung 4/);
    expect(changesOf(entries[0])).toEqual(['Status: Veröffentlicht → Zurückgezogen', 'Begründung für die Kunden: „The price was wrong“']);
    expect(changesOf(entries[2])).toContain('Produkt SKU-2 hinzugefügt');
    expect(changesOf(entries[2])).toContain('Rabatt (%): 20 % → 25 %');
  });
});
