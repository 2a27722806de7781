package com.promocalendar.calendar.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.promocalendar.calendar.problem.ApiException;
import com.promocalendar.calendar.problem.FieldError;
import com.promocalendar.calendar.promotion.ScheduleEngine;

/**
 * The job's shard reports and each due day's delivery status. A report is
 * stored per (promotion, day, shard), a re-run replacing it; the days come from
 * the engine's occurrences of the stored promotion (never computed here), the
 * statuses from the reports.
 */
@Service
class DeliveryReports {

    static final Set<String> OUTCOMES = Set.of("delivered", "skipped", "failed");
    static final int MAX_REASON = 200;
    private static final String FOREIGN_KEY_VIOLATION = "23503";

    private final JdbcClient db;
    private final ScheduleEngine engine;
    private final Clock clock;
    private final Duration grace;

    DeliveryReports(JdbcClient db, ScheduleEngine engine, Clock clock,
            @Value("${calendar.deliveries.missing-after:PT10M}") Duration grace) {
        this.db = db;
        this.engine = engine;
        this.clock = clock;
        this.grace = grace;
    }

    private record Stored(String document, String status) {
    }

    private Optional<Stored> promotion(UUID id) {
        return db.sql("select document::text, status from promotion where id = ?").param(id)
                .query((row, n) -> new Stored(row.getString(1), row.getString(2))).optional();
    }

    void store(UUID promotionId, DeliveryReport report) {
        List<FieldError> errors = check(report);
        if (!errors.isEmpty()) {
            throw new ApiException(org.springframework.http.HttpStatus.BAD_REQUEST, "The report is not valid.", errors);
        }
        try {
            insert(promotionId, report);
        } catch (DataIntegrityViolationException e) {
            // the foreign key (V7): no such promotion, or it was deleted while the shard ran
            if (e.getMostSpecificCause() instanceof SQLException cause && FOREIGN_KEY_VIOLATION.equals(cause.getSQLState())) {
                throw ApiException.notFound("Promotion");
            }
            throw e;
        }
    }

    private void insert(UUID promotionId, DeliveryReport report) {
        db.sql("""
                insert into delivery_report (promotion_id, day, shard, shards, outcome, reason, recipients, inserted,
                                             duplicates, refused, suppressed, started_at, finished_at, reported_at)
                values (:promotion, :day, :shard, :shards, :outcome, :reason, :recipients, :inserted,
                        :duplicates, :refused, :suppressed, :started, :finished, :reported)
                on conflict (promotion_id, day, shard) do update set
                    shards = excluded.shards, outcome = excluded.outcome, reason = excluded.reason,
                    recipients = excluded.recipients, inserted = excluded.inserted, duplicates = excluded.duplicates,
                    refused = excluded.refused, suppressed = excluded.suppressed, started_at = excluded.started_at,
                    finished_at = excluded.finished_at, reported_at = excluded.reported_at
                -- a shard once delivered stays delivered: a later run of the day (a re-sent event, a retry
                -- after the admin unpublished) that skips or fails takes back nothing the first one stored
                where delivery_report.outcome <> 'delivered' or excluded.outcome = 'delivered'
                """)
                .param("promotion", promotionId)
                .param("day", report.day())
                .param("shard", report.shard())
                .param("shards", report.shards())
                .param("outcome", report.outcome())
                .param("reason", report.reason())
                .param("recipients", report.recipients())
                .param("inserted", report.inserted())
                .param("duplicates", report.duplicates())
                .param("refused", report.refused())
                .param("suppressed", report.suppressed())
                .param("started", utc(report.startedAt()))
                .param("finished", utc(report.finishedAt()))
                .param("reported", utc(clock.instant()))
                .update();
    }

    static List<FieldError> check(DeliveryReport report) {
        List<FieldError> errors = new ArrayList<>();
        if (report.day() == null) {
            errors.add(new FieldError("day", "is required (YYYY-MM-DD)"));
        }
        if (report.shards() == null || report.shards() < 1 || report.shards() > 10_000) {
            errors.add(new FieldError("shards", "must be 1–10000"));
        }
        if (report.shard() == null || report.shard() < 0
                || report.shards() != null && report.shard() >= report.shards()) {
            errors.add(new FieldError("shard", "must be 0 to shards - 1"));
        }
        if (report.outcome() == null || !OUTCOMES.contains(report.outcome())) {
            errors.add(new FieldError("outcome", "must be delivered, skipped or failed"));
        }
        if (report.reason() != null && report.reason().codePointCount(0, report.reason().length()) > MAX_REASON) {
            errors.add(new FieldError("reason", "must be at most " + MAX_REASON + " characters"));
        }
        if ("failed".equals(report.outcome()) && (report.reason() == null || report.reason().isBlank())) {
            errors.add(new FieldError("reason", "is required when the outcome is failed"));
        }
        count(errors, "recipients", report.recipients());
        count(errors, "inserted", report.inserted());
        count(errors, "duplicates", report.duplicates());
        count(errors, "refused", report.refused());
        count(errors, "suppressed", report.suppressed());
        if (report.startedAt() == null) {
            errors.add(new FieldError("startedAt", "is required"));
        }
        if (report.finishedAt() == null) {
            errors.add(new FieldError("finishedAt", "is required"));
        } else if (report.startedAt() != null && report.finishedAt().isBefore(report.startedAt())) {
            errors.add(new FieldError("finishedAt", "must not be before startedAt"));
        }
        return errors;
    }

