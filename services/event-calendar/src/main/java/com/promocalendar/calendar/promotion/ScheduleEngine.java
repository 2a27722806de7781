package com.promocalendar.calendar.promotion;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;

import com.promocalendar.calendar.problem.FieldError;

/**
 * The port to the schedule engine (the WebAssembly component, the one source of
 * truth for time zones, schedules, placeholders and the promotion's own rules).
 * The calendar never interprets the schedule fields itself.
 */
public interface ScheduleEngine {

    /**
     * Reads the whole promotion JSON once — parsed, validated, its schedule resolved —
     * and answers everything else from that reading; close it. Throws {@link Rejected}.
     */
    CheckedPromotion check(String promotionJson);

    /** All occurrences of a promotion, in order (one reading). */
    default List<Occurrence> occurrences(String promotionJson) {
        try (CheckedPromotion promotion = check(promotionJson)) {
            return promotion.occurrences();
        }
    }

    /** A promotion as the engine read it. */
    interface CheckedPromotion extends AutoCloseable {

        /** The start as written and as resolved in the promotion's zone. */
        ResolvedTime start();

        /** The end (exclusive) as written and as resolved. */
        ResolvedTime end();

        List<Occurrence> occurrences();

        /** The inbox messages of one occurrence for these recipients ({@code [{userId, username, firstName?}]}), as JSON. */
        String renderMessagesJson(int occurrenceIndex, String recipientsJson);

        @Override
        void close();
    }

    /** How a local time of the promotion became an instant (shared/spec/schedule.md). */
    enum Resolution {
        /** The local time exists once. */
        EXACT,
        /** It does not exist that day (clocks go forward): moved later by the gap. */
        GAP_MOVED_LATER,
        /** It happens twice that day (clocks go back): the first of the two. */
        OVERLAP_EARLIER_OFFSET
    }

    /** A local date-time as written, the instant it resolved to and the offset there. */
    record ResolvedTime(LocalDateTime requested, Instant instant, ZoneOffset offset, Resolution resolution) {
    }

    /**
     * One daily message: its local day and instant, the offset there, the wall time asked
     * for that day (the start's for occurrence 0, the daily send time after) and how it resolved.
     */
    record Occurrence(int index, LocalDate day, Instant fireAt, ZoneOffset offset, LocalTime requestedTime,
            Resolution resolution) {

        /** The wall time it actually goes out at, in the promotion's zone. */
        LocalTime localTime() {
            return fireAt.atOffset(offset).toLocalTime();
        }
    }

    /** The engine refused the promotion; each error names a field of the promotion JSON. */
    final class Rejected extends RuntimeException {
        private final transient List<FieldError> errors;

        Rejected(List<FieldError> errors) {
            super("promotion rejected by the engine: " + errors);
            this.errors = List.copyOf(errors);
        }

        List<FieldError> errors() {
            return errors;
        }
    }
}
