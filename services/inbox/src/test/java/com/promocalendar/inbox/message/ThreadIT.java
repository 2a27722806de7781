package com.promocalendar.inbox.message;

import static com.promocalendar.inbox.support.Caller.ALICE;
import static com.promocalendar.inbox.support.Caller.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.promocalendar.inbox.support.IntegrationTest;

/** One thread per promotion: a new day supersedes the earlier unread ones on the badge; the thread holds every day. */
class ThreadIT extends IntegrationTest {

    private static final Instant ENDS = Instant.now().plusSeconds(5 * 86_400);

    @Test
    void aSecondDayOfOnePromotionIsOneThreadAndOneUnread() {
        LocalDate today = LocalDate.now();
        deliver(dayBatch("summer", today, ENDS, List.of(ALICE.userId())));
        deliver(dayBatch("summer", today.plusDays(1), ENDS, List.of(ALICE.userId())));
        deliver(dayBatch("winter", today, ENDS, List.of(ALICE.userId())));

        assertThat(unreadCountOf(ALICE)).isEqualTo(2);
        JsonNode threads = http.get(ALICE, "/api/inbox/messages").json().path("items");
        assertThat(threads.findValuesAsText("promotionId")).containsExactlyInAnyOrder("summer", "winter");
        JsonNode summer = thread(threads, "summer");
        assertThat(summer.path("day").asText()).isEqualTo(today.plusDays(1).toString());
        assertThat(summer.path("unreadInThread").asLong()).isEqualTo(2);
        assertThat(summer.path("messagesInThread").asLong()).isEqualTo(2);
        assertThat(summer.path("dayNumber").asInt()).isEqualTo(2);
        assertThat(summer.path("dayCount").asInt()).isEqualTo(5);

        JsonNode days = http.get(ALICE, "/api/inbox/promotions/summer/messages").json().path("items");
        assertThat(days.findValuesAsText("day")).containsExactly(today.plusDays(1).toString(), today.toString());
    }

    @Test
    void readingTheLatestDayReadsTheThreadAndUnreadBringsItBack() {
        LocalDate today = LocalDate.now();
        deliver(dayBatch("summer", today, ENDS, List.of(ALICE.userId())));
        deliver(dayBatch("summer", today.plusDays(1), ENDS, List.of(ALICE.userId())));
        String latest = thread(http.get(ALICE, "/api/inbox/messages").json().path("items"), "summer").path("id").asText();

        assertThat(http.post(ALICE, "/api/inbox/messages/" + latest + "/read").status()).isEqualTo(204);
        assertThat(unreadCountOf(ALICE)).isZero();
        assertThat(http.get(ALICE, "/api/inbox/messages?unread=true").json().path("items")).isEmpty();

        assertThat(http.post(ALICE, "/api/inbox/messages/" + latest + "/unread").status()).isEqualTo(204);
        assertThat(unreadCountOf(ALICE)).isEqualTo(1);
        assertThat(http.get(ALICE, "/api/inbox/counts").json().path("unread").asLong()).isEqualTo(1);
    }

    @Test
    void archivingFromAThreadArchivesTheThreadAndANewDayBringsItBack() {
        LocalDate today = LocalDate.now();
        deliver(dayBatch("summer", today, ENDS, List.of(ALICE.userId())));
        String first = thread(http.get(ALICE, "/api/inbox/messages").json().path("items"), "summer").path("id").asText();
        assertThat(http.delete(ALICE, "/api/inbox/messages/" + first).status()).isEqualTo(204);
        assertThat(counts()).isEqualTo(Map.of("unread", 0L, "active", 0L, "ended", 0L, "archived", 1L));

        deliver(dayBatch("summer", today.plusDays(1), ENDS, List.of(ALICE.userId())));

        assertThat(counts()).isEqualTo(Map.of("unread", 1L, "active", 1L, "ended", 0L, "archived", 0L));
        assertThat(thread(http.get(ALICE, "/api/inbox/messages").json().path("items"), "summer")
                .path("messagesInThread").asLong()).isEqualTo(2);
    }

    @Test
    void anotherPersonsThreadIsNotFound() {
        deliver(dayBatch("summer", LocalDate.now(), ENDS, List.of(ALICE.userId())));

        assertThat(http.get(BOB, "/api/inbox/promotions/summer/messages").status()).isEqualTo(404);
        assertThat(http.get(BOB, "/api/inbox/messages").json().path("items")).isEmpty();
    }

    @Test
    void theActiveViewPagesByEndWithAnOpaqueCursor() {
        for (int i = 0; i < 5; i++) {
            deliver(dayBatch("p" + i, LocalDate.now(), ENDS.minusSeconds(i * 3600L), List.of(ALICE.userId())));
        }
        JsonNode first = http.get(ALICE, "/api/inbox/messages?limit=3").json();
        JsonNode second = http.get(ALICE, "/api/inbox/messages?limit=3&cursor=" + first.path("nextCursor").asText()).json();

        assertThat(first.path("items").findValuesAsText("promotionId")).containsExactly("p4", "p3", "p2");
        assertThat(second.path("items").findValuesAsText("promotionId")).containsExactly("p1", "p0");
        assertThat(second.path("nextCursor").isNull()).isTrue();
    }

    private Map<String, Long> counts() {
        JsonNode counts = http.get(ALICE, "/api/inbox/counts").json();
        return Map.of("unread", counts.path("unread").asLong(), "active", counts.path("active").asLong(),
                "ended", counts.path("ended").asLong(), "archived", counts.path("archived").asLong());
    }

    static JsonNode thread(JsonNode threads, String promotionId) {
        for (JsonNode thread : threads) {
            if (thread.path("promotionId").asText().equals(promotionId)) {
                return thread;
            }
        }
        throw new AssertionError("no thread of " + promotionId + " in " + threads);
    }
}
