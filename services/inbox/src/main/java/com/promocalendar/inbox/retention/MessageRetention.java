package com.promocalendar.inbox.retention;

import static com.promocalendar.inbox.message.MessageState.EXPIRES_AT;
import static com.promocalendar.inbox.message.MessageState.STATE_JOIN;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Messages leave the database {@code inbox.retention.after-end} (default 90
 * days) after their promotion ended: a monthly partition is dropped once the
 * latest effective end of everything in it is that far in the past — no row
 * is deleted one by one, so neither the ingest nor the badge notices. The
 * granularity is the month: a message goes within a month after its limit, or
 * later when it shares the month with a promotion that ends later. Runs once a
 * day on one replica (advisory lock), and also makes the next months'
 * partitions ahead.
 */
@Component
public class MessageRetention {

    private static final Logger log = LoggerFactory.getLogger(MessageRetention.class);
    private static final long LOCK = 0x1b0c_e7a5_e000_0002L;
    private static final int MONTHS_AHEAD = 2;

    private final JdbcTemplate jdbc;
    private final Partitions partitions;
    private final Duration afterEnd;
    private final Clock clock;

    MessageRetention(JdbcTemplate jdbc, Partitions partitions,
            @Value("${inbox.retention.after-end}") Duration afterEnd) {
        this.jdbc = jdbc;
        this.partitions = partitions;
        this.afterEnd = afterEnd;
        this.clock = Clock.systemUTC();
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStart() {
        makeMonthsAhead(LocalDate.now(clock));
    }

    @Scheduled(cron = "${inbox.retention.cron}", zone = "UTC")
    void daily() {
        Boolean locked = jdbc.queryForObject("SELECT pg_try_advisory_lock(?)", Boolean.class, LOCK);
        if (!Boolean.TRUE.equals(locked)) {
            return; // another replica runs it
        }
        try {
            makeMonthsAhead(LocalDate.now(clock));
            List<String> dropped = dropExpired(clock.instant());
            if (!dropped.isEmpty()) {
                log.info("retention: dropped partitions {} (every promotion in them ended more than {} ago)", dropped, afterEnd);
            }
        } finally {
            jdbc.queryForObject("SELECT pg_advisory_unlock(?)", Boolean.class, LOCK);
        }
    }

    void makeMonthsAhead(LocalDate today) {
        for (int month = 0; month <= MONTHS_AHEAD; month++) {
            partitions.ensureMonthOf(today.plusMonths(month).withDayOfMonth(1));
        }
    }

    /**
     * Drops each partition whose messages all belong to promotions that ended
     * before {@code now - afterEnd}. Only partitions whose last day is that old
     * are looked into (a message's day is never after its promotion's end).
     */
    List<String> dropExpired(Instant now) {
        Instant limit = now.minus(afterEnd);
        LocalDate lastPossibleDay = LocalDate.ofInstant(limit, ZoneOffset.UTC);
        List<String> dropped = new ArrayList<>();
        for (Partitions.Partition partition : partitions.list()) {
            if (partition.until().isAfter(lastPossibleDay.plusDays(1))) {
                continue;
            }
            Timestamp latestEnd = jdbc.queryForObject("SELECT max(" + EXPIRES_AT + ") FROM " + partition.name() + " m "
                    + STATE_JOIN, Timestamp.class);
            if (latestEnd == null || latestEnd.toInstant().isBefore(limit)) {
                partitions.drop(partition);
                // the results' suppressed keys of those days go with them
                jdbc.update("DELETE FROM suppressed_message WHERE day < ?" + (partition.from() == null ? "" : " AND day >= ?"),
                        partition.from() == null ? new Object[] {java.sql.Date.valueOf(partition.until())}
                                : new Object[] {java.sql.Date.valueOf(partition.until()), java.sql.Date.valueOf(partition.from())});
                dropped.add(partition.name());
            }
        }
        return dropped;
    }
}
