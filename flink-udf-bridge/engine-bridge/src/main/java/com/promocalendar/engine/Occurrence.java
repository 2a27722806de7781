package com.promocalendar.engine;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * One daily message of a promotion: the local {@code day} it belongs to and the instant
 * {@code fireAt} it goes out, as computed by the engine component (schedule.md), with the wall
 * time asked for that day and how it was resolved.
 *
 * @param index position in the promotion's list of occurrences, 0-based
 * @param day the local calendar day in the promotion's time zone
 * @param fireAt the instant the message is sent
 * @param offset the UTC offset in force at {@code fireAt} in the promotion's zone
 * @param requestedTime the wall time asked for on {@code day}: the time of day of the start for
 *     occurrence 0, the daily send time after it
 * @param resolution how {@code requestedTime} on {@code day} became {@code fireAt}
 */
public record Occurrence(int index, LocalDate day, Instant fireAt, ZoneOffset offset, LocalTime requestedTime,
        LocalTimeResolution resolution) {

    public Occurrence {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(fireAt, "fireAt");
        Objects.requireNonNull(offset, "offset");
        Objects.requireNonNull(requestedTime, "requestedTime");
        Objects.requireNonNull(resolution, "resolution");
    }

    /** The wall time the message actually goes out at, in the promotion's zone. */
    public LocalTime localTime() {
        return fireAt.atOffset(offset).toLocalTime();
    }

    /** Number of {@code long}s one occurrence takes in the packed form the native side returns. */
    static final int PACKED_LENGTH = 6;

    /**
     * Decodes {@code [index, yyyymmdd, fireAtEpochMillis, offsetSeconds, requestedSecondOfDay,
     * resolution]} starting at {@code at}: the native library returns primitive arrays so that a
     * call crosses JNI once.
     */
    static Occurrence unpack(long[] packed, int at) {
        return new Occurrence(
                (int) packed[at],
                day(packed[at + 1]),
                Instant.ofEpochMilli(packed[at + 2]),
                ZoneOffset.ofTotalSeconds((int) packed[at + 3]),
                LocalTime.ofSecondOfDay(packed[at + 4]),
                LocalTimeResolution.ofOrdinal(packed[at + 5]));
    }

    /** {@code yyyymmdd} as a date. */
    static LocalDate day(long yearMonthDay) {
        return LocalDate.of((int) (yearMonthDay / 10_000), (int) (yearMonthDay / 100 % 100), (int) (yearMonthDay % 100));
    }
}
