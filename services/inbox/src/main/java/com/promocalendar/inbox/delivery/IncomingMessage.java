package com.promocalendar.inbox.delivery;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One message of a batch: {@code idempotencyKey}, {@code recipientId} and
 * {@code body}. The other fields belong to the previous batch shape only
 * (see {@link MessageBatch}); in the current shape they must be absent.
 */
public record IncomingMessage(
        String idempotencyKey,
        String recipientId,
        String body,
        String promotionId,
        LocalDate day,
        String subject,
        List<Product> products,
        Instant expiresAt) {

    /** A message of the current shape. */
    public IncomingMessage(String idempotencyKey, String recipientId, String body) {
        this(idempotencyKey, recipientId, body, null, null, null, null, null);
    }

    boolean carriesDayFields() {
        return promotionId != null || day != null || subject != null || products != null || expiresAt != null;
    }
}
