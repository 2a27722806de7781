package com.promocalendar.inbox.delivery;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

/**
 * One message of the daily fan-out (contracts.md, "Inbox message"). The limits
 * keep one batch of 1000 far below a few megabytes and every column bounded;
 * {@link BatchValidation} enforces them.
 */
public record IncomingMessage(
        String idempotencyKey,
        String recipientId,
        String promotionId,
        @JsonDeserialize(using = RememberingDeserializer.class) LocalDate day,
        String subject,
        String body,
        List<Product> products,
        @JsonDeserialize(using = RememberingDeserializer.class) Instant expiresAt) {

    static final int MAX_IDEMPOTENCY_KEY = 200;
    static final int MAX_RECIPIENT_ID = 255;
    static final int MAX_PROMOTION_ID = 100;
    static final int MAX_SUBJECT = 300;
    static final int MAX_BODY = 10_000;
    static final int MAX_PRODUCTS = 50;
}
