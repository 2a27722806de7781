package com.promocalendar.inbox.message;

import java.util.List;

/** The days of one thread, newest first. */
public record ThreadMessages(List<InboxMessage> items) {
}
