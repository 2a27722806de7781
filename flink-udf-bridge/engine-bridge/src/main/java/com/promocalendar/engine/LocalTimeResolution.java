package com.promocalendar.engine;

/**
 * How a local date-time of a promotion became an instant in its zone (shared/spec/schedule.md,
 * "Resolving a local date-time"), exactly as {@code java.time.ZonedDateTime.of} resolves it: the
 * WIT enum {@code local-time-resolution}. The order is the native library's encoding.
 */
public enum LocalTimeResolution {
    /** The local time exists once in the zone: its one instant. */
    EXACT,
    /** The local time does not exist that day (clocks jump forward): moved later by the gap. */
    GAP_MOVED_LATER,
    /** The local time happens twice that day (clocks go back): the earlier instant. */
    OVERLAP_EARLIER_OFFSET;

    private static final LocalTimeResolution[] VALUES = values();

    static LocalTimeResolution ofOrdinal(long ordinal) {
        return VALUES[(int) ordinal];
    }
}
