import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createFakeApi, eventStream, json, problem } from '@/testing/fake-api';
import { renderWithApp } from '@/testing/render';
import { createFakeInbox, fakeMessage } from '../testing/fake-inbox';
import { InboxMenu } from './inbox-menu';

function apiWithStream() {
  const stream = eventStream();
  const api = createFakeApi()
    .on('GET', '/api/inbox/unread-count/stream', () => stream.response)
    .on('GET', '/api/inbox/unread-count', () => json({ count: 0 }));
  return { api, stream };
}

describe('InboxMenu badge', () => {
  it('hides the badge at 0 and names the item just "Inbox"', async () => {
    const { api, stream } = apiWithStream();
    renderWithApp(<InboxMenu />, { api });
    stream.send('unread-count', { count: 0 });
    const button = await screen.findByRole('button', { name: 'Inbox' });
    expect(within(button).queryByTestId('unread-badge')).not.toBeInTheDocument();
  });

  it('shows the live count from the event stream and announces it', async () => {
    const { api, stream } = apiWithStream();
    renderWithApp(<InboxMenu />, { api });
    stream.send('unread-count', { count: 3 });
    const button = await screen.findByRole('button', { name: 'Inbox, 3 unread' });
    expect(within(button).getByTestId('unread-badge')).toHaveTextContent('3');
    expect(screen.getByRole('status')).toHaveTextContent('3 unread messages');

    stream.send('unread-count', { count: 1 });
    await screen.findByRole('button', { name: 'Inbox, 1 unread' });
    expect(screen.getByRole('status')).toHaveTextContent('1 unread message');
    expect(api.callsTo('GET', '/api/inbox/unread-count/stream')[0].headers.get('Authorization')).toBe('Bearer test-token');
  });

  it('shows "99+" beyond 99 while the accessible name keeps the number', async () => {
    const { api, stream } = apiWithStream();
    renderWithApp(<InboxMenu />, { api });
    stream.send('unread-count', { count: 150 });
    const button = await screen.findByRole('button', { name: 'Inbox, 150 unread' });
    expect(within(button).getByTestId('unread-badge')).toHaveTextContent('99+');
  });

  it('falls back to polling the count when the stream is unavailable', async () => {
    const api = createFakeApi()
      .on('GET', '/api/inbox/unread-count/stream', () => problem(503, { title: 'Service Unavailable' }))
      .on('GET', '/api/inbox/unread-count', () => json({ count: 7 }));
    renderWithApp(<InboxMenu />, { api });
    await screen.findByRole('button', { name: 'Inbox, 7 unread' });
    expect(api.callsTo('GET', '/api/inbox/unread-count').length).toBeGreaterThan(0);
  });
});

describe('InboxMenu dropdown', () => {
  function renderMenu() {
    const stream = eventStream();
    const inbox = createFakeInbox([fakeMessage('summer', { dayNumber: 2, body: 'A long body that is not the name' }), fakeMessage('winter', { readAt: new Date().toISOString() })], {
      stream: stream.response,
    });
    renderWithApp(
      <>
        <InboxMenu />
        <button type="button">Elsewhere</button>
      </>,
      { api: inbox.api },
    );
    stream.send('unread-count', { count: 1 });
    return inbox;
  }

  it('lists the current promotions, one row each, linking to the thread', async () => {
    const inbox = renderMenu();
    await userEvent.click(await screen.findByRole('button', { name: 'Inbox, 1 unread' }));
    const dialog = await screen.findByRole('dialog', { name: 'Inbox' });
    const link = await within(dialog).findByRole('link', { name: /^Sale summer, Day 2 of 3 · Ends / });
    expect(link).toHaveAttribute('href', '/inbox/promotions/summer');
    expect(link).toHaveAccessibleDescription('Unread');
    expect(within(dialog).getAllByRole('listitem')).toHaveLength(2);
    const call = inbox.api.callsTo('GET', '/api/inbox/messages')[0].url.searchParams;
    expect([call.get('view'), call.get('limit')]).toEqual(['active', '5']);
    expect(within(dialog).getByRole('link', { name: 'View all messages' })).toHaveAttribute('href', '/inbox');
  });

  it('keeps focus inside while open; Escape closes it and returns focus to the button', async () => {
    renderMenu();
    const button = await screen.findByRole('button', { name: 'Inbox, 1 unread' });
    await userEvent.click(button);
    const dialog = await screen.findByRole('dialog', { name: 'Inbox' });
    await within(dialog).findAllByRole('link', { name: /^Sale/ });
    expect(dialog).toHaveFocus();

    const markAll = within(dialog).getByRole('button', { name: 'Mark all read' });
    const viewAll = within(dialog).getByRole('link', { name: 'View all messages' });
    await userEvent.tab();
    expect(markAll).toHaveFocus();
    await userEvent.tab();
    await userEvent.tab();
    await userEvent.tab();
    expect(viewAll).toHaveFocus();
    await userEvent.tab();
    expect(markAll).toHaveFocus();
    await userEvent.tab({ shift: true });
    expect(viewAll).toHaveFocus();

    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(button).toHaveFocus();
    expect(button).toHaveAttribute('aria-expanded', 'false');
  });

  it('closes on a click outside', async () => {
    renderMenu();
    await userEvent.click(await screen.findByRole('button', { name: 'Inbox, 1 unread' }));
    await screen.findByRole('dialog', { name: 'Inbox' });
    await userEvent.click(screen.getByRole('button', { name: 'Elsewhere' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });

  it('marks all read from the dropdown', async () => {
    const inbox = renderMenu();
    await userEvent.click(await screen.findByRole('button', { name: 'Inbox, 1 unread' }));
    const dialog = await screen.findByRole('dialog', { name: 'Inbox' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Mark all read' }));
    await waitFor(() => expect(inbox.api.callsTo('POST', '/api/inbox/read-all')).toHaveLength(1));
    await waitFor(() => expect(within(dialog).getByRole('link', { name: /^Sale summer/ })).not.toHaveAccessibleDescription(/Unread/));
  });
});
