package com.promocalendar.scheduler.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.promocalendar.engine.LocalTimeResolution;
import com.promocalendar.engine.Occurrence;
import com.promocalendar.scheduler.TestPromotions;
import com.promocalendar.scheduler.timers.DueOccurrence;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The due-day CloudEvent has the shape of contracts.md. */
class OccurrenceEventsTest {

    @Test
    void dueDayBecomesAStructuredCloudEventWithADeterministicId() throws Exception {
        String promotion = TestPromotions.week(4, "PUBLISHED", "09:00");
        DueOccurrence due = new DueOccurrence("p-week", promotion, new Occurrence(
                1, LocalDate.parse("2026-07-02"), Instant.parse("2026-07-02T07:00:00Z"), ZoneOffset.ofHours(2),
                LocalTime.of(9, 0), LocalTimeResolution.EXACT));

        JsonNode event = new ObjectMapper().readTree(OccurrenceEvents.serialize(OccurrenceEvents.of(due)));

        assertThat(event.path("specversion").asText()).isEqualTo("1.0");
        assertThat(event.path("type").asText()).isEqualTo("promo.occurrence.due");
        assertThat(event.path("source").asText()).isEqualTo("urn:promo-calendar:scheduler");
        assertThat(event.path("id").asText()).isEqualTo("p-week.2026-07-02");
        assertThat(event.path("subject").asText()).isEqualTo("p-week");
        assertThat(event.path("datacontenttype").asText()).isEqualTo("application/json");
        assertThat(event.path("data").path("promotion")).isEqualTo(new ObjectMapper().readTree(promotion));
        assertThat(event.path("data").path("occurrence").path("index").asInt()).isEqualTo(1);
        assertThat(event.path("data").path("occurrence").path("day").asText()).isEqualTo("2026-07-02");
        assertThat(event.path("data").path("occurrence").path("fireAt").asText()).isEqualTo("2026-07-02T09:00:00+02:00");
    }

    @Test
    void theEventsItBuildsPassItsOwnValidationAndABrokenOneIsNamed() {
        String promotion = TestPromotions.week(4, "PUBLISHED", "09:00");
        Occurrence day = new Occurrence(1, LocalDate.parse("2026-07-02"), Instant.parse("2026-07-02T07:00:00Z"),
                ZoneOffset.ofHours(2), LocalTime.of(9, 0), LocalTimeResolution.EXACT);
        CloudEvent event = OccurrenceEvents.of(new DueOccurrence("p-week", promotion, day));
        assertThat(OccurrenceEvents.validate(event)).isSameAs(event);

        String slashed = promotion.replace("\"id\":\"p-week\"", "\"id\":\"p/week\"");
        assertThatThrownBy(() -> OccurrenceEvents.validate(OccurrenceEvents.of(new DueOccurrence("p/week", slashed, day))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("data.promotion.id");
        CloudEvent otherId = CloudEventBuilder.v1(event).withId("p-week.2026-07-03").build();
        assertThatThrownBy(() -> OccurrenceEvents.validate(otherId)).hasMessageContaining("{promotionId}.{day}");
    }
}
