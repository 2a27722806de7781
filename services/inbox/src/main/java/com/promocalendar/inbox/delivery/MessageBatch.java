package com.promocalendar.inbox.delivery;

import java.util.List;

/** The body of {@code POST /api/internal/inbox/messages:batch}: 1 to 1000 messages. */
public record MessageBatch(List<IncomingMessage> messages) {

    public static final int MAX_MESSAGES = 1000;
}
