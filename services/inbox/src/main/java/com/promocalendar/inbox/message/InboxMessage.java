package com.promocalendar.inbox.message;

import java.time.Instant;
import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonRawValue;

/**
 * A message as its recipient sees it. {@code id} is the inbox's own id (not the
 * fan-out's idempotency key); {@code products} is the stored JSON array as is.
 * {@code expiresAt}, {@code expired}, {@code withdrawn} follow the promotion's
 * state (V4__threads_follow_promotion.sql): computed when read, the row is never
 * rewritten. {@code dayNumber}/{@code dayCount} are null for messages stored
 * before batch v2.
 */
public record InboxMessage(
        String id,
        String promotionId,
        LocalDate day,
        Integer dayNumber,
        Integer dayCount,
        String subject,
        String body,
        @JsonRawValue String products,
        Instant createdAt,
        Instant readAt,
        Instant expiresAt,
        boolean expired,
        boolean withdrawn,
        String withdrawnReason,
        boolean test,
        boolean archived) {
}
