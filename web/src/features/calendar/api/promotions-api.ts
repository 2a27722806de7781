/**
 * The event-calendar service (contracts.md, "Event calendar"; role admin).
 * Writes carry `If-Match: <version>` and answer 412 when someone else saved first.
 */
import type { ApiClient } from '@/lib/api-client';

export type PromotionStatus = 'DRAFT' | 'PUBLISHED' | 'UNPUBLISHED';

export type PackageProduct = {
  sku: string;
  name: string;
  priceCents: number;
  promoPriceCents: number;
  currency: string;
  imageUrl?: string | null;
  url?: string | null;
};

/** What the editor sends: the Promotion JSON of contracts.md without id, version and status. */
export type PromotionInput = {
  title: string;
  timeZone: string;
  /** Local date-time `YYYY-MM-DDTHH:MM[:SS]` in `timeZone`, no offset (schedule.md). */
  startsAt: string;
  /** Exclusive end, same form as `startsAt`. */
  endsAt: string;
  /** Local `HH:MM`; defaults to the time of day of `startsAt`. */
  dailySendTime?: string | null;
  package: {
    name: string;
    discountPercent?: number | null;
    message: string;
    products: PackageProduct[];
  };
};

/** Another promotion that runs at the same time with some of the same products (GET /api/promotions, per promotion). */
export type OverlapWarning = {
  code: string;
  message: string;
  promotionId: string;
  promotionTitle: string;
  promotionStatus: PromotionStatus;
  skus: string[];
};

export type Promotion = PromotionInput & {
  id: string;
  version: number;
  status: PromotionStatus;
  /** The interval as the service resolved it (read-only extras of its representation). */
  startsAtInstant?: string;
  endsAtInstant?: string;
  /** Overlaps with other promotions, as the list endpoint reports them. */
  warnings?: OverlapWarning[];
};

/**
 * A local time of the saved promotion that a clock change makes ambiguous: in a
 * gap (it does not exist; the engine moves it later) or in an overlap (it
 * happens twice; the earlier offset counts). A warning, never a refusal.
 */
export type LocalTimeWarning = {
  code: 'LOCAL_TIME_IN_GAP' | 'LOCAL_TIME_IN_OVERLAP';
  field: 'startsAt' | 'endsAt' | 'dailySendTime';
  message: string;
  /** The local days (`YYYY-MM-DD`) it happens on. */
  days: string[];
};

/**
 * `warnings`: the texts of the service's other warnings (overlapping promotions);
 * `timeWarnings`: the local-time ones, for the field they are about.
 */
export type SaveResult = { promotion: Promotion; warnings: string[]; timeWarnings: LocalTimeWarning[] };

/** How the engine turned a requested local time into an instant (schedule.md). */
export type TimeResolution = 'EXACT' | 'GAP_MOVED_LATER' | 'OVERLAP_EARLIER_OFFSET';

/** The start or the end as requested (`YYYY-MM-DDTHH:MM`) and as resolved in the promotion's zone. */
export type ResolvedLocalTime = { requested: string; instant: string; utcOffsetSeconds: number; resolution: TimeResolution };

/** One daily message; the zone details are absent from services older than issue 15. */
export type PreviewOccurrence = {
  index: number;
  day: string;
  fireAt: string;
  utcOffsetSeconds?: number;
  /** `HH:MM` in the promotion's zone, as sent. */
  localTime?: string;
  /** `HH:MM` as the promotion asked for it (differs in a gap). */
  requestedTime?: string;
  resolution?: TimeResolution;
};
export type Preview = {
  timeZone?: string;
  start?: ResolvedLocalTime;
  end?: ResolvedLocalTime;
  occurrences: PreviewOccurrence[];
  sampleMessage?: { subject?: string; body?: string };
};

type Warning = string | { code?: string; field?: string; days?: string[]; message?: string; detail?: string; title?: string };
type SaveBody = Promotion & { warnings?: Warning[] } & { promotion?: Promotion };

function warningText(warning: Warning): string {
  return typeof warning === 'string' ? warning : (warning.message ?? warning.detail ?? warning.title ?? '');
}

const LOCAL_TIME_CODES = new Set(['LOCAL_TIME_IN_GAP', 'LOCAL_TIME_IN_OVERLAP']);
const isLocalTimeWarning = (warning: Warning): warning is LocalTimeWarning =>
  typeof warning === 'object' && LOCAL_TIME_CODES.has(warning.code ?? '') && typeof warning.field === 'string';

