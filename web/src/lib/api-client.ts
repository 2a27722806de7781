/**
 * The one HTTP client of the app. It attaches the signed-in user's access
 * token, renews the token once when the server answers 401, and turns
 * problem+json answers into {@link ApiError}s. Features never call `fetch`
 * themselves; tests inject a fake `fetch`.
 */
import { ApiError, networkError, problemToApiError } from './api-error';

export type TokenSource = {
  /** The current access token, renewed first if it has expired. */
  getAccessToken(): Promise<string | undefined>;
  /** Forces a renewal (refresh token / silent sign-in); undefined when that fails. */
  renewAccessToken(): Promise<string | undefined>;
};

export type RequestOptions = {
  method?: string;
  body?: unknown;
  /** Optimistic concurrency: sent as `If-Match: <version>`. */
  ifMatch?: number | string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
};

export type ApiResponse<T> = { data: T; status: number; headers: Headers };

export type ApiClient = {
  request<T>(path: string, options?: RequestOptions): Promise<ApiResponse<T>>;
  get<T>(path: string, options?: RequestOptions): Promise<T>;
  /** Opens a streaming response (server-sent events); the caller reads the body. */
  openStream(path: string, options?: RequestOptions): Promise<Response>;
};

type Fetch = typeof globalThis.fetch;

export function createApiClient({ tokens, fetch: fetchImpl }: { tokens: TokenSource; fetch?: Fetch }): ApiClient {
  const doFetch: Fetch = fetchImpl ?? ((input, init) => globalThis.fetch(input, init));

  async function send(path: string, options: RequestOptions, accept: string): Promise<Response> {
    const attempt = async (token: string | undefined) => {
      const headers: Record<string, string> = { Accept: accept, ...options.headers };
      if (token) headers.Authorization = `Bearer ${token}`;
      if (options.ifMatch !== undefined) headers['If-Match'] = String(options.ifMatch);
      let body: string | undefined;
      if (options.body !== undefined) {
        headers['Content-Type'] = 'application/json';
        body = JSON.stringify(options.body);
      }
      try {
        return await doFetch(path, { method: options.method ?? 'GET', headers, body, signal: options.signal });
      } catch (error) {
        if (error instanceof DOMException && error.name === 'AbortError') throw error;
        throw networkError();
      }
    };

    const token = await tokens.getAccessToken();
    let response = await attempt(token);
    if (response.status === 401) {
      const renewed = await tokens.renewAccessToken().catch(() => undefined);
      if (renewed && renewed !== token) response = await attempt(renewed);
    }
    if (!response.ok) throw await toApiError(response);
    return response;
  }

  async function request<T>(path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    const response = await send(path, options, 'application/json, application/problem+json');
    const type = response.headers.get('Content-Type') ?? '';
    const text = response.status === 204 ? '' : await response.text();
    const data = (text && type.includes('json') ? JSON.parse(text) : undefined) as T;
    return { data, status: response.status, headers: response.headers };
  }

  return {
    request,
    get: async <T>(path: string, options?: RequestOptions) => (await request<T>(path, options)).data,
    openStream: (path, options = {}) => send(path, options, 'text/event-stream'),
  };
}

async function toApiError(response: Response): Promise<ApiError> {
  let body: unknown;
  try {
    const text = await response.text();
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return problemToApiError(response.status, body);
}
