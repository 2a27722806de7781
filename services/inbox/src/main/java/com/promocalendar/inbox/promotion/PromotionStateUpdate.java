package com.promocalendar.inbox.promotion;

import java.time.Instant;

/**
 * The promotion's state as the event calendar last published it (contracts.md,
 * {@code PUT /api/internal/inbox/promotions/{id}}): {@code status} is
 * {@code PUBLISHED}, {@code UNPUBLISHED} or {@code DELETED}; {@code endsAt}
 * the promotion's end; {@code withdrawnReason} the admin's words when it was unpublished.
 */
public record PromotionStateUpdate(Long version, String status, Instant endsAt, String withdrawnReason) {
}
