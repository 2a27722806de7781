package com.promocalendar.inbox.message;

import static com.promocalendar.inbox.message.MessageState.LIVE;

import java.util.Locale;

import com.promocalendar.inbox.problem.BadRequestException;

/**
 * The inbox's views of threads, decided by the thread's latest message (the
 * latest not archived, if any): Active — still news; Ended — expired or
 * withdrawn; Archived — every day of it archived.
 */
enum InboxView {
    ACTIVE("m.archived_at IS NULL AND " + LIVE),
    ENDED("m.archived_at IS NULL AND NOT (" + LIVE + ")"),
    ARCHIVED("m.archived_at IS NOT NULL");

    private final String condition;

    InboxView(String condition) {
        this.condition = condition;
    }

    /** SQL over the thread's latest message {@code m} and its promotion state {@code s}. */
    String condition() {
        return condition;
    }

    static InboxView of(String view) {
        if (view == null || view.isEmpty()) {
            return ACTIVE;
        }
        try {
            return valueOf(view.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("view", "must be one of active, ended, archived");
        }
    }
}
