package com.promocalendar.inbox.results;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Counts one promotion's messages per day. The counts come from the index
 * {@code message_promotion_day (promotion_id, day) INCLUDE (read_at, archived_at) WHERE NOT test}
 * (V9): an index-only scan of that promotion's rows in each partition, no
 * counter kept on the ingest's path. Suppressed messages are the keys
 * {@code MessageDelivery} recorded in {@code suppressed_message} (V8).
 */
@Repository
class PromotionStatsStore {

    private final JdbcTemplate jdbc;

    PromotionStatsStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    PromotionStats of(String promotionId) {
        Map<LocalDate, long[]> days = new TreeMap<>();
        jdbc.query("""
                SELECT day, count(*), count(read_at), count(archived_at)
                  FROM message WHERE promotion_id = ? AND NOT test
                 GROUP BY day
                """, row -> {
            long[] counts = days.computeIfAbsent(row.getObject(1, LocalDate.class), d -> new long[4]);
            counts[0] = row.getLong(2);
            counts[1] = row.getLong(3);
            counts[2] = row.getLong(4);
        }, promotionId);
        jdbc.query("SELECT day, count(*) FROM suppressed_message WHERE promotion_id = ? GROUP BY day", row -> {
            days.computeIfAbsent(row.getObject(1, LocalDate.class), d -> new long[4])[3] = row.getLong(2);
        }, promotionId);
        List<PromotionStats.Day> result = new ArrayList<>(days.size());
        days.forEach((day, c) -> result.add(new PromotionStats.Day(day, c[0], c[1], c[2], c[3])));
        return new PromotionStats(result);
    }
}
