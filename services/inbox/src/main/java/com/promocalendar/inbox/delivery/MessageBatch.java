package com.promocalendar.inbox.delivery;

import java.util.List;

/**
 * The body of {@code POST /api/internal/inbox/messages:batch}: 1 to 1000 messages.
 *
 * <p>{@code products} is optional: the product list of every message that has
 * none of its own. A day's fan-out sends the same products to every recipient,
 * so the job sends them once per batch instead of 1000 times (half of the
 * request's bytes and most of its parsing). Messages that carry their own
 * {@code products}, as in contracts.md, are accepted as they are.
 */
public record MessageBatch(List<Product> products, List<IncomingMessage> messages) {

    public static final int MAX_MESSAGES = 1000;

    /** A batch in the contracts.md shape: every message carries its products. */
    public MessageBatch(List<IncomingMessage> messages) {
        this(null, messages);
    }
}
