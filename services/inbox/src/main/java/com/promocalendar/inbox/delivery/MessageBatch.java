package com.promocalendar.inbox.delivery;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /api/internal/inbox/messages:batch}: 1 to 1000 messages. */
public record MessageBatch(
        @NotEmpty @Size(max = MessageBatch.MAX_MESSAGES) List<@NotNull @Valid IncomingMessage> messages) {

    public static final int MAX_MESSAGES = 1000;
}
