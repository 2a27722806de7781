import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { formatZonedDateTime } from '@/lib/format';
import { i18n } from '@/lib/i18n';
import en from '@/locales/en.json';
import de from '@/locales/de.json';
import { eventStream } from '@/testing/fake-api';
import { renderWithApp } from '@/testing/render';
import { createFakeInbox, fakeMessage, inHours } from '../testing/fake-inbox';
import { InboxMenu } from './inbox-menu';
import { InboxPage } from './inbox-page';

/** The fixed parts (between placeholders) of every English inbox string that German translates differently. */
function englishFragments(): string[] {
  const fragments: string[] = [];
  const walk = (english: unknown, german: unknown) => {
    if (typeof english === 'string') {
      if (english === german) return; // the same word in both languages ("Test")
      for (const part of english.split(/\{\{[^}]+\}\}/)) {
        const text = part.replace(/[“”„.:,()]/g, ' ').trim();
        if (text.length >= 3) fragments.push(text);
      }
      return;
    }
    for (const [key, value] of Object.entries(english as Record<string, unknown>)) walk(value, (german as Record<string, unknown>)[key]);
  };
  walk(en.inbox, de.inbox);
  return fragments;
}

/** Everything a reader sees or hears: text, and the names, labels and titles of elements. */
function everythingShown(root: HTMLElement): string {
  const labels = [...root.querySelectorAll('[aria-label], [title], [alt]')].flatMap((element) =>
    ['aria-label', 'title', 'alt'].map((name) => element.getAttribute(name) ?? ''),
  );
  return [root.textContent ?? '', ...labels].join('\n');
}

describe('Inbox in German', () => {
  beforeEach(() => void i18n.changeLanguage('de'));
  afterEach(() => void i18n.changeLanguage('en'));

  it('translates every label, and dates and prices follow German conventions', async () => {
    const ends = inHours(30);
    const stream = eventStream();
    const inbox = createFakeInbox(
      [
        fakeMessage('summer', { dayNumber: 1, expiresAt: ends, readAt: inHours(-3), body: 'Hallo, erster Tag' }),
        fakeMessage('summer', {
          dayNumber: 2,
          expiresAt: ends,
          test: true,
          body: 'Hallo, 20 % Rabatt',
          products: [{ sku: 'S1', name: 'Wanderschuh', priceCents: 12000, promoPriceCents: 9600, currency: 'EUR', imageUrl: null, url: 'http://shop.test/p/1' }],
        }),
        fakeMessage('winter', { readAt: inHours(-1), body: 'Warm durch den Winter' }),
      ],
      { stream: stream.response },
    );
    const { container } = renderWithApp(
      <>
        <InboxMenu />
        <Routes>
          <Route path="inbox/promotions/:promotionId" element={<InboxPage promotionId="summer" />} />
        </Routes>
      </>,
      { api: inbox.api, path: '/inbox/promotions/summer' },
    );
    stream.send('unread-count', { count: 1 });

    const views = screen.getByRole('navigation', { name: 'Ansichten' });
    expect(await within(views).findByRole('link', { name: 'Aktiv 2' })).toBeInTheDocument();
    for (const name of [/^Ungelesen/, /^Beendet/, /^Archiviert/]) expect(within(views).getByRole('link', { name })).toBeInTheDocument();
    expect(screen.getByRole('switch', { name: 'Aktionsnachrichten' })).toBeInTheDocument();

    const thread = await screen.findByRole('article', { name: 'Sale summer' });
    expect(within(thread).getByText(`Tag 2 von 3 · Endet ${formatZonedDateTime(ends, undefined, 'de')}`)).toBeInTheDocument();
    expect(within(thread).getByRole('button', { name: 'Archivieren' })).toBeInTheDocument();
    expect(within(thread).getByRole('button', { name: 'Als ungelesen markieren' })).toBeInTheDocument();
    expect(within(thread).getByRole('button', { name: 'Keine Nachrichten mehr zu dieser Aktion' })).toBeInTheDocument();
    expect(within(thread).getByRole('region', { name: 'Frühere Tage' })).toBeInTheDocument();
    const products = within(thread).getByRole('list', { name: 'Produkte dieser Aktion' });
    // German prices: decimal comma, the sign after the amount (Intl puts a no-break space between).
    expect(products).toHaveTextContent(/Regulärer Preis 120,00\s€/);
    expect(products).toHaveTextContent(/Aktionspreis 96,00\s€/);
    expect(within(products).getByRole('link', { name: 'Produkt ansehen Wanderschuh (öffnet in einem neuen Tab)' })).toBeInTheDocument();

    const list = screen.getByRole('navigation', { name: 'Nachrichten' });
    expect(await within(list).findByRole('button', { name: '„Sale winter“ archivieren' })).toBeInTheDocument();
    expect(within(list).getByRole('link', { name: /^Sale summer, Tag 2 von 3 · Endet / })).toBeInTheDocument();

    await userEvent.click(await screen.findByRole('button', { name: 'Posteingang, 1 ungelesen' }));
    const dialog = await screen.findByRole('dialog', { name: 'Posteingang' });
    await within(dialog).findAllByRole('link', { name: /^Sale/ });
    expect(within(dialog).getByRole('link', { name: 'Alle Nachrichten ansehen' })).toBeInTheDocument();

    // The admin's subject and body are left as written (here: German bodies); everything else is the UI's.
    const shown = everythingShown(container);
    const leftInEnglish = englishFragments().filter((fragment) => shown.includes(fragment));
    expect(leftInEnglish).toEqual([]);
  });
});
