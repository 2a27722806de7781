/**
 * The inbox service's person endpoints (contracts.md, "Inbox"): the caller's own
 * messages, newest first, paged by an opaque cursor.
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

export type InboxMessage = {
  id: string;
  subject: string;
  body: string;
  products: InboxProduct[];
  promotionId?: string;
  day?: string;
  createdAt?: string;
  expiresAt?: string;
  /** The service's verdict when it sent one; otherwise derived from expiresAt. */
  expired?: boolean;
  read: boolean;
};

export type InboxPage = { items: InboxMessage[]; nextCursor: string | null };

type RawMessage = Partial<InboxMessage> & {
  id?: string | number;
  readAt?: string | null;
  receivedAt?: string;
  deliveredAt?: string;
  products?: InboxProduct[];
};

type RawPage = {
  items?: RawMessage[];
  messages?: RawMessage[];
  content?: RawMessage[];
  nextCursor?: string | null;
  cursor?: string | null;
};

function toMessage(raw: RawMessage): InboxMessage {
  return {
    id: String(raw.id),
    subject: raw.subject ?? '',
    body: raw.body ?? '',
    products: raw.products ?? [],
    promotionId: raw.promotionId,
    day: raw.day,
    createdAt: raw.createdAt ?? raw.receivedAt ?? raw.deliveredAt,
    expiresAt: raw.expiresAt,
    expired: raw.expired,
    read: Boolean(raw.read ?? raw.readAt),
  };
}

export async function getMessages(client: ApiClient, cursor: string | undefined, limit: number): Promise<InboxPage> {
  const params = new URLSearchParams({ limit: String(limit) });
  if (cursor) params.set('cursor', cursor);
  const page = await client.get<RawPage | RawMessage[]>(`/api/inbox/messages?${params}`);
  if (Array.isArray(page)) return { items: page.map(toMessage), nextCursor: null };
  const items = page.items ?? page.messages ?? page.content ?? [];
  return { items: items.map(toMessage), nextCursor: page.nextCursor ?? page.cursor ?? null };
}

/** One message by id (a link to a message beyond the loaded pages); 404 when it is not the caller's. */
export async function getMessage(client: ApiClient, id: string, signal?: AbortSignal): Promise<InboxMessage> {
  return toMessage(await client.get<RawMessage>(`/api/inbox/messages/${encodeURIComponent(id)}`, { signal }));
}

export async function getUnreadCount(client: ApiClient, signal?: AbortSignal): Promise<number> {
  const { count } = await client.get<{ count: number }>('/api/inbox/unread-count', { signal });
  return count;
}

export async function markRead(client: ApiClient, id: string): Promise<void> {
  await client.request(`/api/inbox/messages/${encodeURIComponent(id)}/read`, { method: 'POST' });
}

export async function markAllRead(client: ApiClient): Promise<void> {
  await client.request('/api/inbox/read-all', { method: 'POST' });
}

export async function archiveMessage(client: ApiClient, id: string): Promise<void> {
  await client.request(`/api/inbox/messages/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

export function isExpired(message: InboxMessage, now: Date = new Date()): boolean {
  if (message.expired !== undefined) return message.expired;
  return message.expiresAt !== undefined && new Date(message.expiresAt).getTime() <= now.getTime();
}
