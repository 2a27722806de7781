package com.promocalendar.inbox.delivery;

/** How many messages of a batch were new, and how many had a known idempotency key. */
public record BatchResult(int inserted, int duplicates) {
}
