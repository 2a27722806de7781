/** The audit trail of one promotion (`GET /api/promotions/{id}/audit`, oldest first). */
import type { ApiClient } from '@/lib/api-client';

export type AuditAction = 'CREATED' | 'UPDATED' | 'PUBLISHED' | 'UNPUBLISHED' | 'DELETED' | 'DUPLICATED';

/**
 * One changed field: `field` as the promotion JSON names it (`title`,
 * `package.discountPercent`, …; `package.products` with a sku added or removed,
 * `status`, `reason` of an unpublish, `duplicateOf` the original's id).
 */
export type AuditChange = { field: string; from: unknown; to: unknown };

export type AuditEntry = {
  promotionId: string;
  version: number;
  action: AuditAction;
  actor: string;
  at: string;
  /** [] for a creation; null for entries recorded before changes were kept. */
  changes: AuditChange[] | null;
};

export async function getAuditTrail(client: ApiClient, promotionId: string, signal?: AbortSignal): Promise<AuditEntry[]> {
  return client.get<AuditEntry[]>(`/api/promotions/${encodeURIComponent(promotionId)}/audit`, { signal });
}
