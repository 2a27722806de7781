package com.promocalendar.inbox.delivery;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The body of {@code POST /api/internal/inbox/messages:batch} (contracts.md):
 * one promotion day's fields once, then 1 to 1000 messages of
 * {@code {idempotencyKey, recipientId, body}}.
 *
 * <p>The previous shape — every message carrying {@code promotionId},
 * {@code day}, {@code subject} and {@code expiresAt}, the products on each
 * message or once as the batch's {@code products} — is accepted while jobs
 * that send it may still run (a rollout): a batch without its own
 * {@code promotionId} takes the day's fields from its first message, and a
 * message whose fields differ from them is refused. Jobs have only ever sent
 * one day per batch.
 */
public record MessageBatch(
        String promotionId,
        LocalDate day,
        Integer dayNumber,
        Integer dayCount,
        String subject,
        Instant expiresAt,
        List<Product> products,
        List<IncomingMessage> messages) {

    public static final int MAX_MESSAGES = 1000;

    /** Whether this is the previous shape: the day's fields are on the messages, not on the batch. */
    boolean previousShape() {
        return promotionId == null && day == null && dayNumber == null && dayCount == null && subject == null
                && expiresAt == null && messages != null && !messages.isEmpty() && messages.get(0) != null
                && messages.get(0).promotionId() != null;
    }
}
