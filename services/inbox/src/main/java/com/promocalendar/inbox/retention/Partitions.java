package com.promocalendar.inbox.retention;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The monthly partitions of {@code message} (V7): one per calendar month of
 * {@code day}, named {@code message_YYYY_MM}; before them the legacy partition
 * (every day before the partitioning). Months are made ahead by
 * {@link MessageRetention}, and on demand when a batch's day has none.
 */
@Component
public class Partitions {

    /** {@code FOR VALUES FROM ('2026-12-01') TO ('2027-01-01')}, or {@code FROM (MINVALUE)} for the legacy partition. */
    private static final Pattern BOUNDS = Pattern.compile("FROM \\((?:'([0-9-]+)'|MINVALUE)\\) TO \\('([0-9-]+)'\\)");
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("'message_'yyyy_MM");

    /** One partition and the days it holds, {@code from} inclusive (null: every earlier day), {@code until} exclusive. */
    public record Partition(String name, LocalDate from, LocalDate until) {
    }

    private final JdbcTemplate jdbc;

    Partitions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<Partition> list() {
        return jdbc.query("""
                SELECT c.relname, pg_get_expr(c.relpartbound, c.oid)
                  FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                 WHERE i.inhparent = 'message'::regclass
                 ORDER BY 1
                """, (row, n) -> partition(row.getString(1), row.getString(2)));
    }

    /**
     * Makes the month of {@code day} if no partition holds that day yet. Two
     * replicas may race: the loser's CREATE fails and the partition is there.
     */
    public void ensureMonthOf(LocalDate day) {
        if (list().stream().anyMatch(p -> (p.from() == null || !day.isBefore(p.from())) && day.isBefore(p.until()))) {
            return;
        }
        YearMonth month = YearMonth.from(day);
        try {
            jdbc.execute("CREATE TABLE IF NOT EXISTS " + month.atDay(1).format(NAME) + " PARTITION OF message FOR VALUES FROM ('"
                    + month.atDay(1) + "') TO ('" + month.plusMonths(1).atDay(1) + "')"
                    + " WITH (autovacuum_vacuum_insert_scale_factor = 0.05)");
        } catch (DataAccessException raced) {
            if (list().stream().noneMatch(p -> p.until().isAfter(day) && (p.from() == null || !day.isBefore(p.from())))) {
                throw raced;
            }
        }
    }

    /** Detaches without blocking reads and writes of the other partitions, then drops. */
    void drop(Partition partition) {
        jdbc.execute("ALTER TABLE message DETACH PARTITION " + partition.name() + " CONCURRENTLY");
        jdbc.execute("DROP TABLE " + partition.name());
    }

    private static Partition partition(String name, String bounds) {
        Matcher matcher = BOUNDS.matcher(bounds);
        if (!matcher.find()) {
            throw new IllegalStateException("partition " + name + " has bounds this service did not make: " + bounds);
        }
        return new Partition(name, matcher.group(1) == null ? null : LocalDate.parse(matcher.group(1)),
                LocalDate.parse(matcher.group(2)));
    }
}
