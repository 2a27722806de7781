package com.promocalendar.calendar.promotion;

import static com.promocalendar.calendar.PromotionJson.lonelyWindow;
import static com.promocalendar.calendar.PromotionJson.promotion;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.promocalendar.calendar.Api.Response;
import com.promocalendar.calendar.IntegrationTest;
import com.promocalendar.calendar.Tokens;

/** {@code POST /api/promotions/{id}/duplicate}: a new draft with the same package and zone, a week later by default. */
class DuplicatePromotionIT extends IntegrationTest {

    private Response created(ObjectNode body) {
        Response created = api().post("/api/promotions", Tokens.admin(), body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created;
    }

    @Test
    void aCopyIsADraftAWeekLaterOnTheSameWeekdaysInTheSameZoneWithTheSamePackage() {
        // across the end of summer time in Berlin (2040-10-28): the local times stay, the instants move by an hour
        LocalDateTime start = LocalDateTime.of(2040, 10, 23, 9, 30);
        ObjectNode body = promotion(start, start.plusDays(3), "COF-1003", "TEA-2004").put("title", "Autumn beans")
                .put("timeZone", "Europe/Berlin").put("dailySendTime", "08:15");
        Response original = created(body);
        Response published = api().post("/api/promotions/" + original.id() + "/publish", Tokens.admin(), null,
                original.version());
        assertThat(published.status()).isEqualTo(200);

        Response copy = api().post("/api/promotions/" + original.id() + "/duplicate", Tokens.admin(), null);

        assertThat(copy.status()).as(copy.toString()).isEqualTo(201);
        assertThat(copy.header("Location")).isEqualTo("/api/promotions/" + copy.id());
        assertThat(copy.header("ETag")).isEqualTo("\"1\"");
        JsonNode json = copy.json();
        assertThat(copy.id()).isNotEqualTo(original.id());
        assertThat(json.path("status").asText()).isEqualTo("DRAFT");
        assertThat(json.path("title").asText()).isEqualTo("Autumn beans (copy)");
        assertThat(json.path("timeZone").asText()).isEqualTo("Europe/Berlin");
        assertThat(json.path("startsAt").asText()).isEqualTo("2040-10-30T09:30");
        assertThat(json.path("endsAt").asText()).isEqualTo("2040-11-02T09:30");
        assertThat(json.path("startsAtInstant").asText()).isEqualTo("2040-10-30T08:30:00Z");
        assertThat(json.path("dailySendTime").asText()).isEqualTo("08:15");
        assertThat(json.path("package")).isEqualTo(original.json().path("package"));

        Response audit = api().get("/api/promotions/" + copy.id() + "/audit", Tokens.admin());
        assertThat(audit.json()).hasSize(1);
        assertThat(audit.json().get(0).path("action").asText()).isEqualTo("DUPLICATED");
        assertThat(audit.json().get(0).path("actor").asText()).isEqualTo("admin");
        assertThat(audit.json().get(0).path("changes").toString())
                .contains("{\"field\":\"duplicateOf\",\"from\":null,\"to\":\"" + original.id() + "\"}")
                .contains("{\"field\":\"title\",\"from\":\"Autumn beans\",\"to\":\"Autumn beans (copy)\"}")
                .contains("{\"field\":\"status\",\"from\":\"PUBLISHED\",\"to\":\"DRAFT\"}");
        assertThat(api().get("/api/promotions/" + original.id(), Tokens.admin()).version()).isEqualTo(2);
    }

    @Test
    void theBodyMayGiveTheCopysDatesAndAPackageWithoutDiscountKeepsItsPrices() {
        LocalDateTime start = lonelyWindow().atTime(10, 0);
        ObjectNode body = promotion(start, start.plusDays(2), "SNK-5001");
        ((ObjectNode) body.path("package")).put("message", "Hello {{firstName}}").remove("discountPercent");
        ((ObjectNode) body.path("package").path("products").get(0)).put("promoPriceCents", 123);
        Response original = created(body);
        String startsAt = start.plusDays(5).toString();
        String endsAt = start.plusDays(6).toString();

        Response copy = api().post("/api/promotions/" + original.id() + "/duplicate", Tokens.admin(),
                Map.of("startsAt", startsAt, "endsAt", endsAt));

        assertThat(copy.status()).as(copy.toString()).isEqualTo(201);
        assertThat(copy.json().path("startsAt").asText()).isEqualTo(startsAt);
        assertThat(copy.json().path("endsAt").asText()).isEqualTo(endsAt);
        assertThat(copy.json().path("package").path("products").get(0).path("promoPriceCents").asLong()).isEqualTo(123);
    }

    @Test
    void aLongTitleIsCutSoTheCopyStaysWithinTheLimit() {
        LocalDateTime start = lonelyWindow().atTime(9, 0);
        Response original = created(promotion(start, start.plusDays(1), "COF-1002").put("title", "ü".repeat(120)));

        Response copy = api().post("/api/promotions/" + original.id() + "/duplicate", Tokens.admin(), null);

        assertThat(copy.status()).as(copy.toString()).isEqualTo(201);
        assertThat(copy.json().path("title").asText()).isEqualTo("ü".repeat(113) + " (copy)");
    }

    @Test
    void badDatesAreRefusedNamingTheFieldAndNothingIsStored() {
        LocalDateTime start = lonelyWindow().atTime(9, 0);
        Response original = created(promotion(start, start.plusDays(1), "COF-1002"));
        String path = "/api/promotions/" + original.id() + "/duplicate";
        long rowsBefore = storedRows();

        Response onlyStart = api().post(path, Tokens.admin(), Map.of("startsAt", "2041-01-01T09:00"));
        Response endFirst = api().post(path, Tokens.admin(),
                Map.of("startsAt", "2041-01-05T09:00", "endsAt", "2041-01-01T09:00"));
        Response notADate = api().post(path, Tokens.admin(), Map.of("startsAt", "soon", "endsAt", "2041-01-01T09:00"));
        Response notJson = api().post(path, Tokens.admin(), "{");

        assertThat(onlyStart.status()).isEqualTo(400);
        assertThat(onlyStart.errorFields()).containsExactly("endsAt");
        assertThat(endFirst.status()).isEqualTo(422);
        assertThat(endFirst.errorFields()).contains("endsAt");
        assertThat(notADate.status()).isEqualTo(422);
        assertThat(notADate.errorFields()).contains("startsAt");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.errorFields()).containsExactly("body");
        for (Response refused : new Response[] {onlyStart, endFirst, notADate, notJson}) {
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        }
        assertThat(storedRows()).isEqualTo(rowsBefore);
    }

    @Test
    void duplicatingAnUnknownPromotionIs404() {
        Response missing = api().post("/api/promotions/00000000-0000-0000-0000-000000000001/duplicate", Tokens.admin(), null);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.header("Content-Type")).startsWith("application/problem+json");
    }
}
