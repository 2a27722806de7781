package com.promocalendar.inbox.delivery;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * An admin's "Send me a test" (contracts.md {@code POST /api/internal/inbox/test-messages}):
 * one rendered message of one promotion day for the admin, stored flagged
 * {@code test} under its own key {@code {promotionId}/test/{version}/{day}/{recipientId}},
 * so it never collides with the real message of that day and is never counted in results.
 */
public record TestMessage(
        String promotionId,
        Long version,
        LocalDate day,
        Integer dayNumber,
        Integer dayCount,
        String subject,
        Instant expiresAt,
        List<Product> products,
        String recipientId,
        String body) {

    /** The day's batch of this one message, with the key a real message would have (checked as such). */
    MessageBatch asBatch() {
        String key = promotionId + "/" + day + "/" + recipientId;
        return new MessageBatch(promotionId, day, dayNumber, dayCount, subject, expiresAt, products,
                List.of(new IncomingMessage(key, recipientId, body)));
    }

    String testKey() {
        return promotionId + "/test/" + version + "/" + day + "/" + recipientId;
    }
}
