package com.promocalendar.inbox.unread;

import java.util.Collection;
import java.util.Set;

/**
 * Published when these people's unread counts may have changed (new messages, read, archived);
 * an id may appear more than once.
 */
public record UnreadCountsChanged(Collection<String> recipientIds) {

    public static UnreadCountsChanged of(String recipientId) {
        return new UnreadCountsChanged(Set.of(recipientId));
    }
}
