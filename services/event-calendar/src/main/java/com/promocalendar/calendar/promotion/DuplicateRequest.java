package com.promocalendar.calendar.promotion;

import com.promocalendar.calendar.problem.ApiException;

/**
 * Where a copy goes ({@code POST /api/promotions/{id}/duplicate}): local
 * date-times in the original's zone, like the promotion JSON. Both or neither:
 * without them the copy runs a week later (the same weekdays of the next week).
 */
record DuplicateRequest(String startsAt, String endsAt) {

    /** True when the copy has its own dates; a 400 naming the missing one when only one is given. */
    boolean givesDates() {
        boolean start = startsAt != null && !startsAt.isBlank();
        boolean end = endsAt != null && !endsAt.isBlank();
        if (start != end) {
            throw ApiException.badRequest(start ? "endsAt" : "startsAt", "is required together with "
                    + (start ? "startsAt" : "endsAt"));
        }
        return start;
    }
}
