package com.promocalendar.inbox.promotion;

import static com.promocalendar.inbox.support.Caller.ALICE;
import static com.promocalendar.inbox.support.Caller.BOB;
import static com.promocalendar.inbox.support.Caller.PROMO_JOB;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.promocalendar.inbox.support.InboxHttp;
import com.promocalendar.inbox.support.IntegrationTest;
import com.promocalendar.inbox.support.UnreadCountStream;

/** Delivered messages follow the promotion's state as the calendar publishes it; no message row is rewritten. */
class PromotionStateIT extends IntegrationTest {

    private static final Instant ENDS = Instant.now().plusSeconds(5 * 86_400).truncatedTo(ChronoUnit.SECONDS);

    @Test
    void unpublishWithdrawsDeliveredMessagesAtOnceWithTheReasonAndWithoutRewritingThem() throws Exception {
        deliver(dayBatch("summer", LocalDate.now(), ENDS, List.of(ALICE.userId(), BOB.userId())));
        assertThat(promotionState("summer", 3, "PUBLISHED", ENDS, null).status()).isEqualTo(204);
        String rowsBefore = rowVersions();

        try (UnreadCountStream badge = http.openStream(ALICE)) {
            assertThat(badge.next(Duration.ofSeconds(10))).isEqualTo(1);

            assertThat(promotionState("summer", 4, "UNPUBLISHED", ENDS, "Wrong price").status()).isEqualTo(204);

            assertThat(badge.next(Duration.ofSeconds(10))).as("the live badge drops").isZero();
        }
        assertThat(unreadCountOf(ALICE)).isZero();
        assertThat(unreadCountOf(BOB)).isZero();
        JsonNode ended = http.get(ALICE, "/api/inbox/messages?view=ended").json().path("items");
        assertThat(ended).hasSize(1);
        assertThat(ended.get(0).path("withdrawn").asBoolean()).isTrue();
        assertThat(ended.get(0).path("withdrawnReason").asText()).isEqualTo("Wrong price");
        assertThat(http.get(ALICE, "/api/inbox/messages").json().path("items")).isEmpty();
        assertThat(rowVersions()).as("no message row rewritten").isEqualTo(rowsBefore);
    }

    @Test
    void withdrawnMessagesStayWithdrawnWhenThePromotionIsPublishedAgainButNewDaysCount() {
        LocalDate today = LocalDate.now();
        deliver(dayBatch("summer", today, ENDS, List.of(ALICE.userId())));
        promotionState("summer", 1, "PUBLISHED", ENDS, null);
        promotionState("summer", 2, "UNPUBLISHED", ENDS, "Paused");
        promotionState("summer", 3, "PUBLISHED", ENDS, null);

        assertThat(unreadCountOf(ALICE)).isZero();
        deliver(dayBatch("summer", today.plusDays(1), ENDS, List.of(ALICE.userId())));

        assertThat(unreadCountOf(ALICE)).isEqualTo(1);
        JsonNode days = http.get(ALICE, "/api/inbox/promotions/summer/messages").json().path("items");
        assertThat(days.findValues("withdrawn")).extracting(JsonNode::asBoolean).containsExactly(false, true);
        assertThat(days.get(1).path("withdrawnReason").asText()).isEqualTo("Paused");
    }

    @Test
    void aNewEndIsTheNewExpiryOfEveryDeliveredMessage() {
        deliver(dayBatch("summer", LocalDate.now(), ENDS, List.of(ALICE.userId())));
        Instant earlier = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS);

        promotionState("summer", 5, "PUBLISHED", earlier, null);
        JsonNode ended = http.get(ALICE, "/api/inbox/messages?view=ended").json().path("items");
        assertThat(ended.get(0).path("expired").asBoolean()).isTrue();
        assertThat(Instant.parse(ended.get(0).path("expiresAt").asText())).isEqualTo(earlier);
        assertThat(unreadCountOf(ALICE)).isZero();

        Instant later = ENDS.plusSeconds(86_400);
        promotionState("summer", 6, "PUBLISHED", later, null);
        JsonNode active = http.get(ALICE, "/api/inbox/messages").json().path("items");
        assertThat(Instant.parse(active.get(0).path("expiresAt").asText())).isEqualTo(later);
        assertThat(unreadCountOf(ALICE)).isEqualTo(1);
    }

    @Test
    void anOlderVersionArrivingLateChangesNothing() {
        deliver(dayBatch("summer", LocalDate.now(), ENDS, List.of(ALICE.userId())));
        promotionState("summer", 7, "UNPUBLISHED", ENDS, "Withdrawn");

        assertThat(promotionState("summer", 6, "PUBLISHED", ENDS, null).status()).isEqualTo(204);

        assertThat(unreadCountOf(ALICE)).isZero();
        assertThat(jdbc.queryForObject("SELECT version FROM promotion_state WHERE promotion_id = 'summer'", Long.class))
                .isEqualTo(7);
    }

    @Test
    void onlyTheCalendarsAccountMaySendStatesAndBadFieldsAreNamed() {
        String body = "{\"version\":1,\"status\":\"PUBLISHED\",\"endsAt\":\"" + ENDS + "\"}";
        assertThat(http.putJson(PROMO_JOB, "/api/internal/inbox/promotions/summer", body).status()).isEqualTo(403);
        assertThat(http.putJson(ALICE, "/api/internal/inbox/promotions/summer", body).status()).isEqualTo(403);

        InboxHttp.Response bad = http.putJson(com.promocalendar.inbox.support.Caller.EVENT_CALENDAR,
                "/api/internal/inbox/promotions/summer", "{\"version\":-1,\"status\":\"LIVE\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        assertThat(bad.json().path("errors").findValuesAsText("field")).containsExactlyInAnyOrder("version", "status", "endsAt");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM promotion_state", Long.class)).isZero();
    }

    private String rowVersions() {
        return String.join(",", jdbc.queryForList("SELECT xmin::text || ctid::text FROM message ORDER BY id", String.class));
    }
}
