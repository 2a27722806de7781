package com.promocalendar.calendar.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.promocalendar.calendar.promotion.ScheduleEngine.Occurrence;
import com.promocalendar.calendar.promotion.ScheduleEngine.Resolution;
import com.promocalendar.calendar.promotion.ScheduleEngine.ResolvedTime;

class PreviewTest {

    private static final ZoneOffset CEST = ZoneOffset.ofHours(2);

    @Test
    void sampleIsTheOnlyRenderedMessage() {
        String rendered = "[{\"subject\":\"Coffee week\",\"body\":\"Hello Ada\",\"day\":\"2026-07-01\"}]";
        Preview preview = Preview.of("Europe/Berlin",
                new ResolvedTime(LocalDateTime.parse("2026-07-01T14:00"), Instant.parse("2026-07-01T12:00:00Z"), CEST, Resolution.EXACT),
                new ResolvedTime(LocalDateTime.parse("2026-07-02T14:00"), Instant.parse("2026-07-02T12:00:00Z"), CEST, Resolution.EXACT),
                List.of(new Occurrence(0, LocalDate.parse("2026-07-01"), Instant.parse("2026-07-01T12:00:00Z"), CEST,
                        LocalTime.of(14, 0), Resolution.EXACT)),
                rendered);

        assertThat(preview.sampleMessage()).isEqualTo("{\"subject\":\"Coffee week\",\"body\":\"Hello Ada\",\"day\":\"2026-07-01\"}");
        assertThat(preview.occurrences()).extracting(Preview.OccurrenceView::fireAt)
                .containsExactly(Instant.parse("2026-07-01T12:00:00Z"));
    }

    @Test
    void aDayInTheSpringGapShowsTheTimeAskedForAndTheTimeItGoesOutAt() {
        Preview preview = Preview.of("Europe/Berlin",
                new ResolvedTime(LocalDateTime.parse("2027-03-29T02:30"), Instant.parse("2027-03-29T00:30:00Z"), CEST, Resolution.EXACT),
                new ResolvedTime(LocalDateTime.parse("2027-10-31T02:30"), Instant.parse("2027-10-31T00:30:00Z"), CEST,
                        Resolution.OVERLAP_EARLIER_OFFSET),
                List.of(new Occurrence(1, LocalDate.parse("2027-03-28"), Instant.parse("2027-03-28T01:30:00Z"), CEST,
                        LocalTime.of(2, 30), Resolution.GAP_MOVED_LATER)),
                null);

        assertThat(preview.timeZone()).isEqualTo("Europe/Berlin");
        assertThat(preview.end()).isEqualTo(new Preview.Boundary("2027-10-31T02:30", Instant.parse("2027-10-31T00:30:00Z"),
                7200, Resolution.OVERLAP_EARLIER_OFFSET));
        assertThat(preview.occurrences()).containsExactly(new Preview.OccurrenceView(1, LocalDate.parse("2027-03-28"),
                Instant.parse("2027-03-28T01:30:00Z"), 7200, "03:30", "02:30", Resolution.GAP_MOVED_LATER));
        assertThat(preview.sampleMessage()).isNull();
    }

    @Test
    void callingAdminIsTheSampleRecipientWithFirstNameOnlyWhenKnown() {
        assertThat(Preview.recipientsJson(new Actor("sub-1", "admin", "Ada")))
                .isEqualTo("[{\"userId\":\"sub-1\",\"username\":\"admin\",\"firstName\":\"Ada\"}]");
        assertThat(Preview.recipientsJson(new Actor("sub-2", "bob", null)))
                .isEqualTo("[{\"userId\":\"sub-2\",\"username\":\"bob\"}]");
    }
}
