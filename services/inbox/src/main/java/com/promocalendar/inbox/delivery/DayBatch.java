package com.promocalendar.inbox.delivery;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A checked batch: the day's fields, the messages that may be stored (with
 * their index in the request) and the ones that were refused.
 */
record DayBatch(
        String promotionId,
        LocalDate day,
        Integer dayNumber,
        Integer dayCount,
        String subject,
        Instant expiresAt,
        List<Product> products,
        List<Accepted> accepted,
        List<BatchResult.Refusal> refused) {

    /** A message that passed every check. */
    record Accepted(int index, String idempotencyKey, String recipientId, String body) {
    }
}
