import type { InboxView } from '../api/inbox-api';

/** Everything the inbox caches lives under ['inbox']; after a write, `refreshInbox` invalidates it all. */
export const inboxKeys = {
  all: ['inbox'] as const,
  unreadCount: ['inbox', 'unread-count'] as const,
  counts: ['inbox', 'counts'] as const,
  threadLists: ['inbox', 'threads'] as const,
  threads: (view: InboxView, limit: number) => ['inbox', 'threads', view, limit] as const,
  thread: (promotionId: string) => ['inbox', 'thread', promotionId] as const,
  message: (id: string) => ['inbox', 'message', id] as const,
  preferences: ['inbox', 'preferences'] as const,
};
