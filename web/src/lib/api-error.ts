/**
 * Errors of the HTTP API as the UI shows them. The services answer
 * `application/problem+json` (RFC 9457); this turns such a body into one
 * readable sentence plus a message per field, keyed by the field's dotted path
 * (`title`, `package.discountPercent`, `package.products[0].sku`).
 */
export type FieldErrors = Record<string, string>;

type ApiErrorInit = {
  status: number;
  title?: string;
  detail?: string;
  type?: string;
  fieldErrors?: FieldErrors;
  body?: unknown;
};

export class ApiError extends Error {
  readonly status: number;
  readonly title?: string;
  readonly detail?: string;
  readonly type?: string;
  readonly fieldErrors: FieldErrors;
  readonly body?: unknown;

  constructor(init: ApiErrorInit) {
    super(readableMessage(init));
    this.name = 'ApiError';
    this.status = init.status;
    this.title = init.title;
    this.detail = init.detail;
    this.type = init.type;
    this.fieldErrors = init.fieldErrors ?? {};
    this.body = init.body;
  }

  /** 412: someone else changed the resource since it was loaded. */
  get isStaleVersion(): boolean {
    return this.status === 412;
  }
}

export const networkError = () =>
  new ApiError({ status: 0, title: 'Could not reach the server. Check your connection and try again.' });

function readableMessage({ status, title, detail, fieldErrors }: ApiErrorInit): string {
  if (detail) return detail;
  if (title && title.toLowerCase() !== 'bad request') return title;
  if (fieldErrors && Object.keys(fieldErrors).length > 0) return 'Please correct the highlighted fields.';
  switch (status) {
    case 400:
      return 'The request was not accepted. Please check your input.';
    case 401:
      return 'Your session has expired. Please sign in again.';
    case 403:
      return 'You do not have permission to do this.';
    case 404:
      return 'Not found. It may have been deleted.';
    case 409:
      return 'This conflicts with the current state. Reload and try again.';
    case 412:
      return 'Someone else changed this in the meantime.';
    default:
      return status >= 500 ? `The server had a problem (${status}). Please try again.` : `Request failed (${status}).`;
  }
}

/** `/package/products/0/sku` or `package.products.0.sku` → `package.products[0].sku`. */
export function normalizeFieldPath(path: string): string {
  const dotted = path.startsWith('/') ? path.slice(1).replaceAll('/', '.') : path.replace(/^#?\/?/, '');
  return dotted.replace(/\.(\d+)(?=\.|$)/g, '[$1]');
}

function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.filter((v) => typeof v === 'string').join(' ');
  return undefined;
}

/** Reads the field errors of the shapes Spring and others use for problem details. */
function collectFieldErrors(body: Record<string, unknown>): FieldErrors {
  const result: FieldErrors = {};
  const add = (field: unknown, message: unknown) => {
    const text = asText(message);
    if (typeof field !== 'string' || !field || !text) return;
    const key = normalizeFieldPath(field);
    result[key] = result[key] ? `${result[key]} ${text}` : text;
  };
  for (const key of ['errors', 'fieldErrors', 'invalid-params', 'invalidParams', 'violations']) {
    const value = body[key];
    if (Array.isArray(value)) {
      for (const item of value) {
        if (item && typeof item === 'object') {
          const entry = item as Record<string, unknown>;
          add(
            entry.field ?? entry.name ?? entry.pointer ?? entry.path ?? entry.propertyPath,
            entry.message ?? entry.detail ?? entry.reason ?? entry.problem,
          );
        }
      }
    } else if (value && typeof value === 'object') {
      for (const [field, message] of Object.entries(value)) add(field, message);
    }
  }
  return result;
}

export function problemToApiError(status: number, body: unknown): ApiError {
  if (!body || typeof body !== 'object') return new ApiError({ status, body });
  const problem = body as Record<string, unknown>;
  return new ApiError({
    status,
    title: typeof problem.title === 'string' ? problem.title : undefined,
    detail: typeof problem.detail === 'string' ? problem.detail : undefined,
    type: typeof problem.type === 'string' ? problem.type : undefined,
    fieldErrors: collectFieldErrors(problem),
    body,
  });
}
