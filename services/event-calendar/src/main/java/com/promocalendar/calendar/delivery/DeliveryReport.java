package com.promocalendar.calendar.delivery;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One shard's outcome of one promotion day, as the job reports it
 * (contracts.md "Calendar — delivery reports"). {@code outcome} is
 * {@code delivered}, {@code skipped} (nothing to send: the promotion was not
 * published any more, or the day not due) or {@code failed} with a {@code reason}.
 */
public record DeliveryReport(LocalDate day, Integer shard, Integer shards, String outcome, String reason,
        Integer recipients, Integer inserted, Integer duplicates, Integer refused, Integer suppressed,
        Instant startedAt, Instant finishedAt) {
}
