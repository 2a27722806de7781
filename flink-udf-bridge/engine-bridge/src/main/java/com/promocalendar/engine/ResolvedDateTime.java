package com.promocalendar.engine;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * The start or the end of a promotion as written and as the engine component resolved it in the
 * promotion's zone.
 *
 * @param requested the local date-time as written in the promotion
 * @param instant the instant it resolved to
 * @param offset the UTC offset in force at {@code instant} in the promotion's zone
 * @param resolution how {@code requested} became {@code instant}
 */
public record ResolvedDateTime(LocalDateTime requested, Instant instant, ZoneOffset offset,
        LocalTimeResolution resolution) {

    public ResolvedDateTime {
        Objects.requireNonNull(requested, "requested");
        Objects.requireNonNull(instant, "instant");
        Objects.requireNonNull(offset, "offset");
        Objects.requireNonNull(resolution, "resolution");
    }

    /** Decodes {@code [yyyymmdd, secondOfDay, instantEpochMillis, offsetSeconds, resolution]}. */
    static ResolvedDateTime unpack(long[] packed) {
        return new ResolvedDateTime(
                LocalDateTime.of(Occurrence.day(packed[0]), LocalTime.ofSecondOfDay(packed[1])),
                Instant.ofEpochMilli(packed[2]),
                ZoneOffset.ofTotalSeconds((int) packed[3]),
                LocalTimeResolution.ofOrdinal(packed[4]));
    }

    /** The local date as written (the first or the last day). */
    public LocalDate day() {
        return requested.toLocalDate();
    }
}
