export const inboxKeys = {
  all: ['inbox'] as const,
  unreadCount: ['inbox', 'unread-count'] as const,
  messages: ['inbox', 'messages'] as const,
  latest: (limit: number) => ['inbox', 'latest', limit] as const,
};
