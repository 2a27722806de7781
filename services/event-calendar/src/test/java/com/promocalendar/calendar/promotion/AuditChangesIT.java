package com.promocalendar.calendar.promotion;

import static com.promocalendar.calendar.PromotionJson.lonelyWindow;
import static com.promocalendar.calendar.PromotionJson.promotion;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.promocalendar.calendar.Api.Response;
import com.promocalendar.calendar.IntegrationTest;
import com.promocalendar.calendar.Tokens;

/** The audit trail says what changed: {@code changes: [{field, from, to}]} on every entry. */
class AuditChangesIT extends IntegrationTest {

    private static List<String> changes(JsonNode entry) {
        List<String> changes = new ArrayList<>();
        entry.path("changes").forEach(change -> changes.add(change.path("field").asText() + ": "
                + change.path("from").asText("null") + " -> " + change.path("to").asText("null")));
        return changes;
    }

    @Test
    void everyEntryRecordsTheFieldsThatChangedFromWhatToWhat() {
        LocalDateTime start = lonelyWindow().atTime(9, 0);
        ObjectNode first = promotion(start, start.plusDays(2), "COF-1004", "TEA-2001").put("title", "Before");
        Response created = api().post("/api/promotions", Tokens.admin(), first);
        String path = "/api/promotions/" + created.id();

        ObjectNode second = promotion(start.plusDays(1), start.plusDays(2), "TEA-2001", "MUG-4002").put("title", "After")
                .put("dailySendTime", "07:45");
        ((ObjectNode) second.path("package")).put("discountPercent", 30).put("name", "Tea week")
                .put("message", "Hi {{firstName}}");
        Response updated = api().put(path, Tokens.admin(), second, created.version());
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        Response unchanged = api().put(path, Tokens.admin(), second, updated.version());
        Response published = api().post(path + "/publish", Tokens.admin(), null, unchanged.version());
        Response unpublished = api().post(path + "/unpublish", Tokens.admin(), Map.of("reason", "Sold out"),
                published.version());
        assertThat(unpublished.status()).isEqualTo(200);

        JsonNode audit = api().get(path + "/audit", Tokens.admin()).json();

        assertThat(audit.findValuesAsText("action")).containsExactly("CREATED", "UPDATED", "UPDATED", "PUBLISHED",
                "UNPUBLISHED");
        assertThat(changes(audit.get(0))).isEmpty();
        assertThat(audit.get(0).path("changes").isArray()).isTrue();
        assertThat(changes(audit.get(1))).containsExactly(
                "title: Before -> After",
                "startsAt: " + start.toString() + " -> " + start.plusDays(1),
                "dailySendTime: null -> 07:45",
                "package.name: Coffee week -> Tea week",
                "package.discountPercent: 20 -> 30",
                "package.message: Hello {{firstName}}, {{promotionTitle}}: {{discountPercent}} % off until {{endsAt}}."
                        + " -> Hi {{firstName}}",
                "package.products: COF-1004 -> null",
                "package.products: null -> MUG-4002");
        assertThat(changes(audit.get(2))).isEmpty();
        assertThat(changes(audit.get(3))).containsExactly("status: DRAFT -> PUBLISHED");
        assertThat(changes(audit.get(4))).containsExactly("status: PUBLISHED -> UNPUBLISHED", "reason: null -> Sold out");
        assertThat(audit.get(4).path("changes").get(0).path("from").isTextual()).isTrue();
        assertThat(audit.get(1).path("changes").get(4).path("to").isInt()).isTrue();
    }

    @Test
    void aDeletionRecordsNoChangesAndTheTrailOutlivesIt() {
        LocalDateTime start = lonelyWindow().atTime(9, 0);
        Response created = api().post("/api/promotions", Tokens.admin(), promotion(start, start.plusDays(1), "COF-1004"));
        String path = "/api/promotions/" + created.id();
        assertThat(api().delete(path, Tokens.admin(), created.version()).status()).isEqualTo(204);

        JsonNode audit = api().get(path + "/audit", Tokens.admin()).json();

        assertThat(audit.findValuesAsText("action")).containsExactly("CREATED", "DELETED");
        assertThat(audit.get(1).path("changes").isArray()).isTrue();
        assertThat(audit.get(1).path("changes")).isEmpty();
    }
}
