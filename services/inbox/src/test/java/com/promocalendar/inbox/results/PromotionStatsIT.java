package com.promocalendar.inbox.results;

import static com.promocalendar.inbox.support.Caller.ADMIN;
import static com.promocalendar.inbox.support.Caller.ALICE;
import static com.promocalendar.inbox.support.Caller.BOB;
import static com.promocalendar.inbox.support.Caller.EVENT_CALENDAR;
import static com.promocalendar.inbox.support.Caller.PROMO_JOB;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.promocalendar.inbox.support.InboxHttp;
import com.promocalendar.inbox.support.IntegrationTest;

/** An admin's results: per day delivered, read, archived, suppressed; tests left out; retries not counted twice. */
class PromotionStatsIT extends IntegrationTest {

    private static final String CAROL = "5b0b7d1e-0000-4000-8000-00000000ca01";

    private JsonNode stats(String promotionId) {
        InboxHttp.Response response = http.get(ADMIN, "/api/inbox/promotion-stats/" + promotionId);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().path("days");
    }

    @Test
    void countsEachDayAndLeavesOutTestsAndOtherPromotions() {
        LocalDate today = LocalDate.now();
        Instant ends = Instant.now().plusSeconds(3 * 86_400);
        deliver(dayBatch("results", today.minusDays(1), ends, List.of(ALICE.userId(), BOB.userId(), CAROL)));
        deliver(dayBatch("results", today, ends, List.of(ALICE.userId(), BOB.userId(), CAROL)));
        deliver(dayBatch("other", today, ends, List.of(ALICE.userId())));
        // a test message of the admin's own (its own key space) is no result
        Map<String, Object> test = dayBatch("results", today, ends, List.of(ADMIN.userId()));
        test.remove("messages");
        test.put("version", 1);
        test.put("recipientId", ADMIN.userId());
        test.put("body", "a test");
        assertThat(http.postJson(EVENT_CALENDAR, "/api/internal/inbox/test-messages", json(test)).status()).isEqualTo(200);

        // Alice reads today's message (and with it yesterday's), Bob archives the thread
        String alicesToday = jdbc.queryForObject("SELECT id::text FROM message WHERE idempotency_key = ?", String.class,
                "results/" + today + "/" + ALICE.userId());
        assertThat(http.post(ALICE, "/api/inbox/messages/" + alicesToday + "/read").status()).isEqualTo(204);
        String bobsToday = jdbc.queryForObject("SELECT id::text FROM message WHERE idempotency_key = ?", String.class,
                "results/" + today + "/" + BOB.userId());
        assertThat(http.delete(BOB, "/api/inbox/messages/" + bobsToday).status()).isEqualTo(204);

        JsonNode days = stats("results");
        assertThat(days.size()).isEqualTo(2);
        assertThat(days.get(0).path("day").asText()).isEqualTo(today.minusDays(1).toString());
        assertThat(counts(days.get(0))).containsExactly(3L, 1L, 1L, 0L);
        assertThat(days.get(1).path("day").asText()).isEqualTo(today.toString());
        assertThat(counts(days.get(1))).containsExactly(3L, 1L, 1L, 0L);
        assertThat(stats("nothing-here").size()).isZero();
    }

    @Test
    void suppressedMessagesAreCountedOnceAcrossRetries() {
        LocalDate today = LocalDate.now();
        Instant ends = Instant.now().plusSeconds(86_400);
        deliver(dayBatch("results", today.minusDays(1), ends, List.of(ALICE.userId(), BOB.userId())));
        assertThat(http.put(ALICE, "/api/inbox/promotions/results/mute").status()).isEqualTo(204);

        Map<String, Object> day = dayBatch("results", today, ends, List.of(ALICE.userId(), BOB.userId()));
        assertThat(deliver(day).json().path("suppressed").asInt()).isEqualTo(1);
        // the job retries the same batch: the batch says suppressed again, the results do not count it twice
        assertThat(deliver(day).json().path("suppressed").asInt()).isEqualTo(1);
        // yesterday's batch retried after the mute: Alice's message was delivered, so it is no suppression
        deliver(dayBatch("results", today.minusDays(1), ends, List.of(ALICE.userId(), BOB.userId())));

        JsonNode days = stats("results");
        assertThat(counts(days.get(0))).containsExactly(2L, 0L, 0L, 0L);
        assertThat(days.get(1).path("day").asText()).isEqualTo(today.toString());
        assertThat(counts(days.get(1))).containsExactly(1L, 0L, 0L, 1L);
    }

    @Test
    void onlyAdminsSeeResults() {
        deliver(dayBatch("results", LocalDate.now(), Instant.now().plusSeconds(86_400), List.of(ALICE.userId())));
        assertThat(http.get(ALICE, "/api/inbox/promotion-stats/results").status()).isEqualTo(403);
        assertThat(http.get(PROMO_JOB, "/api/inbox/promotion-stats/results").status()).isEqualTo(403);
        assertThat(http.get(EVENT_CALENDAR, "/api/inbox/promotion-stats/results").status()).isEqualTo(403);
    }

    private static List<Long> counts(JsonNode day) {
        return List.of(day.path("delivered").asLong(), day.path("read").asLong(), day.path("archived").asLong(),
                day.path("suppressed").asLong());
    }
}
