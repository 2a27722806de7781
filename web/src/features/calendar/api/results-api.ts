/**
 * A published promotion's results (issue 15), aggregates only: what the inbox
 * stored per day (`GET /api/inbox/promotion-stats/{id}`) and what the job
 * reported per due day (`GET /api/promotions/{id}/deliveries`).
 */
import type { ApiClient } from '@/lib/api-client';

/** The inbox's counts for one day; test messages are left out. */
export type InboxDayStats = { day: string; delivered: number; read: number; archived: number; suppressed: number };

export type DeliveryStatus = 'due' | 'running' | 'delivered' | 'skipped' | 'failed';

/** One due day as the job's shard reports give it (calendar's DeliveryDay). */
export type DeliveryDay = {
  day: string;
  dayNumber: number | null;
  fireAt: string | null;
  status: DeliveryStatus;
  /** Due for longer than the grace period without any report. */
  missing: boolean;
  reason: string | null;
  shards: number | null;
  shardsReported: number;
  recipients: number;
  inserted: number;
  duplicates: number;
  refused: number;
  suppressed: number;
  startedAt: string | null;
  finishedAt: string | null;
};

const id = (promotionId: string) => encodeURIComponent(promotionId);

export async function getInboxStats(client: ApiClient, promotionId: string, signal?: AbortSignal): Promise<InboxDayStats[]> {
  const body = await client.get<{ days?: InboxDayStats[] }>(`/api/inbox/promotion-stats/${id(promotionId)}`, { signal });
  return body.days ?? [];
}

export async function getDeliveries(client: ApiClient, promotionId: string, signal?: AbortSignal): Promise<DeliveryDay[]> {
  const body = await client.get<{ days?: DeliveryDay[] }>(`/api/promotions/${id(promotionId)}/deliveries`, { signal });
  return body.days ?? [];
}

/** One row of the Results tab: the day's delivery (if due) joined with the inbox's counts (if any). */
export type ResultDay = {
  day: string;
  dayNumber: number | null;
  delivery?: DeliveryDay;
  stats: InboxDayStats;
};

/** Joins both by day, oldest first; a day either side knows is a row. */
export function joinResults(deliveries: DeliveryDay[], stats: InboxDayStats[]): ResultDay[] {
  const rows = new Map<string, ResultDay>();
  const empty = (day: string): InboxDayStats => ({ day, delivered: 0, read: 0, archived: 0, suppressed: 0 });
  for (const delivery of deliveries) {
    rows.set(delivery.day, { day: delivery.day, dayNumber: delivery.dayNumber, delivery, stats: empty(delivery.day) });
  }
  for (const day of stats) {
    const row = rows.get(day.day);
    if (row) row.stats = day;
    else rows.set(day.day, { day: day.day, dayNumber: null, stats: day });
  }
  return [...rows.values()].sort((a, b) => a.day.localeCompare(b.day));
}

/** Read as a share of delivered (0–1), or null when nothing was delivered. */
export function readRate(stats: Pick<InboxDayStats, 'delivered' | 'read'>): number | null {
  return stats.delivered > 0 ? stats.read / stats.delivered : null;
}

/** The sums over all days, for the table's footer. */
export function totals(rows: ResultDay[]): Omit<InboxDayStats, 'day'> {
  return rows.reduce(
    (sum, { stats }) => ({
      delivered: sum.delivered + stats.delivered,
      read: sum.read + stats.read,
      archived: sum.archived + stats.archived,
      suppressed: sum.suppressed + stats.suppressed,
    }),
    { delivered: 0, read: 0, archived: 0, suppressed: 0 },
  );
}
