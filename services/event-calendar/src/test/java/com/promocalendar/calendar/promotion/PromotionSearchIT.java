package com.promocalendar.calendar.promotion;

import static com.promocalendar.calendar.PromotionJson.lonelyWindow;
import static com.promocalendar.calendar.PromotionJson.promotion;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.promocalendar.calendar.Api.Response;
import com.promocalendar.calendar.IntegrationTest;
import com.promocalendar.calendar.PromotionJson;
import com.promocalendar.calendar.Tokens;

/** {@code GET /api/promotions/search}: title substring or exact sku, across all time, newest start first, paged. */
class PromotionSearchIT extends IntegrationTest {

    private Response create(String title, LocalDateTime startsAt, String... skus) {
        ObjectNode body = promotion(startsAt, startsAt.plusDays(2), skus).put("title", title);
        Response created = api().post("/api/promotions", Tokens.admin(), body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created;
    }

    private Response search(String query) {
        Response found = api().get("/api/promotions/search?" + query, Tokens.admin());
        assertThat(found.status()).as(found.toString()).isEqualTo(200);
        return found;
    }

    private static List<String> titles(Response page) {
        List<String> titles = new ArrayList<>();
        page.json().path("items").forEach(item -> titles.add(item.path("title").asText()));
        return titles;
    }

    @Test
    void findsATitleSubstringInAnyCaseAcrossAllTimeNewestStartFirst() {
        String token = "Lantern" + UUID.randomUUID().toString().substring(0, 8);
        create("Old " + token + " sale", LocalDateTime.of(2001, 3, 1, 9, 0), "COF-1002");
        create("Far " + token.toUpperCase() + " sale", LocalDateTime.of(2090, 3, 1, 9, 0), "COF-1002");
        create("Mid " + token.toLowerCase() + " sale", lonelyWindow().atTime(9, 0), "COF-1002");

        Response found = search("q=" + token.toLowerCase().substring(0, 12));

        assertThat(titles(found)).containsExactly("Far " + token.toUpperCase() + " sale",
                "Mid " + token.toLowerCase() + " sale", "Old " + token + " sale");
        assertThat(found.json().path("nextCursor").isNull()).isTrue();
        JsonNode first = found.json().path("items").get(0);
        assertThat(first.path("status").asText()).isEqualTo("DRAFT");
        assertThat(first.path("startsAtInstant").asText()).isEqualTo("2090-03-01T08:00:00Z");
        assertThat(first.has("warnings")).isTrue();
    }

    @Test
    void findsAnExactSkuButNotAPartOfOne() {
        String title = "Kettle week " + UUID.randomUUID();
        Response created = create(title, lonelyWindow().atTime(9, 0), "KIT-3005");

        assertThat(search("q=KIT-3005").json().findValuesAsText("id")).contains(created.id());
        assertThat(search("q=KIT-300").json().findValuesAsText("id")).doesNotContain(created.id());
    }

    @Test
    void likeWildcardsInTheQueryAreLiteral() {
        String token = UUID.randomUUID().toString().substring(0, 8);
        create("Percent 100% " + token, lonelyWindow().atTime(9, 0), "COF-1002");
        create("Percent 1000 " + token, lonelyWindow().atTime(9, 0), "COF-1002");

        assertThat(titles(search("q=100%25%20" + token))).containsExactly("Percent 100% " + token);
        assertThat(titles(search("q=_000%20" + token))).isEmpty();
    }

    @Test
    void pagesContinueFromTheCursorWithoutGapsOrRepeats() {
        String token = "Pager" + UUID.randomUUID().toString().substring(0, 8);
        LocalDateTime start = lonelyWindow().atTime(9, 0);
        for (int i = 0; i < 5; i++) {
            // two share a start: the id breaks the tie
            create(token + " " + i, start.plusHours(i == 4 ? 3 : i), "COF-1002");
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Response page = search("q=" + token + "&limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
            seen.addAll(titles(page));
            cursor = page.json().path("nextCursor").isNull() ? null : page.json().path("nextCursor").asText();
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(5).doesNotHaveDuplicates();
        assertThat(seen.subList(0, 2)).containsExactlyInAnyOrder(token + " 3", token + " 4");
        assertThat(seen.subList(2, 5)).containsExactly(token + " 2", token + " 1", token + " 0");
    }

    @Test
    void filtersByStatusAndByTheStatesOfAPublishedPromotionInTime() {
        String token = "Stately" + UUID.randomUUID().toString().substring(0, 8);
        LocalDateTime now = LocalDateTime.now(ZoneId.of(PromotionJson.ZONE));
        create(token + " draft", lonelyWindow().atTime(9, 0), "COF-1002");
        Response live = create(token + " live", now.minusHours(1), "COF-1002");
        Response scheduled = create(token + " scheduled", now.plusDays(30), "COF-1002");
        for (Response promotion : List.of(live, scheduled)) {
            Response published = api().post("/api/promotions/" + promotion.id() + "/publish", Tokens.admin(), null,
                    promotion.version());
            assertThat(published.status()).as(published.toString()).isEqualTo(200);
        }

        assertThat(titles(search("q=" + token + "&status=DRAFT"))).containsExactly(token + " draft");
        assertThat(titles(search("q=" + token + "&status=published"))).containsExactly(token + " scheduled", token + " live");
        assertThat(titles(search("q=" + token + "&status=LIVE"))).containsExactly(token + " live");
        assertThat(titles(search("q=" + token + "&status=SCHEDULED"))).containsExactly(token + " scheduled");
        assertThat(titles(search("q=" + token + "&status=ENDED"))).isEmpty();
        assertThat(titles(search("q=" + token + "&status=UNPUBLISHED"))).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "|q",
            "q=|q",
            "q=%20%20|q",
            "q=a%0Ab|q",
            "q=tea&status=GONE|status",
            "q=tea&cursor=not-a-cursor|cursor",
            "q=tea&cursor=bm9wZQ|cursor",
            "q=tea&limit=0|limit",
            "q=tea&limit=51|limit",
            "q=tea&limit=many|limit"})
    void badParametersAre400NamingTheParameter(String query, String field) {
        Response refused = api().get("/api/promotions/search?" + (query == null ? "" : query), Tokens.admin());

        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.errorFields()).containsExactly(field);
    }

    @Test
    void aQueryOfAHundredCharactersIsAnsweredAndOfAHundredAndOneRefused() {
        assertThat(api().get("/api/promotions/search?q=" + "%C3%BC".repeat(100), Tokens.admin()).status()).isEqualTo(200);
        Response refused = api().get("/api/promotions/search?q=" + "%C3%BC".repeat(101), Tokens.admin());
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorFields()).containsExactly("q");
    }
}
