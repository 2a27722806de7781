package com.promocalendar.calendar.promotion;

import static com.promocalendar.calendar.PromotionJson.promotion;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.promocalendar.calendar.Api.Response;
import com.promocalendar.calendar.IntegrationTest;
import com.promocalendar.calendar.Tokens;

/**
 * Local times that a daylight-saving change skips or repeats (Europe/Berlin): the preview
 * says how the engine resolved each day, the start and the end, and a save warns — never refuses.
 */
class LocalTimeResolutionIT extends IntegrationTest {

    private Response create(ObjectNode body) {
        Response created = api().post("/api/promotions", Tokens.admin(), body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created;
    }

    private static List<JsonNode> timeWarnings(Response response) {
        List<JsonNode> warnings = new ArrayList<>();
        response.json().path("warnings").forEach(warning -> {
            if (warning.path("code").asText().startsWith("LOCAL_TIME_IN_")) {
                warnings.add(warning);
            }
        });
        return warnings;
    }

    @Test
    void aDailySendTimeInTheSpringGapIsPreviewedAsMovedLaterAndWarnedOnSave() {
        // Berlin 2027-03-28: 02:00 CET -> 03:00 CEST, so 02:30 does not exist that day.
        ObjectNode body = promotion(LocalDateTime.parse("2027-03-27T10:00"), LocalDateTime.parse("2027-03-30T10:00"),
                "COF-1001").put("dailySendTime", "02:30");
        Response created = create(body);

        List<JsonNode> warnings = timeWarnings(created);
        assertThat(warnings).hasSize(1);
        JsonNode gap = warnings.get(0);
        assertThat(gap.path("code").asText()).isEqualTo("LOCAL_TIME_IN_GAP");
        assertThat(gap.path("field").asText()).isEqualTo("dailySendTime");
        assertThat(gap.path("days")).extracting(JsonNode::asText).containsExactly("2027-03-28");
        assertThat(gap.path("message").asText()).contains("02:30").contains("03:30").contains("Europe/Berlin");
        assertThat(gap.has("promotionId")).as("fields of other warnings are left out").isFalse();
        assertThat(timeWarnings(api().get("/api/promotions/" + created.id(), Tokens.admin()))).hasSize(1);

        Response preview = api().get("/api/promotions/" + created.id() + "/preview", Tokens.admin());
        assertThat(preview.status()).as(preview.toString()).isEqualTo(200);
        JsonNode json = preview.json();
        assertThat(json.path("timeZone").asText()).isEqualTo("Europe/Berlin");
        assertThat(json.path("start").path("requested").asText()).isEqualTo("2027-03-27T10:00");
        assertThat(json.path("start").path("instant").asText()).isEqualTo("2027-03-27T09:00:00Z");
        assertThat(json.path("start").path("utcOffsetSeconds").asInt()).isEqualTo(3600);
        assertThat(json.path("start").path("resolution").asText()).isEqualTo("EXACT");
        assertThat(json.path("end").path("instant").asText()).isEqualTo("2027-03-30T08:00:00Z");
        assertThat(json.path("end").path("utcOffsetSeconds").asInt()).isEqualTo(7200);

        JsonNode days = json.path("occurrences");
        assertThat(days).hasSize(4);
        JsonNode first = days.get(0);
        assertThat(first.path("localTime").asText()).isEqualTo("10:00");
        assertThat(first.path("requestedTime").asText()).isEqualTo("10:00");
        assertThat(first.path("resolution").asText()).isEqualTo("EXACT");
        JsonNode moved = days.get(1);
        assertThat(moved.path("day").asText()).isEqualTo("2027-03-28");
        assertThat(moved.path("fireAt").asText()).isEqualTo("2027-03-28T01:30:00Z");
        assertThat(moved.path("utcOffsetSeconds").asInt()).isEqualTo(7200);
        assertThat(moved.path("requestedTime").asText()).isEqualTo("02:30");
        assertThat(moved.path("localTime").asText()).isEqualTo("03:30");
        assertThat(moved.path("resolution").asText()).isEqualTo("GAP_MOVED_LATER");
        JsonNode after = days.get(2);
        assertThat(after.path("localTime").asText()).isEqualTo("02:30");
        assertThat(after.path("utcOffsetSeconds").asInt()).isEqualTo(7200);
        assertThat(after.path("resolution").asText()).isEqualTo("EXACT");

        api().delete("/api/promotions/" + created.id(), Tokens.admin(), created.version());
    }

    @Test
    void aStartInTheAutumnOverlapAndAnEndInTheSpringGapAreWarnedOnEverySave() {
        // 2027-10-31 02:30 happens twice (the first, CEST, is taken); 2028-03-26 02:15 does not exist.
        ObjectNode body = promotion(LocalDateTime.parse("2027-10-31T02:30"), LocalDateTime.parse("2028-03-26T02:15"),
                "TEA-2001").put("dailySendTime", "12:00");
        Response created = create(body);

        List<JsonNode> warnings = timeWarnings(created);
        assertThat(warnings).extracting(w -> w.path("code").asText() + " " + w.path("field").asText() + " "
                + w.path("days").get(0).asText())
                .containsExactly("LOCAL_TIME_IN_OVERLAP startsAt 2027-10-31", "LOCAL_TIME_IN_GAP endsAt 2028-03-26");

        Response preview = api().get("/api/promotions/" + created.id() + "/preview", Tokens.admin());
        assertThat(preview.json().path("start").path("resolution").asText()).isEqualTo("OVERLAP_EARLIER_OFFSET");
        assertThat(preview.json().path("start").path("instant").asText()).isEqualTo("2027-10-31T00:30:00Z");
        assertThat(preview.json().path("end").path("resolution").asText()).isEqualTo("GAP_MOVED_LATER");
        assertThat(preview.json().path("end").path("requested").asText()).isEqualTo("2028-03-26T02:15");
        assertThat(preview.json().path("end").path("instant").asText()).isEqualTo("2028-03-26T01:15:00Z");

        // Moving the start out of the overlap drops that warning; the save is never refused.
        Response updated = api().put("/api/promotions/" + created.id(), Tokens.admin(),
                body.put("startsAt", "2027-10-31T04:30"), created.version());
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(timeWarnings(updated)).extracting(w -> w.path("field").asText()).containsExactly("endsAt");

        api().delete("/api/promotions/" + created.id(), Tokens.admin(), updated.version());
    }
}
