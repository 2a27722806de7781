package com.promocalendar.inbox.message;

import java.util.List;

/** One page of an inbox, newest first; {@code nextCursor} is null on the last page. */
public record MessagePage(List<InboxMessage> items, String nextCursor) {
}
