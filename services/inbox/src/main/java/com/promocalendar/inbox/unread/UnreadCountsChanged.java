package com.promocalendar.inbox.unread;

import java.util.Set;

/** Published when these people's unread counts may have changed (new messages, read, archived). */
public record UnreadCountsChanged(Set<String> recipientIds) {

    public static UnreadCountsChanged of(String recipientId) {
        return new UnreadCountsChanged(Set.of(recipientId));
    }
}
