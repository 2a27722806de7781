/**
 * The inbox service's person endpoints (contracts.md, "Inbox" and "Inbox —
 * customer extensions"): the caller's own messages only. Messages of one
 * promotion form a thread; lists are lists of threads (the latest message plus
 * counts), paged by an opaque cursor.
 */
import type { ApiClient } from '@/lib/api-client';

export type InboxProduct = {
  sku: string;
  name: string;
  priceCents: number;
  promoPriceCents: number;
  currency: string;
  imageUrl?: string | null;
  url?: string | null;
};

/** One promotion day's message. */
export type InboxMessage = {
  id: string;
  promotionId: string;
  /** The promotion day (a local date, `YYYY-MM-DD`). */
  day?: string;
  /** 1-based; null on messages stored before the inbox kept it. */
  dayNumber: number | null;
  dayCount: number | null;
  /** The subject as the engine rendered it (the admin's title; see thread-title.ts). */
  subject: string;
  body: string;
  products: InboxProduct[];
  createdAt?: string;
  readAt: string | null;
  expiresAt?: string;
  expired: boolean;
  withdrawn: boolean;
  withdrawnReason: string | null;
  /** An admin's "Send me a test". */
  test: boolean;
  archived: boolean;
};

/** A list row: the promotion's latest message for the caller, plus the thread's counts. */
export type InboxThread = InboxMessage & {
  muted: boolean;
  unreadInThread: number;
  messagesInThread: number;
};

/** What the inbox page can list; `unread` is the active view with `unread=true`. */
export const inboxViews = ['active', 'unread', 'ended', 'archived'] as const;
export type InboxView = (typeof inboxViews)[number];

export type InboxCounts = { unread: number; active: number; ended: number; archived: number };
export type InboxPreferences = { promotionMessages: boolean };
export type ThreadPage = { items: InboxThread[]; nextCursor: string | null };

type RawMessage = Partial<Omit<InboxThread, 'id'>> & { id: string | number };

function toMessage(raw: RawMessage): InboxMessage {
  const expiresAt = raw.expiresAt ?? undefined;
  return {
    id: String(raw.id),
    promotionId: raw.promotionId ?? '',
    day: raw.day,
    dayNumber: raw.dayNumber ?? null,
    dayCount: raw.dayCount ?? null,
    subject: raw.subject ?? '',
    body: raw.body ?? '',
    products: raw.products ?? [],
    createdAt: raw.createdAt,
    readAt: raw.readAt ?? null,
    expiresAt,
    // The service's verdict; derived from expiresAt only if it sent none.
    expired: raw.expired ?? (expiresAt !== undefined && new Date(expiresAt).getTime() <= Date.now()),
    withdrawn: raw.withdrawn ?? false,
    withdrawnReason: raw.withdrawnReason ?? null,
    test: raw.test ?? false,
    archived: raw.archived ?? false,
  };
}

function toThread(raw: RawMessage): InboxThread {
  const message = toMessage(raw);
  return {
    ...message,
    muted: raw.muted ?? false,
    unreadInThread: raw.unreadInThread ?? (message.readAt ? 0 : 1),
    messagesInThread: raw.messagesInThread ?? 1,
  };
}

export const isUnread = (message: Pick<InboxMessage, 'readAt'>) => message.readAt === null;

/** Ended: past its end, or withdrawn by the admin (listed under Ended). */
export const hasEnded = (message: Pick<InboxMessage, 'expired' | 'withdrawn'>) => message.expired || message.withdrawn;

const messagePath = (id: string) => `/api/inbox/messages/${encodeURIComponent(id)}`;
const promotionPath = (promotionId: string) => `/api/inbox/promotions/${encodeURIComponent(promotionId)}`;

export async function getThreads(
  client: ApiClient,
  view: InboxView,
  { cursor, limit, signal }: { cursor?: string; limit: number; signal?: AbortSignal },
): Promise<ThreadPage> {
  const params = new URLSearchParams({ view: view === 'unread' ? 'active' : view, limit: String(limit) });
  if (view === 'unread') params.set('unread', 'true');
  if (cursor) params.set('cursor', cursor);
  const page = await client.get<{ items?: RawMessage[]; nextCursor?: string | null }>(`/api/inbox/messages?${params}`, { signal });
  return { items: (page.items ?? []).map(toThread), nextCursor: page.nextCursor ?? null };
}

/** Every day of one promotion's thread, newest first; 404 when the caller has none. */
export async function getThreadMessages(client: ApiClient, promotionId: string, signal?: AbortSignal): Promise<InboxMessage[]> {
  const { items } = await client.get<{ items?: RawMessage[] }>(`${promotionPath(promotionId)}/messages`, { signal });
  return (items ?? []).map(toMessage);
}

/** One message by id (an old link to a message); 404 when it is not the caller's. */
export async function getMessage(client: ApiClient, id: string, signal?: AbortSignal): Promise<InboxMessage> {
  return toMessage(await client.get<RawMessage>(messagePath(id), { signal }));
}

export function getCounts(client: ApiClient, signal?: AbortSignal): Promise<InboxCounts> {
  return client.get<InboxCounts>('/api/inbox/counts', { signal });
}

export async function getUnreadCount(client: ApiClient, signal?: AbortSignal): Promise<number> {
  const { count } = await client.get<{ count: number }>('/api/inbox/unread-count', { signal });
  return count;
}

/** Marks the message and the older days of its thread read. */
export async function markRead(client: ApiClient, id: string): Promise<void> {
  await client.request(`${messagePath(id)}/read`, { method: 'POST' });
}

export async function markUnread(client: ApiClient, id: string): Promise<void> {
  await client.request(`${messagePath(id)}/unread`, { method: 'POST' });
}

export async function markAllRead(client: ApiClient): Promise<void> {
  await client.request('/api/inbox/read-all', { method: 'POST' });
}

/** Archives the whole thread the message belongs to. */
export async function archiveThread(client: ApiClient, id: string): Promise<void> {
  await client.request(messagePath(id), { method: 'DELETE' });
}

/** Restores the whole thread the message belongs to. */
export async function restoreThread(client: ApiClient, id: string): Promise<void> {
  await client.request(`${messagePath(id)}/restore`, { method: 'POST' });
}

export async function setPromotionMuted(client: ApiClient, promotionId: string, muted: boolean): Promise<void> {
  await client.request(`${promotionPath(promotionId)}/mute`, { method: muted ? 'PUT' : 'DELETE' });
}

export function getPreferences(client: ApiClient, signal?: AbortSignal): Promise<InboxPreferences> {
  return client.get<InboxPreferences>('/api/inbox/preferences', { signal });
}

/** Answers the value the service stored. */
export async function putPreferences(client: ApiClient, preferences: InboxPreferences): Promise<InboxPreferences> {
  const stored = await client.get<InboxPreferences | undefined>('/api/inbox/preferences', { method: 'PUT', body: preferences });
  return stored ?? preferences;
}
