package com.promocalendar.calendar.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

import com.promocalendar.calendar.promotion.ScheduleEngine.Occurrence;
import com.promocalendar.calendar.promotion.ScheduleEngine.Resolution;
import com.promocalendar.calendar.promotion.ScheduleEngine.ResolvedTime;

class LocalTimeWarningTest {

    private static final ZoneOffset CET = ZoneOffset.ofHours(1);
    private static final ZoneOffset CEST = ZoneOffset.ofHours(2);

    /** What the engine answers, as given. */
    private record Answers(ResolvedTime start, ResolvedTime end, List<Occurrence> occurrences)
            implements ScheduleEngine.CheckedPromotion {

        @Override
        public String renderMessagesJson(int occurrenceIndex, String recipientsJson) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
        }
    }

    private static ResolvedTime exact(String local, String instant, ZoneOffset offset) {
        return new ResolvedTime(LocalDateTime.parse(local), Instant.parse(instant), offset, Resolution.EXACT);
    }

    private static Occurrence day(int index, String day, String fireAt, ZoneOffset offset, String requested,
            Resolution resolution) {
        return new Occurrence(index, LocalDate.parse(day), Instant.parse(fireAt), offset, LocalTime.parse(requested),
                resolution);
    }

    @Test
    void exactTimesGiveNoWarning() {
        Answers answers = new Answers(exact("2026-07-01T14:00", "2026-07-01T12:00:00Z", CEST),
                exact("2026-07-03T14:00", "2026-07-03T12:00:00Z", CEST),
                List.of(day(0, "2026-07-01", "2026-07-01T12:00:00Z", CEST, "14:00", Resolution.EXACT),
                        day(1, "2026-07-02", "2026-07-02T07:00:00Z", CEST, "09:00", Resolution.EXACT)));
        assertThat(LocalTimeWarning.of("Europe/Berlin", answers)).isEmpty();
    }

    @Test
    void dailySendTimeInTheGapNamesTheDayAndTheTimeItGoesOutAt() {
        Answers answers = new Answers(exact("2027-03-27T10:00", "2027-03-27T09:00:00Z", CET),
                exact("2027-03-30T10:00", "2027-03-30T08:00:00Z", CEST),
                List.of(day(0, "2027-03-27", "2027-03-27T09:00:00Z", CET, "10:00", Resolution.EXACT),
                        day(1, "2027-03-28", "2027-03-28T01:30:00Z", CEST, "02:30", Resolution.GAP_MOVED_LATER),
                        day(2, "2027-03-29", "2027-03-29T00:30:00Z", CEST, "02:30", Resolution.EXACT)));

        assertThat(LocalTimeWarning.of("Europe/Berlin", answers)).containsExactly(new LocalTimeWarning(
                "LOCAL_TIME_IN_GAP", "dailySendTime",
                "The daily send time 02:30 does not exist in Europe/Berlin on 2027-03-28 (the clocks go forward),"
                        + " so that day's message goes out at 03:30 instead.",
                List.of(LocalDate.parse("2027-03-28"))));
    }

    @Test
    void startInTheOverlapAndEndInTheGapAreWarnedOnTheirOwnFields() {
        Answers answers = new Answers(
                new ResolvedTime(LocalDateTime.parse("2027-10-31T02:30"), Instant.parse("2027-10-31T00:30:00Z"), CEST,
                        Resolution.OVERLAP_EARLIER_OFFSET),
                new ResolvedTime(LocalDateTime.parse("2028-03-26T02:15"), Instant.parse("2028-03-26T01:15:00Z"), CEST,
                        Resolution.GAP_MOVED_LATER),
                List.of(day(0, "2027-10-31", "2027-10-31T00:30:00Z", CEST, "02:30", Resolution.OVERLAP_EARLIER_OFFSET)));

        List<LocalTimeWarning> warnings = LocalTimeWarning.of("Europe/Berlin", answers);

        assertThat(warnings).extracting(LocalTimeWarning::code, LocalTimeWarning::field).containsExactly(
                Tuple.tuple("LOCAL_TIME_IN_OVERLAP", "startsAt"),
                Tuple.tuple("LOCAL_TIME_IN_GAP", "endsAt"));
        assertThat(warnings.get(0).message()).isEqualTo("2027-10-31 02:30 happens twice in Europe/Berlin"
                + " (the clocks go back), so the promotion starts at the first of the two, UTC+02:00.");
        assertThat(warnings.get(1).message()).isEqualTo("2028-03-26 02:15 does not exist in Europe/Berlin"
                + " (the clocks go forward), so the promotion ends at 03:15 UTC+02:00 instead.");
        assertThat(warnings.get(1).days()).containsExactly(LocalDate.parse("2028-03-26"));
    }

    @Test
    void severalDaysInTheOverlapMakeOneWarningListingThemAll() {
        Answers answers = new Answers(exact("2026-10-20T12:00", "2026-10-20T10:00:00Z", CEST),
                exact("2027-11-05T12:00", "2027-11-05T11:00:00Z", CET),
                List.of(day(0, "2026-10-20", "2026-10-20T10:00:00Z", CEST, "12:00", Resolution.EXACT),
                        day(5, "2026-10-25", "2026-10-25T00:30:00Z", CEST, "02:30", Resolution.OVERLAP_EARLIER_OFFSET),
                        day(376, "2027-10-31", "2027-10-31T00:30:00Z", CEST, "02:30", Resolution.OVERLAP_EARLIER_OFFSET)));

        List<LocalTimeWarning> warnings = LocalTimeWarning.of("Europe/Berlin", answers);

        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0).code()).isEqualTo("LOCAL_TIME_IN_OVERLAP");
        assertThat(warnings.get(0).days()).containsExactly(LocalDate.parse("2026-10-25"), LocalDate.parse("2027-10-31"));
        assertThat(warnings.get(0).message()).contains("on 2026-10-25, 2027-10-31").contains("UTC+02:00");
    }
}
