package com.promocalendar.inbox.results;

import java.time.LocalDate;
import java.util.List;

/**
 * An admin's results of one promotion, aggregates only: per delivered day the
 * messages stored ({@code delivered}), those read (archived ones included),
 * archived, and those not stored because their reader muted the promotion,
 * paused promotion messages or was erased ({@code suppressed}). Test messages
 * are left out. Days oldest first.
 */
public record PromotionStats(List<Day> days) {

    public record Day(LocalDate day, long delivered, long read, long archived, long suppressed) {
    }
}
