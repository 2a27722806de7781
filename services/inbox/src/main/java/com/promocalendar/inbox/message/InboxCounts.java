package com.promocalendar.inbox.message;

/** Threads per view; {@code unread} is the badge's number. */
public record InboxCounts(long unread, long active, long ended, long archived) {
}
