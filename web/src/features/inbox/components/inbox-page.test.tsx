import { describe, expect, it } from 'vitest';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes, useLocation, useParams } from 'react-router';
import { formatMoney, formatZonedDateTime } from '@/lib/format';
import { renderWithApp } from '@/testing/render';
import { createFakeInbox, fakeMessage, inHours } from '../testing/fake-inbox';
import { InboxMessageRedirect, InboxPage } from './inbox-page';

function Location() {
  const location = useLocation();
  return <output data-testid="location">{location.pathname + location.search}</output>;
}

/** Like the app: one element for the list and a thread, so the page (its toast, its focus) stays when a thread opens or closes. */
function PageRoute() {
  return <InboxPage promotionId={useParams().promotionId} />;
}

function MessageRoute() {
  return <InboxMessageRedirect messageId={useParams().messageId!} />;
}

function renderInbox(inbox: ReturnType<typeof createFakeInbox>, path = '/inbox', page = <PageRoute />) {
  const ui = (
    <>
      <Routes>
        <Route path="inbox" element={page} />
        <Route path="inbox/promotions/:promotionId" element={page} />
        <Route path="inbox/:messageId" element={<MessageRoute />} />
      </Routes>
      <Location />
    </>
  );
  return renderWithApp(ui, { api: inbox.api, path });
}

const list = () => screen.findByRole('navigation', { name: 'Messages' });
const location = () => screen.getByTestId('location').textContent;
const toastRegion = () => screen.getByRole('status', { name: 'Notifications' });

