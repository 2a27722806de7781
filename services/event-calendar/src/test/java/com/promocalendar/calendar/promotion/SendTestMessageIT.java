package com.promocalendar.calendar.promotion;

import static com.promocalendar.calendar.PromotionJson.upcoming;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.promocalendar.calendar.Api.Response;
import com.promocalendar.calendar.InboxStandIn.Received;
import com.promocalendar.calendar.IntegrationTest;
import com.promocalendar.calendar.Tokens;

/** "Send me a test": the engine renders the chosen day for the calling admin; the inbox gets it as a test message. */
class SendTestMessageIT extends IntegrationTest {

    private static final String ADMIN_ID = "5b0b7d1e-0000-4000-8000-00000000ad01";

    @Test
    void theChosenDaysMessageGoesToTheCallingAdminOnly() {
        Response draft = api().post("/api/promotions", Tokens.admin(), upcoming("COF-1001"));
        JsonNode days = api().get("/api/promotions/" + draft.id() + "/preview", Tokens.admin()).json().path("occurrences");
        String second = days.get(1).path("day").asText();

        Response sent = api().post("/api/promotions/" + draft.id() + "/test-send", Tokens.admin(), Map.of("day", second));

        assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
        assertThat(sent.json().path("day").asText()).isEqualTo(second);
        assertThat(sent.json().path("dayNumber").asInt()).isEqualTo(2);
        assertThat(sent.json().path("delivered").asBoolean()).isTrue();
        List<Received> posted = INBOX.receivedFor("test-messages");
        JsonNode test = posted.get(posted.size() - 1).body();
        assertThat(test.path("promotionId").asText()).isEqualTo(draft.id());
        assertThat(test.path("recipientId").asText()).isEqualTo(ADMIN_ID);
        assertThat(test.path("version").asLong()).isEqualTo(draft.version());
        assertThat(test.path("day").asText()).isEqualTo(second);
        assertThat(test.path("dayNumber").asInt()).isEqualTo(2);
        assertThat(test.path("dayCount").asInt()).isEqualTo(days.size());
        assertThat(test.path("products").get(0).path("sku").asText()).isEqualTo("COF-1001");
        assertThat(test.path("body").asText()).isNotBlank();
    }

    @Test
    void aDayOutsideThePromotionIsRefusedByNameAndAnUnreachableInboxIsA503() {
        Response draft = api().post("/api/promotions", Tokens.admin(), upcoming("COF-1001"));
        String path = "/api/promotions/" + draft.id() + "/test-send";

        Response outside = api().post(path, Tokens.admin(), Map.of("day", "2001-01-01"));
        assertThat(outside.status()).isEqualTo(400);
        assertThat(outside.errorFields()).containsExactly("day");

        INBOX.failNext(1, "/api/internal/inbox/test-messages");
        Response down = api().post(path, Tokens.admin(), null);
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.raw().headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");

        assertThat(api().post(path, Tokens.alice(), null).status()).isEqualTo(403);
    }
}
