package com.promocalendar.calendar.delivery;

import static com.promocalendar.calendar.PromotionJson.promotion;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.promocalendar.calendar.Api.Response;
import com.promocalendar.calendar.IntegrationTest;
import com.promocalendar.calendar.PromotionJson;
import com.promocalendar.calendar.Tokens;

/** The job's shard reports and each due day's status (contracts.md "Calendar — delivery reports"), real tokens. */
class DeliveryReportIT extends IntegrationTest {

    /** Published, started three days ago: its first days are due for hours, longer than the 10-minute grace. */
    private Response publishedSinceThreeDays() {
        LocalDateTime now = LocalDateTime.now(ZoneId.of(PromotionJson.ZONE));
        Response created = api().post("/api/promotions", Tokens.admin(), promotion(now.minusDays(3), now.plusDays(2), "TEA-2003"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        Response published = api().post("/api/promotions/" + created.id() + "/publish", Tokens.admin(), null, created.version());
        assertThat(published.status()).as(published.toString()).isEqualTo(200);
        return published;
    }

    /** The occurrences whose send time is more than an hour ago, from the engine's preview. */
    private List<JsonNode> longDue(String id) {
        List<JsonNode> due = new ArrayList<>();
        for (JsonNode occurrence : api().get("/api/promotions/" + id + "/preview", Tokens.admin()).json().path("occurrences")) {
            if (Instant.parse(occurrence.path("fireAt").asText()).isBefore(Instant.now().minusSeconds(3600))) {
                due.add(occurrence);
            }
        }
        assertThat(due).hasSizeGreaterThanOrEqualTo(3);
        return due;
    }

    private static Map<String, Object> report(String day, int shard, int shards, String outcome, String reason, int recipients) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("day", day);
        report.put("shard", shard);
        report.put("shards", shards);
        report.put("outcome", outcome);
        if (reason != null) {
            report.put("reason", reason);
        }
        report.put("recipients", recipients);
        boolean stored = "delivered".equals(outcome) && recipients > 0;
        report.put("inserted", stored ? recipients - 1 : 0);
        report.put("duplicates", stored ? 1 : 0);
        report.put("refused", 0);
        report.put("suppressed", 0);
        report.put("startedAt", Instant.now().minusSeconds(60).toString());
        report.put("finishedAt", Instant.now().toString());
        return report;
    }

    private Response send(String id, Map<String, Object> report, String token) {
        return api().post("/api/internal/promotions/" + id + "/deliveries", token, report);
    }

    private JsonNode day(String id, String day) {
        Response days = api().get("/api/promotions/" + id + "/deliveries", Tokens.admin());
        assertThat(days.status()).as(days.toString()).isEqualTo(200);
        for (JsonNode node : days.json().path("days")) {
            if (node.path("day").asText().equals(day)) {
                return node;
            }
        }
        throw new AssertionError("no day " + day + " in " + days);
    }

    @Test
    void aDueDayWithoutReportIsMissingAndShardsMakeItRunningThenDelivered() {
        Response promotion = publishedSinceThreeDays();
        String id = promotion.id();
        List<JsonNode> due = longDue(id);
        String first = due.get(0).path("day").asText();

        JsonNode unreported = day(id, first);
        assertThat(unreported.path("status").asText()).isEqualTo("due");
        assertThat(unreported.path("missing").asBoolean()).isTrue();
        assertThat(unreported.path("dayNumber").asInt()).isEqualTo(1);
        assertThat(unreported.path("fireAt").asText()).isEqualTo(due.get(0).path("fireAt").asText());
        // a day still to come is not listed
        JsonNode all = api().get("/api/promotions/" + id + "/deliveries", Tokens.admin()).json().path("days");
        all.forEach(d -> assertThat(Instant.parse(d.path("fireAt").asText())).isBefore(Instant.now()));

        assertThat(send(id, report(first, 0, 2, "delivered", null, 3), Tokens.job()).status()).isEqualTo(204);
        JsonNode running = day(id, first);
        assertThat(running.path("status").asText()).isEqualTo("running");
        assertThat(running.path("missing").asBoolean()).isFalse();
        assertThat(running.path("shardsReported").asInt()).isEqualTo(1);

        assertThat(send(id, report(first, 1, 2, "delivered", null, 5), Tokens.job()).status()).isEqualTo(204);
        JsonNode delivered = day(id, first);
        assertThat(delivered.path("status").asText()).isEqualTo("delivered");
        assertThat(delivered.path("shards").asInt()).isEqualTo(2);
        assertThat(delivered.path("recipients").asLong()).isEqualTo(8);
        assertThat(delivered.path("inserted").asLong()).isEqualTo(6);
        assertThat(delivered.path("duplicates").asLong()).isEqualTo(2);
        assertThat(delivered.path("startedAt").isTextual()).isTrue();
        assertThat(delivered.path("finishedAt").isTextual()).isTrue();
    }

    @Test
    void aFailedShardShowsItsReasonAndARerunReplacesItsReport() {
        String id = publishedSinceThreeDays().id();
        String second = longDue(id).get(1).path("day").asText();

        assertThat(send(id, report(second, 0, 1, "failed", "inbox answered 503 three times", 4), Tokens.job()).status())
                .isEqualTo(204);
        JsonNode failed = day(id, second);
        assertThat(failed.path("status").asText()).isEqualTo("failed");
        assertThat(failed.path("reason").asText()).isEqualTo("inbox answered 503 three times");

        assertThat(send(id, report(second, 0, 1, "delivered", null, 4), Tokens.job()).status()).isEqualTo(204);
        JsonNode rerun = day(id, second);
        assertThat(rerun.path("status").asText()).isEqualTo("delivered");
        assertThat(rerun.path("reason").isNull()).isTrue();
        assertThat(rerun.path("shardsReported").asInt()).isEqualTo(1);
        assertThat(db.sql("select count(*) from delivery_report where promotion_id = ?").param(UUID.fromString(id))
                .query(Long.class).single()).isEqualTo(1);

        // a later run that finds the promotion unpublished (or fails) takes nothing back: the day was delivered
        assertThat(send(id, report(second, 0, 1, "skipped", "not published", 0), Tokens.job()).status()).isEqualTo(204);
        assertThat(send(id, report(second, 0, 1, "failed", "inbox answered 503 three times", 4), Tokens.job()).status())
                .isEqualTo(204);
        JsonNode stillDelivered = day(id, second);
        assertThat(stillDelivered.path("status").asText()).isEqualTo("delivered");
        assertThat(stillDelivered.path("recipients").asLong()).isEqualTo(4);

        String third = longDue(id).get(2).path("day").asText();
        assertThat(send(id, report(third, 0, 1, "skipped", "not published", 0), Tokens.job()).status()).isEqualTo(204);
        assertThat(day(id, third).path("status").asText()).isEqualTo("skipped");
    }

    @Test
    void aBadReportNamesItsFieldsAndAnUnknownPromotionIs404() {
        String id = publishedSinceThreeDays().id();
        Map<String, Object> bad = report("2026-13-01", 2, 2, "sent", null, -1);
        Response refused = send(id, bad, Tokens.job());
        assertThat(refused.status()).isEqualTo(400);

        bad = report(longDue(id).get(0).path("day").asText(), 2, 2, "sent", null, -1);
        refused = send(id, bad, Tokens.job());
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorFields()).contains("shard", "outcome", "recipients");

        Map<String, Object> failedWithoutReason = report("2026-01-01", 0, 1, "failed", null, 1);
        assertThat(send(id, failedWithoutReason, Tokens.job()).errorFields()).containsExactly("reason");

        String unknown = UUID.randomUUID().toString();
        assertThat(send(unknown, report("2026-01-01", 0, 1, "delivered", null, 1), Tokens.job()).status()).isEqualTo(404);
        assertThat(api().get("/api/promotions/" + unknown + "/deliveries", Tokens.admin()).status()).isEqualTo(404);
    }