    private static void count(List<FieldError> errors, String field, Integer value) {
        if (value == null || value < 0) {
            errors.add(new FieldError(field, "must be a count, 0 or more"));
        }
    }

    private record Row(LocalDate day, int shard, int shards, String outcome, String reason, long recipients,
            long inserted, long duplicates, long refused, long suppressed, Instant startedAt, Instant finishedAt) {
    }

    /**
     * Each due day (its send time passed) of a published promotion, oldest first,
     * with the status its reports give; days of an unpublished promotion only as
     * far as they were reported, a draft has none. A day reported but no longer
     * among the occurrences (the schedule changed) is listed too.
     */
    DeliveryDay.Days days(UUID promotionId) {
        Stored stored = promotion(promotionId).orElseThrow(() -> ApiException.notFound("Promotion"));
        Instant now = clock.instant();
        Map<LocalDate, List<Row>> reports = new TreeMap<>();
        db.sql("select * from delivery_report where promotion_id = ? order by day, shard").param(promotionId)
                .query((row, n) -> row(row)).list()
                .forEach(row -> reports.computeIfAbsent(row.day(), d -> new ArrayList<>()).add(row));
        Map<LocalDate, ScheduleEngine.Occurrence> due = new TreeMap<>();
        if ("PUBLISHED".equals(stored.status())) {
            try {
                for (ScheduleEngine.Occurrence occurrence : engine.occurrences(stored.document())) {
                    if (!occurrence.fireAt().isAfter(now)) {
                        due.put(occurrence.day(), occurrence);
                    }
                }
            } catch (ScheduleEngine.Rejected stale) {
                // a stored promotion the engine no longer accepts: its reports still tell what happened
            }
        }
        TreeMap<LocalDate, Boolean> days = new TreeMap<>();
        due.keySet().forEach(day -> days.put(day, true));
        reports.keySet().forEach(day -> days.put(day, true));
        List<DeliveryDay> result = new ArrayList<>();
        for (LocalDate day : days.keySet()) {
            ScheduleEngine.Occurrence occurrence = due.get(day);
            result.add(day(day, occurrence, reports.getOrDefault(day, List.of()), now));
        }
        return new DeliveryDay.Days(result);
    }

    private DeliveryDay day(LocalDate day, ScheduleEngine.Occurrence occurrence, List<Row> shards, Instant now) {
        Integer dayNumber = occurrence == null ? null : occurrence.index() + 1;
        Instant fireAt = occurrence == null ? null : occurrence.fireAt();
        if (shards.isEmpty()) {
            boolean missing = fireAt != null && fireAt.plus(grace).isBefore(now);
            return new DeliveryDay(day, dayNumber, fireAt, "due", missing, null, null, 0, 0, 0, 0, 0, 0, null, null);
        }
        int expected = shards.stream().mapToInt(Row::shards).max().orElse(1);
        Optional<Row> failed = shards.stream().filter(r -> "failed".equals(r.outcome())).findFirst();
        String status;
        if (failed.isPresent()) {
            status = "failed";
        } else if (shards.size() < expected) {
            status = "running";
        } else if (shards.stream().allMatch(r -> "skipped".equals(r.outcome()))) {
            status = "skipped";
        } else {
            status = "delivered";
        }
        String reason = failed.map(Row::reason)
                .orElse("skipped".equals(status) ? shards.get(0).reason() : null);
        return new DeliveryDay(day, dayNumber, fireAt, status, false, reason, expected, shards.size(),
                shards.stream().mapToLong(Row::recipients).sum(), shards.stream().mapToLong(Row::inserted).sum(),
                shards.stream().mapToLong(Row::duplicates).sum(), shards.stream().mapToLong(Row::refused).sum(),
                shards.stream().mapToLong(Row::suppressed).sum(),
                shards.stream().map(Row::startedAt).min(Instant::compareTo).orElse(null),
                shards.stream().map(Row::finishedAt).max(Instant::compareTo).orElse(null));
    }

    private static Row row(ResultSet row) throws SQLException {
        return new Row(row.getObject("day", LocalDate.class), row.getInt("shard"), row.getInt("shards"),
                row.getString("outcome"), row.getString("reason"), row.getLong("recipients"), row.getLong("inserted"),
                row.getLong("duplicates"), row.getLong("refused"), row.getLong("suppressed"),
                row.getObject("started_at", OffsetDateTime.class).toInstant(),
                row.getObject("finished_at", OffsetDateTime.class).toInstant());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
