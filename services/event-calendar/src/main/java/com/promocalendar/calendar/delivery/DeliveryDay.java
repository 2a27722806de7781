package com.promocalendar.calendar.delivery;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One due day of a promotion as the admin sees it: {@code status} is
 * {@code due} (no report yet), {@code running} (some of its shards reported),
 * {@code delivered}, {@code skipped} or {@code failed} (with the {@code reason}
 * of a failed shard); {@code missing} when it is due for longer than the grace
 * period and no shard reported. Counts are the sums over the reported shards.
 */
public record DeliveryDay(LocalDate day, Integer dayNumber, Instant fireAt, String status, boolean missing,
        String reason, Integer shards, int shardsReported, long recipients, long inserted, long duplicates,
        long refused, long suppressed, Instant startedAt, Instant finishedAt) {

    public record Days(List<DeliveryDay> days) {
    }
}