    @Test
    void onlyTheJobReportsAndOnlyAdminsRead() {
        String id = publishedSinceThreeDays().id();
        Map<String, Object> report = report(longDue(id).get(0).path("day").asText(), 0, 1, "delivered", null, 2);

        assertThat(send(id, report, null).status()).isEqualTo(401);
        assertThat(send(id, report, Tokens.alice()).status()).isEqualTo(403);
        assertThat(send(id, report, Tokens.admin()).status()).isEqualTo(403);
        // the scheduler reads promotions but reports nothing; another client is not on the allow-list
        assertThat(send(id, report, Tokens.scheduler()).status()).isEqualTo(403);
        assertThat(send(id, report, Tokens.otherClient()).status()).isEqualTo(403);
        assertThat(send(id, report, Tokens.job()).status()).isEqualTo(204);

        assertThat(api().get("/api/promotions/" + id + "/deliveries", null).status()).isEqualTo(401);
        assertThat(api().get("/api/promotions/" + id + "/deliveries", Tokens.alice()).status()).isEqualTo(403);
        assertThat(api().get("/api/promotions/" + id + "/deliveries", Tokens.job()).status()).isEqualTo(403);
    }

    @Test
    void deletingAnUnpublishedPromotionRemovesItsReportsAndALateReportIs404() {
        Response published = publishedSinceThreeDays();
        String id = published.id();
        Map<String, Object> report = report(longDue(id).get(0).path("day").asText(), 0, 1, "delivered", null, 2);
        assertThat(send(id, report, Tokens.job()).status()).isEqualTo(204);

        Response unpublished = api().post("/api/promotions/" + id + "/unpublish", Tokens.admin(),
                Map.of("reason", "Wrong price"), published.version());
        assertThat(unpublished.status()).as(unpublished.toString()).isEqualTo(200);
        Response deleted = api().delete("/api/promotions/" + id, Tokens.admin(), unpublished.version());
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);

        assertThat(db.sql("select count(*) from delivery_report where promotion_id = ?").param(UUID.fromString(id))
                .query(Long.class).single()).isZero();
        // a shard that finishes after the delete is told the promotion is gone, and nothing is stored
        assertThat(send(id, report, Tokens.job()).status()).isEqualTo(404);
        assertThat(db.sql("select count(*) from delivery_report where promotion_id = ?").param(UUID.fromString(id))
                .query(Long.class).single()).isZero();
    }

    @Test
    void aDraftHasNoDueDays() {
        LocalDateTime now = LocalDateTime.now(ZoneId.of(PromotionJson.ZONE));
        Response draft = api().post("/api/promotions", Tokens.admin(), promotion(now.minusDays(3), now.plusDays(2), "TEA-2003"));
        assertThat(api().get("/api/promotions/" + draft.id() + "/deliveries", Tokens.admin()).json().path("days").size())
                .isZero();
    }
}
