package com.promocalendar.calendar.promotion;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.promocalendar.calendar.problem.FieldError;

/**
 * The port to the schedule engine (the WebAssembly component, the one source of
 * truth for time zones, schedules, placeholders and the promotion's own rules).
 * The calendar never interprets the schedule fields itself.
 */
public interface ScheduleEngine {

    /** Validates the whole promotion JSON and resolves its interval; throws {@link Rejected}. */
    Interval check(String promotionJson);

    List<Occurrence> occurrences(String promotionJson);

    /** The inbox messages of one occurrence for these recipients ({@code [{userId, username, firstName?}]}), as JSON. */
    String renderMessagesJson(String promotionJson, int occurrenceIndex, String recipientsJson);

    record Interval(Instant starts, Instant ends) {
    }

    record Occurrence(int index, LocalDate day, Instant fireAt) {
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
