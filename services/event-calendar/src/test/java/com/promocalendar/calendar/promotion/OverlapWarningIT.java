package com.promocalendar.calendar.promotion;

import static com.promocalendar.calendar.PromotionJson.promotion;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.promocalendar.calendar.Api.Response;
import com.promocalendar.calendar.IntegrationTest;
import com.promocalendar.calendar.PromotionJson;
import com.promocalendar.calendar.Tokens;

class OverlapWarningIT extends IntegrationTest {

    private Response create(LocalDateTime startsAt, LocalDateTime endsAt, String... skus) {
        Response created = api().post("/api/promotions", Tokens.admin(), promotion(startsAt, endsAt, skus));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created;
    }

    private static JsonNode find(Response list, String id) {
        for (JsonNode promotion : list.json()) {
            if (promotion.path("id").asText().equals(id)) {
                return promotion;
            }
        }
        throw new AssertionError("promotion " + id + " not listed: " + list);
    }

    @Test
    void overlappingPromotionsSharingAProductAreWarnedOnSaveAndInTheList() {
        LocalDateTime day = PromotionJson.lonelyWindow().atTime(10, 0);
        Response first = create(day, day.plusDays(3), "COF-1001", "TEA-2001");
        assertThat(first.json().path("warnings")).isEmpty();

        Response second = create(day.plusDays(1), day.plusDays(4), "TEA-2001", "MUG-4001");

        JsonNode warning = second.json().path("warnings").get(0);
        assertThat(second.json().path("warnings")).hasSize(1);
        assertThat(warning.path("code").asText()).isEqualTo("OVERLAPPING_PROMOTION");
        assertThat(warning.path("promotionId").asText()).isEqualTo(first.id());
        assertThat(warning.path("skus")).hasSize(1);
        assertThat(warning.path("skus").get(0).asText()).isEqualTo("TEA-2001");
        assertThat(warning.path("message").asText()).contains("TEA-2001");

        Response list = api().get("/api/promotions?from=" + day.toLocalDate() + "T00:00:00Z&to="
                + day.toLocalDate().plusDays(10) + "T00:00:00Z", Tokens.admin());
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json()).hasSize(2);
        assertThat(find(list, first.id()).path("warnings").get(0).path("promotionId").asText()).isEqualTo(second.id());
        assertThat(find(list, second.id()).path("warnings").get(0).path("promotionId").asText()).isEqualTo(first.id());
    }

    @Test
    void noWarningWithoutASharedProductOrWithoutOverlapInTimeOrOnceUnpublished() {
        LocalDateTime day = PromotionJson.lonelyWindow().atTime(10, 0);
        Response published = create(day, day.plusDays(2), "SNK-5002");
        published = api().post("/api/promotions/" + published.id() + "/publish", Tokens.admin(), null, published.version());
        assertThat(published.status()).as(published.toString()).isEqualTo(200);

        assertThat(create(day, day.plusDays(2), "SNK-5003").json().path("warnings")).as("no shared product").isEmpty();
        assertThat(create(day.plusDays(2), day.plusDays(3), "SNK-5002").json().path("warnings")).as("end is exclusive").isEmpty();
        Response overlapping = create(day.plusDays(1), day.plusDays(2), "SNK-5002");
        assertThat(overlapping.json().path("warnings")).hasSize(1);
        assertThat(overlapping.json().path("warnings").get(0).path("promotionId").asText()).isEqualTo(published.id());
        assertThat(overlapping.json().path("warnings").get(0).path("promotionStatus").asText()).isEqualTo("PUBLISHED");

        assertThat(api().post("/api/promotions/" + published.id() + "/unpublish", Tokens.admin(), null, published.version())
                .status()).isEqualTo(200);
        assertThat(api().get("/api/promotions/" + overlapping.id(), Tokens.admin()).json().path("warnings")).isEmpty();
    }

    @Test
    void listShowsOnlyPromotionsMeetingTheRange() {
        LocalDate window = PromotionJson.lonelyWindow();
        LocalDateTime day = window.atTime(12, 0);
        Response inside = create(day.plusDays(2), day.plusDays(3), "ACC-8001");

        Response hit = api().get("/api/promotions?from=" + window.plusDays(2) + "T00:00:00Z&to=" + window.plusDays(3)
                + "T00:00:00Z", Tokens.admin());
        Response before = api().get("/api/promotions?from=" + window + "T00:00:00Z&to=" + window.plusDays(2)
                + "T00:00:00Z", Tokens.admin());

        assertThat(hit.json().findValuesAsText("id")).containsExactly(inside.id());
        assertThat(before.json()).isEmpty();
        Response reversed = api().get("/api/promotions?from=" + window.plusDays(3) + "T00:00:00Z&to=" + window
                + "T00:00:00Z", Tokens.admin());
        assertThat(reversed.status()).isEqualTo(400);
        assertThat(reversed.errorFields()).containsExactly("to");
        Response garbage = api().get("/api/promotions?from=yesterday", Tokens.admin());
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(garbage.errorFields()).containsExactly("from");
    }
}
