import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createFakeApi, eventStream, json, problem } from '@/testing/fake-api';
import { renderWithApp } from '@/testing/render';
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

    stream.send('unread-count', { count: 2 });
    await screen.findByRole('button', { name: 'Inbox, 2 unread' });
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

  it('opens a dropdown with the latest messages', async () => {
    const { api, stream } = apiWithStream();
    api.on('GET', '/api/inbox/messages', () =>
      json({
        items: [{ id: 'm1', subject: 'Summer sale, day 1', body: 'Hi Alice', products: [], readAt: null, createdAt: new Date().toISOString() }],
        nextCursor: null,
      }),
    );
    renderWithApp(<InboxMenu />, { api });
    stream.send('unread-count', { count: 1 });
    await userEvent.click(await screen.findByRole('button', { name: 'Inbox, 1 unread' }));
    const region = await screen.findByRole('region', { name: 'Latest messages' });
    expect(await within(region).findByRole('link', { name: /Unread: Summer sale, day 1/ })).toHaveAttribute('href', '/inbox/m1');
    await waitFor(() => expect(api.callsTo('GET', '/api/inbox/messages')[0].url.searchParams.get('limit')).toBe('5'));
  });
});
