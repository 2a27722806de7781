package com.promocalendar.inbox.message;

import java.time.Instant;
import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonRawValue;

/**
 * A message as its recipient sees it. {@code id} is the inbox's own id (not the
 * fan-out's idempotency key); {@code products} is the stored JSON array as is;
 * {@code expired} is computed when read, the row is never rewritten.
 */
public record InboxMessage(
        String id,
        String promotionId,
        LocalDate day,
        String subject,
        String body,
        @JsonRawValue String products,
        Instant createdAt,
        Instant readAt,
        Instant expiresAt,
        boolean expired) {
}
