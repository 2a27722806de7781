package com.promocalendar.engine;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * One daily message of a promotion: the local {@code day} it belongs to and the instant
 * {@code fireAt} it goes out, as computed by the engine component (schedule.md).
 *
 * @param index position in the promotion's list of occurrences, 0-based
 * @param day the local calendar day in the promotion's time zone
 * @param fireAt the instant the message is sent
 * @param offset the UTC offset in force at {@code fireAt} in the promotion's zone
 */
public record Occurrence(int index, LocalDate day, Instant fireAt, ZoneOffset offset) {

    public Occurrence {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(fireAt, "fireAt");
        Objects.requireNonNull(offset, "offset");
    }

    /** Number of {@code long}s one occurrence takes in the packed form the native side returns. */
    static final int PACKED_LENGTH = 4;

    /**
     * Decodes {@code [index, yyyymmdd, fireAtEpochMillis, offsetSeconds]} starting at {@code at}:
     * the native library returns primitive arrays so that a call crosses JNI once.
     */
    static Occurrence unpack(long[] packed, int at) {
        long yearMonthDay = packed[at + 1];
        LocalDate day = LocalDate.of(
                (int) (yearMonthDay / 10_000), (int) (yearMonthDay / 100 % 100), (int) (yearMonthDay % 100));
        return new Occurrence(
                (int) packed[at],
                day,
                Instant.ofEpochMilli(packed[at + 2]),
                ZoneOffset.ofTotalSeconds((int) packed[at + 3]));
    }
}
