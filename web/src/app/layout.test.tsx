import { describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createFakeApi, eventStream, json } from '@/testing/fake-api';
import { renderWithApp } from '@/testing/render';
import type { Session } from '@/lib/auth';
import { AppHeader } from './layout';

const customer: Session = { displayName: 'Alice Archer', username: 'alice', roles: ['customer'], isAdmin: false };
const admin: Session = { displayName: 'Ada Admin', username: 'admin', roles: ['admin', 'customer'], isAdmin: true };

function renderHeader(session: Session, onLogout = vi.fn()) {
  const stream = eventStream();
  const api = createFakeApi()
    .on('GET', '/api/inbox/unread-count/stream', () => stream.response)
    .on('GET', '/api/inbox/unread-count', () => json({ count: 0 }));
  renderWithApp(<AppHeader session={session} onLogout={onLogout} />, { api });
  return stream;
}

describe('AppHeader', () => {
  it('puts Inbox directly before Logout, after the user name', async () => {
    const stream = renderHeader(customer);
    stream.send('unread-count', { count: 4 });
    const banner = screen.getByRole('banner');
    const inbox = await within(banner).findByRole('button', { name: 'Inbox, 4 unread' });
    const logout = within(banner).getByRole('button', { name: 'Logout' });
    const actions = logout.parentElement!;
    const order = Array.from(actions.children);
    expect(order.indexOf(inbox.closest('.inbox-menu')!)).toBe(order.indexOf(logout) - 1);
    expect(within(banner).getByText('Alice Archer')).toBeInTheDocument();
  });

  it('shows Event Calendar to admins only', () => {
    renderHeader(admin);
    expect(screen.getByRole('link', { name: 'Event Calendar' })).toHaveAttribute('href', '/calendar');
  });

  it('hides Event Calendar from customers', () => {
    renderHeader(customer);
    expect(within(screen.getByRole('navigation', { name: 'Main' })).queryByRole('link', { name: 'Event Calendar' })).toBeNull();
  });

  it('folds the navigation into a Menu disclosure that Escape closes', async () => {
    const user = userEvent.setup();
    renderHeader(admin);
    const menu = screen.getByRole('button', { name: 'Menu' });
    const navigation = screen.getByRole('navigation', { name: 'Main' });
    expect(menu).toHaveAttribute('aria-expanded', 'false');
    expect(menu).toHaveAttribute('aria-controls', navigation.id);

    await user.click(menu);
    expect(menu).toHaveAttribute('aria-expanded', 'true');
    // The links follow the button in the tab order.
    await user.tab();
    expect(within(navigation).getByRole('link', { name: 'Home' })).toHaveFocus();
    await user.tab();
    expect(within(navigation).getByRole('link', { name: 'Event Calendar' })).toHaveFocus();

    await user.keyboard('{Escape}');
    expect(menu).toHaveAttribute('aria-expanded', 'false');
    expect(menu).toHaveFocus();
  });

  it('closes the menu on a click outside it and when a link is followed', async () => {
    const user = userEvent.setup();
    renderHeader(admin);
    const menu = screen.getByRole('button', { name: 'Menu' });
    await user.click(menu);
    await user.click(screen.getByText('Ada Admin'));
    expect(menu).toHaveAttribute('aria-expanded', 'false');

    await user.click(menu);
    await user.click(screen.getByRole('link', { name: 'Event Calendar' }));
    expect(menu).toHaveAttribute('aria-expanded', 'false');
  });

  it('keeps the user name for screen readers when it shrinks to the avatar', () => {
    renderHeader(customer);
    expect(screen.getByRole('banner')).toHaveTextContent(/Signed in as Alice Archer/);
  });

  it('logs out', async () => {
    const onLogout = vi.fn();
    renderHeader(customer, onLogout);
    await userEvent.click(screen.getByRole('button', { name: 'Logout' }));
    expect(onLogout).toHaveBeenCalledOnce();
  });
});
