import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createFakeApi, json, noContent, type FakeApi } from '@/testing/fake-api';
import { renderWithApp } from '@/testing/render';
import { InboxPage } from './inbox-page';
import { useParams } from 'react-router';

const future = new Date(Date.now() + 3 * 86_400_000).toISOString();
const past = new Date(Date.now() - 86_400_000).toISOString();

const message = (id: string, overrides: Record<string, unknown> = {}) => ({
  id,
  subject: `Subject ${id}`,
  body: `Body of ${id}`,
  products: [],
  readAt: null,
  createdAt: new Date().toISOString(),
  expiresAt: future,
  ...overrides,
});

function RoutedInbox() {
  const { messageId } = useParams();
  return <InboxPage selectedId={messageId} />;
}

function renderInbox(api: FakeApi, path = '/inbox') {
  return renderWithApp(<RoutedInbox />, { api, path, route: '/inbox/:messageId?' });
}

describe('InboxPage', () => {
  it('shows an empty state', async () => {
    const api = createFakeApi().on('GET', '/api/inbox/messages', () => json({ items: [], nextCursor: null }));
    renderInbox(api);
    expect(await screen.findByRole('heading', { name: 'Your inbox is empty' })).toBeInTheDocument();
  });

  it('marks unread messages and an ended promotion', async () => {
    const api = createFakeApi().on('GET', '/api/inbox/messages', () =>
      json({ items: [message('m1'), message('m2', { readAt: past, expiresAt: past })], nextCursor: null }),
    );
    renderInbox(api);
    const list = await screen.findByRole('navigation', { name: 'Messages' });
    const unread = within(list).getByRole('link', { name: /Unread: Subject m1/ });
    expect(unread.closest('li')).toHaveClass('is-unread');
    const read = within(list).getByRole('link', { name: /Subject m2/ });
    expect(read).not.toHaveAccessibleName(/Unread/);
    expect(within(read).getByText('Ended')).toBeInTheDocument();
    expect(screen.getByText('1 unread')).toBeInTheDocument();
  });

  it('opening a message marks it read and shows its products with prices', async () => {
    const api = createFakeApi()
      .on('GET', '/api/inbox/messages', () =>
        json({
          items: [
            message('m1', {
              body: 'Hi Alice, 20% off!',
              products: [
                { sku: 'SKU-1', name: 'Trail shoe', priceCents: 12000, promoPriceCents: 9600, currency: 'EUR', imageUrl: '/img/shoe.svg', url: 'http://shop.test/p/1' },
              ],
            }),
          ],
          nextCursor: null,
        }),
      )
      .on('POST', '/api/inbox/messages/m1/read', () => noContent())
      .on('GET', '/api/inbox/unread-count', () => json({ count: 0 }));
    renderInbox(api, '/inbox/m1');

    expect(await screen.findByRole('heading', { level: 2, name: 'Subject m1' })).toBeInTheDocument();
    await waitFor(() => expect(api.callsTo('POST', '/api/inbox/messages/m1/read')).toHaveLength(1));
    const euro = (cents: number) => new Intl.NumberFormat(undefined, { style: 'currency', currency: 'EUR' }).format(cents / 100);
    const products = screen.getByRole('region', { name: 'Products in this promotion' });
    expect(within(products).getByRole('heading', { name: 'Trail shoe' })).toBeInTheDocument();
    expect(within(products).getByRole('img', { name: 'Trail shoe' })).toHaveAttribute('src', '/img/shoe.svg');
    expect(within(products).getByText(euro(12000))).toBeInTheDocument();
    expect(within(products).getByText(euro(9600))).toBeInTheDocument();
    expect(within(products).getByRole('link', { name: /View product Trail shoe/ })).toHaveAttribute('href', 'http://shop.test/p/1');
    await waitFor(() =>
      expect(within(screen.getByRole('navigation', { name: 'Messages' })).getByRole('link', { name: /Subject m1/ })).not.toHaveAccessibleName(/Unread/),
    );
  });

  it('renders message text as text, never as HTML', async () => {
    const api = createFakeApi()
      .on('GET', '/api/inbox/messages', () =>
        json({ items: [message('m1', { subject: '<b>Bold</b>', body: '<img src=x onerror="alert(1)">' })], nextCursor: null }),
      )
      .on('POST', '/api/inbox/messages/m1/read', () => noContent())
      .on('GET', '/api/inbox/unread-count', () => json({ count: 0 }));
    const { container } = renderInbox(api, '/inbox/m1');
    expect(await screen.findByRole('heading', { level: 2, name: '<b>Bold</b>' })).toBeInTheDocument();
    expect(container.querySelector('img[src="x"]')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
    expect(screen.getAllByText('<img src=x onerror="alert(1)">').length).toBeGreaterThan(0);
  });

  it('marks all read', async () => {
    const api = createFakeApi()
      .on('GET', '/api/inbox/messages', () => json({ items: [message('m1'), message('m2')], nextCursor: null }))
      .on('POST', '/api/inbox/read-all', () => noContent())
      .on('GET', '/api/inbox/unread-count', () => json({ count: 0 }));
    renderInbox(api);
    await screen.findByText('2 unread');
    await userEvent.click(screen.getByRole('button', { name: 'Mark all read' }));
    expect(await screen.findByText('All caught up')).toBeInTheDocument();
    expect(api.callsTo('POST', '/api/inbox/read-all')).toHaveLength(1);
  });

  it('archives a message', async () => {
    const api = createFakeApi()
      .on('GET', '/api/inbox/messages', () => json({ items: [message('m1', { readAt: past }), message('m2', { readAt: past })], nextCursor: null }))
      .on('DELETE', '/api/inbox/messages/m1', () => noContent())
      .on('GET', '/api/inbox/unread-count', () => json({ count: 0 }));
    renderInbox(api, '/inbox/m1');
    await userEvent.click(await screen.findByRole('button', { name: 'Archive' }));
    await waitFor(() => expect(screen.queryByRole('link', { name: /Subject m1/ })).not.toBeInTheDocument());
    expect(screen.getByRole('link', { name: /Subject m2/ })).toBeInTheDocument();
  });

  it('pages with the cursor', async () => {
    const api = createFakeApi().on('GET', '/api/inbox/messages', ({ url }) =>
      url.searchParams.get('cursor') === 'c2'
        ? json({ items: [message('m3', { readAt: past })], nextCursor: null })
        : json({ items: [message('m1', { readAt: past }), message('m2', { readAt: past })], nextCursor: 'c2' }),
    );
    renderInbox(api);
    await userEvent.click(await screen.findByRole('button', { name: 'Load older messages' }));
    expect(await screen.findByRole('link', { name: /Subject m3/ })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Load older messages' })).not.toBeInTheDocument();
  });

  it('opens a linked message beyond the loaded pages', async () => {
    const api = createFakeApi()
      .on('GET', '/api/inbox/messages', () => json({ items: [message('m1', { readAt: past })], nextCursor: 'c2' }))
      .on('GET', '/api/inbox/messages/m9', () => json(message('m9', { readAt: past })));
    renderInbox(api, '/inbox/m9');
    expect(await screen.findByRole('heading', { level: 2, name: 'Subject m9' })).toBeInTheDocument();
  });

  it('says so when a linked message is not (or no longer) the caller’s', async () => {
    const api = createFakeApi().on('GET', '/api/inbox/messages', () => json({ items: [message('m1', { readAt: past })], nextCursor: null }));
    renderInbox(api, '/inbox/someone-elses');
    expect(await screen.findByText('This message is no longer in your inbox.')).toBeInTheDocument();
  });
});
