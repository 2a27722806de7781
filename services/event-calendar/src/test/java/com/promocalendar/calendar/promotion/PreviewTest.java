package com.promocalendar.calendar.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

class PreviewTest {

    @Test
    void sampleIsTheOnlyRenderedMessage() {
        String rendered = "[{\"subject\":\"Coffee week\",\"body\":\"Hello Ada\",\"day\":\"2026-07-01\"}]";
        Preview preview = Preview.of(List.of(new ScheduleEngine.Occurrence(0, LocalDate.parse("2026-07-01"),
                Instant.parse("2026-07-01T12:00:00Z"))), rendered);

        assertThat(preview.sampleMessage()).isEqualTo("{\"subject\":\"Coffee week\",\"body\":\"Hello Ada\",\"day\":\"2026-07-01\"}");
        assertThat(preview.occurrences()).extracting(Preview.OccurrenceView::fireAt)
                .containsExactly(Instant.parse("2026-07-01T12:00:00Z"));
    }

    @Test
    void callingAdminIsTheSampleRecipientWithFirstNameOnlyWhenKnown() {
        assertThat(Preview.recipientsJson(new Actor("sub-1", "admin", "Ada")))
                .isEqualTo("[{\"userId\":\"sub-1\",\"username\":\"admin\",\"firstName\":\"Ada\"}]");
        assertThat(Preview.recipientsJson(new Actor("sub-2", "bob", null)))
                .isEqualTo("[{\"userId\":\"sub-2\",\"username\":\"bob\"}]");
    }
}
