package com.promocalendar.inbox.message;

import java.util.List;

/** One page of threads; {@code nextCursor} is null on the last page. */
public record ThreadPage(List<InboxThread> items, String nextCursor) {
}
