package com.promocalendar.inbox.message;

import java.util.List;

/** The days of one thread, newest first, and whether the reader muted its promotion. */
public record ThreadMessages(List<InboxMessage> items, boolean muted) {
}
