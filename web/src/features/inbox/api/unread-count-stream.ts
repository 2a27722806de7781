/**
 * The live unread count: `GET /api/inbox/unread-count/stream` is a
 * text/event-stream that needs the bearer header, which the browser's
 * EventSource cannot send, so it is read with fetch streaming and parsed by
 * eventsource-parser. Event `unread-count`, data `{"count": n}`, sent on
 * connect and whenever the count changes.
 */
import { createParser } from 'eventsource-parser';
import type { ApiClient } from '@/lib/api-client';

/** Resolves when the server closes the stream; rejects on errors (not on abort). */
export async function streamUnreadCount(
  client: ApiClient,
  onCount: (count: number) => void,
  signal: AbortSignal,
): Promise<void> {
  const response = await client.openStream('/api/inbox/unread-count/stream', { signal });
  if (!response.body) throw new Error('The unread-count stream has no body');
  const parser = createParser({
    onEvent(event) {
      if (event.event !== 'unread-count') return;
      const data = JSON.parse(event.data) as { count?: unknown };
      if (typeof data.count === 'number') onCount(data.count);
    },
  });
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      parser.feed(value);
    }
  } finally {
    reader.releaseLock();
  }
}