describe('InboxPage: one thread per promotion', () => {
  it('lists one row per promotion, titled by the UI: the subject as written, the day and the end in the reader’s zone', async () => {
    const ends = inHours(30);
    const inbox = createFakeInbox([
      fakeMessage('summer', { dayNumber: 1, expiresAt: ends, readAt: inHours(-5) }),
      fakeMessage('summer', { dayNumber: 2, expiresAt: ends, body: 'Second day: 20% off everything in the garden' }),
      fakeMessage('legacy', { dayNumber: null, dayCount: null, subject: 'Old style subject', readAt: inHours(-1) }),
    ]);
    renderInbox(inbox);

    const rows = await within(await list()).findAllByRole('listitem');
    expect(rows).toHaveLength(2);
    const summer = within(await list()).getByRole('link', { name: `Sale summer, Day 2 of 3 · Ends ${formatZonedDateTime(ends)}` });
    // The link is named by the title, not by the body; its state is its description.
    expect(summer).not.toHaveAccessibleName(/garden/);
    expect(summer).toHaveAccessibleDescription('Unread');
    expect(summer).toHaveAttribute('href', '/inbox/promotions/summer');
    expect(within(summer.closest('li')!).getByText('2 days')).toBeInTheDocument();
    // A message from before day numbers keeps its subject and gets no day part.
    const legacy = within(await list()).getByRole('link', { name: /^Old style subject, Ends / });
    expect(legacy).not.toHaveAccessibleName(/Day/);
    expect(legacy).not.toHaveAccessibleDescription(/Unread/);
  });

  it('opens a thread with all its days, newest first, and marks it read; the counts follow', async () => {
    const inbox = createFakeInbox([
      fakeMessage('summer', { dayNumber: 1, body: 'Day one text', readAt: inHours(-5) }),
      fakeMessage('summer', { dayNumber: 2, body: 'Day two text' }),
      fakeMessage('other', { readAt: inHours(-1) }),
    ]);
    renderInbox(inbox);
    expect(await screen.findByText('1 unread')).toBeInTheDocument();

    await userEvent.click(within(await list()).getByRole('link', { name: /^Sale summer/ }));
    const thread = await screen.findByRole('article', { name: 'Sale summer' });
    expect(location()).toBe('/inbox/promotions/summer');
    expect(within(thread).getByRole('heading', { level: 3, name: /Day 2 of 3/ })).toBeInTheDocument();
    expect(within(thread).getByText('Day two text')).toBeInTheDocument();
    // Older days are folded under "Earlier days" and open on demand.
    const earlier = within(thread).getByRole('region', { name: 'Earlier days' });
    await userEvent.click(within(earlier).getByText('Day 1 of 3'));
    expect(within(earlier).getByText('Day one text')).toBeVisible();

    const newest = inbox.messages.find((m) => m.body === 'Day two text')!;
    await waitFor(() => expect(inbox.api.callsTo('POST', `/api/inbox/messages/${newest.id}/read`)).toHaveLength(1));
    expect(await screen.findByText('All caught up')).toBeInTheDocument();
    await waitFor(() => expect(within(screen.getByRole('navigation', { name: 'Messages' })).getByRole('link', { name: /^Sale summer/ })).not.toHaveAccessibleDescription(/Unread/));
  });

  it('shows products with prices in the reader’s format', async () => {
    const inbox = createFakeInbox([
      fakeMessage('shoes', {
        products: [{ sku: 'SKU-1', name: 'Trail shoe', priceCents: 12000, promoPriceCents: 9600, currency: 'EUR', imageUrl: '/img/shoe.svg', url: 'http://shop.test/p/1' }],
      }),
    ]);
    renderInbox(inbox, '/inbox/promotions/shoes');
    const products = await screen.findByRole('list', { name: 'Products in this promotion' });
    expect(within(products).getByRole('heading', { name: 'Trail shoe' })).toBeInTheDocument();
    expect(within(products).getByRole('img', { name: 'Trail shoe' })).toHaveAttribute('src', '/img/shoe.svg');
    expect(within(products).getByText(formatMoney(12000, 'EUR'))).toBeInTheDocument();
    expect(within(products).getByText(formatMoney(9600, 'EUR'))).toBeInTheDocument();
    expect(within(products).getByRole('link', { name: /View product Trail shoe/ })).toHaveAttribute('href', 'http://shop.test/p/1');
  });

  it('opens a product of this shop in the same tab, naming the message (the app’s link rule)', async () => {
    const inbox = createFakeInbox([
      fakeMessage('shoes', { products: [{ sku: 'SKU-1', name: 'Trail shoe', priceCents: 12000, promoPriceCents: 9600, currency: 'EUR', url: 'http://app.test/products/SKU-1' }] }),
    ]);
    const productLink = (url: string | null | undefined, messageId: string) =>
      url ? { sameOrigin: true, href: `${new URL(url).pathname}?message=${messageId}` } : undefined;
    function WithProductLinks() {
      return <InboxPage promotionId={useParams().promotionId} productLink={productLink} />;
    }
    renderInbox(inbox, '/inbox/promotions/shoes', <WithProductLinks />);
    const products = await screen.findByRole('list', { name: 'Products in this promotion' });
    const link = within(products).getByRole('link', { name: 'View product Trail shoe' });
    expect(link).toHaveAttribute('href', `/products/SKU-1?message=${inbox.messages[0].id}`);
    expect(link).not.toHaveAttribute('target');
  });

  it('renders message text as text, never as HTML', async () => {
    const inbox = createFakeInbox([fakeMessage('x', { subject: '<b>Bold</b>', body: '<img src=x onerror="alert(1)">' })]);
    const { container } = renderInbox(inbox, '/inbox/promotions/x');
    expect(await screen.findByRole('heading', { level: 2, name: '<b>Bold</b>' })).toBeInTheDocument();
    expect(container.querySelector('img[src="x"]')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
    expect(screen.getAllByText('<img src=x onerror="alert(1)">').length).toBeGreaterThan(0);
  });

  it('has a Back link to the list it came from (the phone layout shows only the thread)', async () => {
    const inbox = createFakeInbox([fakeMessage('gone', { expiresAt: inHours(-2) })]);
    renderInbox(inbox, '/inbox/promotions/gone?view=ended');
    await screen.findByRole('article', { name: 'Sale gone' });
    await userEvent.click(screen.getByRole('link', { name: 'Back to messages' }));
    expect(location()).toBe('/inbox?view=ended');
    // Focus returns to the thread's row.
    await waitFor(() => expect(within(screen.getByRole('navigation', { name: 'Messages' })).getByRole('link', { name: /^Sale gone/ })).toHaveFocus());
  });

  it('says so when a thread is not (or no longer) the caller’s', async () => {
    renderInbox(createFakeInbox([]), '/inbox/promotions/someone-elses');
    expect(await screen.findByText('This promotion is no longer in your inbox.')).toBeInTheDocument();
  });

  it('opens the thread of an old link to one message', async () => {
    const message = fakeMessage('linked');
    renderInbox(createFakeInbox([message]), `/inbox/${message.id}`);
    expect(await screen.findByRole('article', { name: 'Sale linked' })).toBeInTheDocument();
    expect(location()).toBe('/inbox/promotions/linked');
  });
});

describe('InboxPage: views', () => {
  it('keeps the view in the address, with the service’s counts', async () => {
    const inbox = createFakeInbox([
      fakeMessage('a'),
      fakeMessage('b', { readAt: inHours(-1) }),
      fakeMessage('old', { expiresAt: inHours(-3) }),
      fakeMessage('gone', { archived: true }),
    ]);
    renderInbox(inbox);
    const views = screen.getByRole('navigation', { name: 'Views' });
    expect(await within(views).findByRole('link', { name: 'Active 2' })).toHaveAttribute('aria-current', 'page');
    expect(within(views).getByRole('link', { name: 'Unread 1' })).toHaveAttribute('href', '/inbox?view=unread');
    expect(within(views).getByRole('link', { name: 'Ended 1' })).toBeInTheDocument();
    expect(within(views).getByRole('link', { name: 'Archived 1' })).toBeInTheDocument();
    expect(inbox.api.callsTo('GET', '/api/inbox/messages')[0].url.searchParams.get('view')).toBe('active');

    await userEvent.click(within(views).getByRole('link', { name: 'Unread 1' }));
    expect(location()).toBe('/inbox?view=unread');
    await waitFor(() => expect(within(screen.getByRole('navigation', { name: 'Messages' })).getAllByRole('listitem')).toHaveLength(1));
    const unreadCall = inbox.api.callsTo('GET', '/api/inbox/messages').at(-1)!.url.searchParams;
    expect([unreadCall.get('view'), unreadCall.get('unread')]).toEqual(['active', 'true']);

    await userEvent.click(within(views).getByRole('link', { name: 'Ended 1' }));
    expect(await within(await list()).findByRole('link', { name: /^Sale old, Day 1 of 3 · Ended / })).toBeInTheDocument();
    expect(inbox.api.callsTo('GET', '/api/inbox/messages').at(-1)!.url.searchParams.get('view')).toBe('ended');
  });

  it('shows an empty state per view', async () => {
    renderInbox(createFakeInbox([]), '/inbox?view=archived');
    expect(await screen.findByRole('heading', { name: 'Nothing archived' })).toBeInTheDocument();
  });

  it('lists withdrawn offers under Ended, with the reason in the thread', async () => {
    const inbox = createFakeInbox([fakeMessage('pulled', { withdrawn: true, withdrawnReason: 'Out of stock' })]);
    renderInbox(inbox, '/inbox?view=ended');
    const row = await within(await list()).findByRole('link', { name: 'Sale pulled, Day 1 of 3 · Withdrawn' });
    expect(within(row.closest('li')!).getByText('Withdrawn', { selector: '.tag' })).toBeInTheDocument();
    await userEvent.click(row);
    expect(await screen.findByText('This offer was withdrawn')).toBeInTheDocument();
    expect(screen.getByText('Reason: Out of stock')).toBeInTheDocument();
  });

  it('tags an admin’s test message', async () => {
    renderInbox(createFakeInbox([fakeMessage('try', { test: true })]));
    const row = await within(await list()).findByRole('link', { name: /^Sale try/ });
    expect(within(row.closest('li')!).getByText('Test')).toBeInTheDocument();
    expect(row).toHaveAccessibleDescription('Unread, Test');
  });

  it('pages with the cursor', async () => {
    const inbox = createFakeInbox(Array.from({ length: 21 }, (_, i) => fakeMessage(`p${i}`, { readAt: inHours(-1), expiresAt: inHours(10 + i) })));
    renderInbox(inbox);
    await userEvent.click(await screen.findByRole('button', { name: 'Load more' }));
    expect(await within(await list()).findByRole('link', { name: /^Sale p20,/ })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
  });
});

describe('InboxPage: actions', () => {
  it('marks all read, and the count agrees', async () => {
    const inbox = createFakeInbox([fakeMessage('a'), fakeMessage('b')]);
    renderInbox(inbox);
    await screen.findByText('2 unread');
    await userEvent.click(screen.getByRole('button', { name: 'Mark all read' }));
    expect(await screen.findByText('All caught up')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Mark all read' })).toBeDisabled();
    expect(inbox.api.callsTo('POST', '/api/inbox/read-all')).toHaveLength(1);
    expect(inbox.api.callsTo('GET', '/api/inbox/counts').length).toBeGreaterThan(1);
  });

  it('archives from the list, and Undo restores', async () => {
    const inbox = createFakeInbox([fakeMessage('a', { readAt: inHours(-1) }), fakeMessage('b', { readAt: inHours(-1) })]);
    renderInbox(inbox);
    await userEvent.click(await screen.findByRole('button', { name: 'Archive “Sale a”' }));
    await waitFor(() => expect(screen.queryByRole('link', { name: /^Sale a,/ })).not.toBeInTheDocument());
    const toast = toastRegion();
    expect(toast).toHaveTextContent('Archived “Sale a”.');
    const undo = within(toast).getByRole('button', { name: 'Undo' });
    expect(undo).toHaveFocus();
    expect(await screen.findByRole('link', { name: 'Archived 1' })).toBeInTheDocument();

    await userEvent.click(undo);
    expect(await within(await list()).findByRole('link', { name: /^Sale a,/ })).toBeInTheDocument();
    const id = inbox.messages.find((m) => m.promotionId === 'a')!.id;
    expect(inbox.api.callsTo('POST', `/api/inbox/messages/${id}/restore`)).toHaveLength(1);
    expect(await screen.findByRole('link', { name: 'Archived 0' })).toBeInTheDocument();
  });

  it('archives from the thread (back to the list) and restores from Archived', async () => {
    const inbox = createFakeInbox([fakeMessage('a', { readAt: inHours(-1) })]);
    renderInbox(inbox, '/inbox/promotions/a');
    const thread = await screen.findByRole('article', { name: 'Sale a' });
    await userEvent.click(within(thread).getByRole('button', { name: 'Archive' }));
    await waitFor(() => expect(location()).toBe('/inbox'));
    expect(await within(toastRegion()).findByText('Archived “Sale a”.')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('link', { name: /^Archived/ }));
    await userEvent.click(await screen.findByRole('button', { name: 'Restore “Sale a”' }));
    expect(await screen.findByRole('heading', { name: 'Nothing archived' })).toBeInTheDocument();
    expect(await within(toastRegion()).findByText('Restored “Sale a”.')).toBeInTheDocument();
    expect(inbox.messages[0].archived).toBe(false);
  });

  it('marks a thread unread from the thread and from the list', async () => {
    const inbox = createFakeInbox([fakeMessage('a', { readAt: inHours(-1) })]);
    const id = inbox.messages[0].id;
    renderInbox(inbox, '/inbox/promotions/a');
    const thread = await screen.findByRole('article', { name: 'Sale a' });
    await userEvent.click(within(thread).getByRole('button', { name: 'Mark unread' }));
    await waitFor(() => expect(location()).toBe('/inbox'));
    expect(inbox.api.callsTo('POST', `/api/inbox/messages/${id}/unread`)).toHaveLength(1);
    expect(await screen.findByText('1 unread')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Mark “Sale a” read' }));
    expect(await screen.findByText('All caught up')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Mark “Sale a” unread' }));
    expect(await screen.findByText('1 unread')).toBeInTheDocument();
  });

  it('stops and resumes messages about one promotion', async () => {
    const inbox = createFakeInbox([fakeMessage('a', { readAt: inHours(-1) })]);
    renderInbox(inbox);
    await userEvent.click(await within(await list()).findByRole('link', { name: /^Sale a,/ }));
    const thread = await screen.findByRole('article', { name: 'Sale a' });
    await userEvent.click(within(thread).getByRole('button', { name: 'Stop messages about this promotion' }));
    expect(await within(thread).findByText('You get no more messages about this promotion.')).toBeInTheDocument();
    expect(inbox.api.callsTo('PUT', '/api/inbox/promotions/a/mute')).toHaveLength(1);
    expect(await within(await list()).findByRole('link', { name: /^Sale a,/, description: 'Muted' })).toBeInTheDocument();

    await userEvent.click(within(thread).getByRole('button', { name: 'Resume messages about this promotion' }));
    await waitFor(() => expect(inbox.api.callsTo('DELETE', '/api/inbox/promotions/a/mute')).toHaveLength(1));
    expect(within(thread).queryByText('You get no more messages about this promotion.')).not.toBeInTheDocument();
  });

  it('switches all promotion messages off and on', async () => {
    const inbox = createFakeInbox([]);
    renderInbox(inbox);
    const toggle = await screen.findByRole('switch', { name: 'Promotion messages' });
    await waitFor(() => expect(toggle).toBeEnabled());
    expect(toggle).toBeChecked();
    expect(toggle).toHaveAccessibleDescription('You get a message on each day of a promotion.');
    await userEvent.click(toggle);
    await waitFor(() => expect(toggle).not.toBeChecked());
    expect(inbox.api.callsTo('PUT', '/api/inbox/preferences')[0].body).toEqual({ promotionMessages: false });
    expect(toggle).toHaveAccessibleDescription('Paused: no new promotion messages arrive.');
  });

  it('the undo toast closes by itself', async () => {
    const inbox = createFakeInbox([fakeMessage('a', { readAt: inHours(-1) })]);
    renderInbox(inbox);
    await userEvent.click(await screen.findByRole('button', { name: 'Archive “Sale a”' }));
    expect(await screen.findByRole('button', { name: 'Undo' })).toBeInTheDocument();
    // Focus is on Undo, which holds the toast open; moving away lets it go.
    await act(async () => screen.getByRole('heading', { level: 1 }).focus());
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Undo' })).not.toBeInTheDocument(), { timeout: 10_000 });
  });
});
