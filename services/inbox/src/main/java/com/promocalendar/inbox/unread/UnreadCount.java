package com.promocalendar.inbox.unread;

/** {@code {"count": n}}: the answer of the count endpoint and the data of each stream event. */
public record UnreadCount(long count) {
}