/** The service answers the promotion, possibly wrapped with `warnings` (overlaps, local times in a clock change). */
function toSaveResult(body: SaveBody): SaveResult {
  const promotion = body.promotion ?? body;
  const all = body.warnings ?? [];
  const timeWarnings = all.filter(isLocalTimeWarning).map((warning) => ({ ...warning, days: warning.days ?? [] }));
  const warnings = all.filter((warning) => !isLocalTimeWarning(warning)).map(warningText).filter(Boolean);
  return { promotion, warnings, timeWarnings };
}

const promotionPath = (id: string) => `/api/promotions/${encodeURIComponent(id)}`;

export async function listPromotions(client: ApiClient, from: Date, to: Date, signal?: AbortSignal): Promise<Promotion[]> {
  const params = new URLSearchParams({ from: from.toISOString(), to: to.toISOString() });
  const body = await client.get<Promotion[] | { items?: Promotion[]; content?: Promotion[] }>(
    `/api/promotions?${params}`,
    { signal },
  );
  return Array.isArray(body) ? body : (body.items ?? body.content ?? []);
}

export async function getPromotion(client: ApiClient, id: string, signal?: AbortSignal): Promise<Promotion> {
  return toSaveResult(await client.get<SaveBody>(promotionPath(id), { signal })).promotion;
}

export async function createPromotion(client: ApiClient, input: PromotionInput): Promise<SaveResult> {
  const { data } = await client.request<SaveBody>('/api/promotions', { method: 'POST', body: input });
  return toSaveResult(data);
}

export async function updatePromotion(client: ApiClient, id: string, version: number, input: PromotionInput): Promise<SaveResult> {
  const { data } = await client.request<SaveBody>(promotionPath(id), { method: 'PUT', body: input, ifMatch: version });
  return toSaveResult(data);
}

export async function deletePromotion(client: ApiClient, id: string, version: number): Promise<void> {
  await client.request(promotionPath(id), { method: 'DELETE', ifMatch: version });
}

async function transition(
  client: ApiClient,
  id: string,
  version: number,
  action: 'publish' | 'unpublish',
  body?: { reason?: string },
) {
  const { data } = await client.request<SaveBody | undefined>(`${promotionPath(id)}/${action}`, {
    method: 'POST',
    ifMatch: version,
    body,
  });
  return data ? toSaveResult(data) : { promotion: await getPromotion(client, id), warnings: [], timeWarnings: [] };
}

export const publishPromotion = (client: ApiClient, id: string, version: number) => transition(client, id, version, 'publish');
/** `reason` (optional) is what customers see on their withdrawn messages. */
export const unpublishPromotion = (client: ApiClient, id: string, version: number, reason?: string) =>
  transition(client, id, version, 'unpublish', reason?.trim() ? { reason: reason.trim() } : undefined);

type RawPreview = Pick<Preview, 'timeZone' | 'start' | 'end'> & {
  occurrences?: PreviewOccurrence[];
  sampleMessage?: Preview['sampleMessage'];
  sample?: Preview['sampleMessage'];
  message?: Preview['sampleMessage'];
  messages?: Preview['sampleMessage'][];
};

export async function getPreview(client: ApiClient, id: string, signal?: AbortSignal): Promise<Preview> {
  const raw = await client.get<RawPreview>(`${promotionPath(id)}/preview`, { signal });
  return {
    timeZone: raw.timeZone,
    start: raw.start,
    end: raw.end,
    occurrences: raw.occurrences ?? [],
    sampleMessage: raw.sampleMessage ?? raw.sample ?? raw.message ?? raw.messages?.[0],
  };
}

export type TestSendResult = { day: string; dayNumber: number; delivered: boolean };

/** "Send me a test": the message of `day` (default the first) into the calling admin's own inbox, marked as a test. */
export async function sendTest(client: ApiClient, id: string, day?: string) {
  const { data } = await client.request<TestSendResult>(`${promotionPath(id)}/test-send`, {
    method: 'POST',
    body: day ? { day } : undefined,
  });
  return data;
}

/** A new draft with the same package and zone, the same weekday of the next week (contracts.md `…/duplicate`). */
export async function duplicatePromotion(client: ApiClient, id: string): Promise<SaveResult> {
  const { data } = await client.request<SaveBody>(`${promotionPath(id)}/duplicate`, { method: 'POST' });
  return toSaveResult(data);
}
