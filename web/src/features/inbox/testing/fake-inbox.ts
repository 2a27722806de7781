/**
 * A stateful fake of the inbox service's person endpoints for component tests,
 * on top of the shared fetch fake (src/testing/fake-api.ts): threads by view,
 * a thread's days, counts, and the actions, following contracts.md.
 */
import { createFakeApi, json, noContent, problem, type FakeApi } from '@/testing/fake-api';

export type FakeMessage = {
  id: string;
  promotionId: string;
  day: string;
  dayNumber: number | null;
  dayCount: number | null;
  subject: string;
  body: string;
  products: unknown[];
  createdAt: string;
  readAt: string | null;
  expiresAt: string;
  withdrawn: boolean;
  withdrawnReason: string | null;
  test: boolean;
  archived: boolean;
};

const HOUR = 3_600_000;
export const inHours = (hours: number) => new Date(Date.now() + hours * HOUR).toISOString();

let nextId = 100;

/** A message of promotion `promotionId`, unread, day 1 of 3, ending in two days unless overridden. */
export function fakeMessage(promotionId: string, overrides: Partial<FakeMessage> = {}): FakeMessage {
  const dayNumber = overrides.dayNumber === undefined ? 1 : overrides.dayNumber;
  const dayCount = overrides.dayCount === undefined ? 3 : overrides.dayCount;
  return {
    id: String(nextId++),
    promotionId,
    day: '2026-07-02',
    dayNumber,
    dayCount,
    subject: dayNumber === null ? `Sale ${promotionId}` : `Sale ${promotionId} – day ${dayNumber} of ${dayCount}`,
    body: `Body of ${promotionId} day ${dayNumber}`,
    products: [],
    createdAt: inHours(-(10 - (dayNumber ?? 0))),
    readAt: null,
    expiresAt: inHours(48),
    withdrawn: false,
    withdrawnReason: null,
    test: false,
    archived: false,
    ...overrides,
  };
}

export function createFakeInbox(initial: FakeMessage[] = [], { stream }: { stream?: Response } = {}) {
  const messages = [...initial];
  const muted = new Set<string>();
  const preferences = { promotionMessages: true };

  const expired = (m: FakeMessage) => new Date(m.expiresAt).getTime() <= Date.now();
  const live = (m: FakeMessage) => !m.withdrawn && !expired(m);
  const wire = (m: FakeMessage) => ({ ...m, expired: expired(m) });
  const newestFirst = (a: FakeMessage, b: FakeMessage) => b.createdAt.localeCompare(a.createdAt);
  const byPromotion = () => {
    const threads = new Map<string, FakeMessage[]>();
    for (const m of [...messages].sort(newestFirst)) threads.set(m.promotionId, [...(threads.get(m.promotionId) ?? []), m]);
    return [...threads.values()];
  };
  const thread = (days: FakeMessage[]) => {
    const latest = days.find((m) => !m.archived) ?? days[0];
    return {
      ...wire(latest),
      muted: muted.has(latest.promotionId),
      unreadInThread: days.filter((m) => !m.readAt && !m.archived && live(m)).length,
      messagesInThread: days.length,
    };
  };
  const viewOf = (days: FakeMessage[]) => {
    const latest = days.find((m) => !m.archived);
    if (!latest) return 'archived';
    return live(latest) ? 'active' : 'ended';
  };
  const counts = () => {
    const threads = byPromotion();
    return {
      unread: threads.filter((days) => thread(days).unreadInThread > 0).length,
      active: threads.filter((days) => viewOf(days) === 'active').length,
      ended: threads.filter((days) => viewOf(days) === 'ended').length,
      archived: threads.filter((days) => viewOf(days) === 'archived').length,
    };
  };
  const find = (id: string) => messages.find((m) => m.id === id);
  const daysOf = (m: FakeMessage) => messages.filter((other) => other.promotionId === m.promotionId);
  const withMessage = (path: string, act: (m: FakeMessage) => void) => {
    const m = find(decodeURIComponent(path.split('/')[4]));
    if (!m) return problem(404, { title: 'Not Found' });
    act(m);
    return noContent();
  };

  const api: FakeApi = createFakeApi()
    .on('GET', '/api/inbox/messages', ({ url }) => {
      const view = url.searchParams.get('view') ?? 'active';
      const unreadOnly = url.searchParams.get('unread') === 'true';
      const limit = Number(url.searchParams.get('limit') ?? 20);
      const offset = Number(url.searchParams.get('cursor') ?? 0);
      let threads = byPromotion().filter((days) => viewOf(days) === view);
      if (unreadOnly) threads = threads.filter((days) => thread(days).unreadInThread > 0);
      const items = threads.map(thread);
      if (view === 'active') items.sort((a, b) => a.expiresAt.localeCompare(b.expiresAt));
      const page = items.slice(offset, offset + limit);
      return json({ items: page, nextCursor: offset + limit < items.length ? String(offset + limit) : null });
    })
    .on('GET', /^\/api\/inbox\/promotions\/[^/]+\/messages$/, ({ url }) => {
      const promotionId = decodeURIComponent(url.pathname.split('/')[4]);
      const days = messages.filter((m) => m.promotionId === promotionId).sort(newestFirst);
      return days.length === 0 ? problem(404, { title: 'Not Found' }) : json({ items: days.map(wire) });
    })
    .on('GET', /^\/api\/inbox\/messages\/[^/]+$/, ({ url }) => {
      const m = find(decodeURIComponent(url.pathname.split('/')[4]));
      return m ? json(wire(m)) : problem(404, { title: 'Not Found' });
    })
    .on('GET', '/api/inbox/counts', () => json(counts()))
    .on('GET', '/api/inbox/unread-count', () => json({ count: counts().unread }))
    .on('POST', /^\/api\/inbox\/messages\/[^/]+\/read$/, ({ url }) =>
      withMessage(url.pathname, (m) => {
        for (const day of daysOf(m)) if (day.createdAt <= m.createdAt) day.readAt ??= new Date().toISOString();
      }),
    )
    .on('POST', /^\/api\/inbox\/messages\/[^/]+\/unread$/, ({ url }) => withMessage(url.pathname, (m) => void (m.readAt = null)))
    .on('DELETE', /^\/api\/inbox\/messages\/[^/]+$/, ({ url }) =>
      withMessage(url.pathname, (m) => daysOf(m).forEach((day) => (day.archived = true))),
    )
    .on('POST', /^\/api\/inbox\/messages\/[^/]+\/restore$/, ({ url }) =>
      withMessage(url.pathname, (m) => daysOf(m).forEach((day) => (day.archived = false))),
    )
    .on('POST', '/api/inbox/read-all', () => {
      for (const m of messages) m.readAt ??= new Date().toISOString();
      return noContent();
    })
    .on('GET', '/api/inbox/preferences', () => json(preferences))
    .on('PUT', '/api/inbox/preferences', ({ body }) => {
      preferences.promotionMessages = (body as typeof preferences).promotionMessages;
      return json(preferences);
    })
    .on('PUT', /^\/api\/inbox\/promotions\/[^/]+\/mute$/, ({ url }) => {
      muted.add(decodeURIComponent(url.pathname.split('/')[4]));
      return noContent();
    })
    .on('DELETE', /^\/api\/inbox\/promotions\/[^/]+\/mute$/, ({ url }) => {
      muted.delete(decodeURIComponent(url.pathname.split('/')[4]));
      return noContent();
    });
  if (stream) api.on('GET', '/api/inbox/unread-count/stream', () => stream);

  return { api, messages, muted, preferences, counts };
}
