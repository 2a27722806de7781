package com.promocalendar.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneOffsetTransition;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Property: the component resolves local date-times exactly like
 * {@code java.time.ZonedDateTime.of(localDateTime, zone)} (schedule.md), for the start and for
 * every daily send time. Random local date-times in 2024–2027 over well-known zones, half of
 * them drawn right around a DST transition (gaps and overlaps, 30-minute and 45-minute zones);
 * a fixed seed makes a failure reproducible.
 */
class LocalTimeResolutionPropertyTest {

    private static final List<ZoneId> ZONES = List.of(
            "UTC", "Europe/Berlin", "Europe/London", "America/New_York", "America/Los_Angeles",
            "America/St_Johns", "America/Sao_Paulo", "Australia/Sydney", "Australia/Lord_Howe",
            "Pacific/Auckland", "Pacific/Chatham", "Asia/Kolkata", "Asia/Tokyo", "Asia/Kathmandu")
            .stream().map(ZoneId::of).toList();

    private static final LocalDateTime FIRST = LocalDateTime.parse("2024-01-01T00:00");
    private static final LocalDateTime LAST = LocalDateTime.parse("2027-12-28T00:00");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
    private static final int SAMPLES = 4000;

    private static PromoEngine engine;

    @BeforeAll
    static void createEngine() {
        engine = PromoEngine.create();
    }

    @AfterAll
    static void closeEngine() {
        engine.close();
    }

    @Test
    void startAndDailySendTimesResolveLikeZonedDateTimeOf() {
        SplittableRandom random = new SplittableRandom(20260701L);
        for (int sample = 0; sample < SAMPLES; sample++) {
            ZoneId zone = ZONES.get(random.nextInt(ZONES.size()));
            LocalDateTime start = random.nextBoolean() ? anyTime(random) : nearTransition(random, zone);
            LocalTime sendTime = random.nextBoolean()
                    ? LocalTime.of(random.nextInt(24), random.nextInt(60))
                    : nearTransition(random, zone).toLocalTime();
            LocalDateTime end = start.plusDays(3);
            String promotion = Promotions.json(zone.getId(), LOCAL.format(start), LOCAL.format(end),
                    sendTime.format(DateTimeFormatter.ofPattern("HH:mm")));
            String context = "zone " + zone + ", start " + start + ", send time " + sendTime;

            try (CheckedPromotion schedule = engine.check(promotion)) {
                Instant expectedStart = ZonedDateTime.of(start, zone).toInstant();
                Instant expectedEnd = ZonedDateTime.of(end, zone).toInstant();
                assertThat(schedule.start().instant()).as(context).isEqualTo(expectedStart);
                assertThat(schedule.end().instant()).as(context).isEqualTo(expectedEnd);
                assertThat(schedule.start().resolution()).as(context).isEqualTo(resolution(start, zone));
                assertThat(schedule.end().resolution()).as(context).isEqualTo(resolution(end, zone));
                for (Occurrence occurrence : schedule.occurrences()) {
                    Instant expected = occurrence.index() == 0
                            ? expectedStart
                            : ZonedDateTime.of(occurrence.day(), sendTime, zone).toInstant();
                    assertThat(occurrence.day()).as(context).isEqualTo(start.toLocalDate().plusDays(occurrence.index()));
                    assertThat(occurrence.fireAt()).as(context + ", occurrence " + occurrence.index()).isEqualTo(expected);
                    assertThat(occurrence.offset()).as(context).isEqualTo(zone.getRules().getOffset(expected));
                    assertThat(occurrence.fireAt()).as(context).isBefore(expectedEnd);
                    LocalDateTime requested = occurrence.index() == 0 ? start : occurrence.day().atTime(sendTime);
                    assertThat(occurrence.requestedTime()).as(context).isEqualTo(requested.toLocalTime());
                    assertThat(occurrence.resolution()).as(context + ", occurrence " + occurrence.index())
                            .isEqualTo(resolution(requested, zone));
                }
            }
        }
    }

    /** What java.time says about a local date-time: no valid offset is a gap, two an overlap. */
    private static LocalTimeResolution resolution(LocalDateTime local, ZoneId zone) {
        return switch (zone.getRules().getValidOffsets(local).size()) {
            case 0 -> LocalTimeResolution.GAP_MOVED_LATER;
            case 2 -> LocalTimeResolution.OVERLAP_EARLIER_OFFSET;
            default -> LocalTimeResolution.EXACT;
        };
    }

    private static LocalDateTime anyTime(SplittableRandom random) {
        long minutes = java.time.Duration.between(FIRST, LAST).toMinutes();
        return FIRST.plusMinutes(random.nextLong(minutes));
    }

    /** A local time within 90 minutes of a transition of {@code zone} (or any time if it has none). */
    private static LocalDateTime nearTransition(SplittableRandom random, ZoneId zone) {
        ZoneOffsetTransition transition = zone.getRules().nextTransition(
                ZonedDateTime.of(anyTime(random), zone).toInstant());
        if (transition == null || transition.getDateTimeBefore().toLocalDate().isAfter(LAST.toLocalDate())) {
            return anyTime(random);
        }
        LocalDateTime around = random.nextBoolean() ? transition.getDateTimeBefore() : transition.getDateTimeAfter();
        return around.plusMinutes(random.nextInt(-90, 91)).withSecond(0).withNano(0);
    }

}
