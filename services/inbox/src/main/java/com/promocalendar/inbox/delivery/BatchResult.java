package com.promocalendar.inbox.delivery;

import java.util.List;

/**
 * The answer to a batch: messages stored now, messages whose key was already
 * stored, messages not stored because their recipient muted the promotion or
 * paused promotion messages, and each refused message with the field that
 * made it so ({@code index} into the batch's {@code messages}).
 */
public record BatchResult(int inserted, int duplicates, int suppressed, List<Refusal> refused) {

    /** One refused message of a batch. */
    public record Refusal(int index, String field, String message) {
    }
}
