package com.promocalendar.inbox.message;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * One promotion's messages to one person, shown as its latest message (the
 * latest not archived, if any) with the thread's counts: {@code unreadInThread}
 * counts unread messages that are neither archived, withdrawn nor expired.
 */
public record InboxThread(
        @JsonUnwrapped InboxMessage latest,
        long unreadInThread,
        long messagesInThread,
        boolean muted) {
}
