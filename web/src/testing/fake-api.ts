/**
 * A fake of the services for component tests: routes by method and path,
 * records every call, and answers JSON, problem+json or an event stream.
 * The app's real API client runs on top of it, so token and error handling are
 * exercised too.
 */
import { vi } from 'vitest';
import { createApiClient } from '@/lib/api-client';

export type FakeRequest = { method: string; url: URL; headers: Headers; body: unknown };
type Handler = (request: FakeRequest) => Response | Promise<Response>;

export const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

export const problem = (status: number, body: Record<string, unknown>) =>
  new Response(JSON.stringify({ status, ...body }), { status, headers: { 'Content-Type': 'application/problem+json' } });

export const noContent = () => new Response(null, { status: 204 });

/** An open text/event-stream the test writes events into. */
export function eventStream() {
  const encoder = new TextEncoder();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
  return {
    response: new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } }),
    send(event: string, data: unknown) {
      controller.enqueue(encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
    },
    close: () => controller.close(),
  };
}

export function createFakeApi() {
  const routes: { method: string; path: string | RegExp; handler: Handler }[] = [];
  const calls: FakeRequest[] = [];

  const fetch = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://app.test');
    const method = (init.method ?? 'GET').toUpperCase();
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    const request = { method, url, headers: new Headers(init.headers), body };
    calls.push(request);
    // The latest registration wins, so a test can override a default route.
    const route = [...routes]
      .reverse()
      .find((r) => r.method === method && (typeof r.path === 'string' ? r.path === url.pathname : r.path.test(url.pathname)));
    if (!route) return problem(404, { title: 'Not Found', detail: `no fake for ${method} ${url.pathname}` });
    return route.handler(request);
  });

  const api = {
    fetch,
    calls,
    client: createApiClient({
      tokens: { getAccessToken: async () => 'test-token', renewAccessToken: async () => undefined },
      fetch: fetch as unknown as typeof globalThis.fetch,
    }),
    on(method: string, path: string | RegExp, handler: Handler) {
      routes.push({ method, path, handler });
      return api;
    },
    callsTo(method: string, path: string) {
      return calls.filter((c) => c.method === method && c.url.pathname === path);
    },
  };
  return api;
}

export type FakeApi = ReturnType<typeof createFakeApi>;
