import { describe, expect, it, vi } from 'vitest';
import { createApiClient } from './api-client';
import { ApiError, normalizeFieldPath, problemToApiError } from './api-error';

const jsonResponse = (body: unknown, status = 200, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });

describe('createApiClient', () => {
  it('sends the bearer token and If-Match, and parses JSON', async () => {
    const fetch = vi.fn(async () => jsonResponse({ id: 'p1' }));
    const client = createApiClient({
      tokens: { getAccessToken: async () => 'token-1', renewAccessToken: async () => undefined },
      fetch,
    });
    const { data } = await client.request<{ id: string }>('/api/promotions/p1', { method: 'PUT', body: { a: 1 }, ifMatch: 4 });
    expect(data.id).toBe('p1');
    const [, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    const headers = init.headers as Record<string, string>;
    expect(headers.Authorization).toBe('Bearer token-1');
    expect(headers['If-Match']).toBe('4');
    expect(init.body).toBe('{"a":1}');
  });

  it('renews the token once on 401 and retries with the new one', async () => {
    const fetch = vi
      .fn()
      .mockResolvedValueOnce(new Response(null, { status: 401 }))
      .mockResolvedValueOnce(jsonResponse({ count: 2 }));
    const renew = vi.fn(async () => 'token-2');
    const client = createApiClient({ tokens: { getAccessToken: async () => 'token-1', renewAccessToken: renew }, fetch });
    await expect(client.get('/api/inbox/unread-count')).resolves.toEqual({ count: 2 });
    expect(renew).toHaveBeenCalledOnce();
    expect((fetch.mock.calls[1][1].headers as Record<string, string>).Authorization).toBe('Bearer token-2');
  });

  it('turns problem+json into an ApiError with per-field messages', async () => {
    const fetch = vi.fn(async () =>
      jsonResponse(
        {
          title: 'Bad Request',
          status: 400,
          detail: 'The promotion is invalid.',
          errors: [
            { field: 'title', message: 'must not be blank' },
            { field: 'package.products[0].sku', message: 'unknown product' },
          ],
        },
        400,
        'application/problem+json',
      ),
    );
    const client = createApiClient({ tokens: { getAccessToken: async () => 't', renewAccessToken: async () => undefined }, fetch });
    const error = await client.get('/api/promotions').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toBe('The promotion is invalid.');
    expect((error as ApiError).fieldErrors).toEqual({
      title: 'must not be blank',
      'package.products[0].sku': 'unknown product',
    });
  });

  it('reports a network failure as a readable error', async () => {
    const fetch = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    });
    const client = createApiClient({ tokens: { getAccessToken: async () => 't', renewAccessToken: async () => undefined }, fetch });
    await expect(client.get('/api/x')).rejects.toThrow('Could not reach the server');
  });
});

describe('problemToApiError', () => {
  it('reads field maps, invalid-params and JSON pointers', () => {
    expect(problemToApiError(400, { fieldErrors: { endsAt: 'must be after startsAt' } }).fieldErrors).toEqual({
      endsAt: 'must be after startsAt',
    });
    expect(problemToApiError(400, { 'invalid-params': [{ name: 'timeZone', reason: 'unknown time zone' }] }).fieldErrors).toEqual({
      timeZone: 'unknown time zone',
    });
    expect(normalizeFieldPath('/package/products/2/name')).toBe('package.products[2].name');
  });

  it('explains a stale version', () => {
    const error = problemToApiError(412, {});
    expect(error.isStaleVersion).toBe(true);
    expect(error.message).toMatch(/changed this in the meantime/);
  });
});
