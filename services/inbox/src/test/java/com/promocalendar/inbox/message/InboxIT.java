package com.promocalendar.inbox.message;

import static com.promocalendar.inbox.support.Caller.ALICE;
import static com.promocalendar.inbox.support.Caller.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.promocalendar.inbox.support.InboxHttp;
import com.promocalendar.inbox.support.IntegrationTest;

/** A person's inbox of one-day promotions (one thread each): pages, the message shape, expiry, read and archive. */
class InboxIT extends IntegrationTest {

    @Test
    void pagesActiveThreadsEndingSoonestFirstWithoutGapsOrRepeatsWhileNewMessagesArrive() {
        deliver(messages(ALICE.userId(), 50));
        List<String> stored = jdbc.queryForList(
                "SELECT id::text FROM message WHERE recipient_id = ? ORDER BY expires_at, id", String.class, ALICE.userId());

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = http.get(ALICE, "/api/inbox/messages?limit=7" + (cursor == null ? "" : "&cursor=" + cursor))
                    .json();
            page.path("items").forEach(item -> seen.add(item.path("id").asText()));
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
            deliver(messages(ALICE.userId(), 3)); // new mail (ending later) arrives between page requests
            pages++;
        } while (cursor != null);

        assertThat(seen).doesNotHaveDuplicates();
        assertThat(seen.subList(0, 50)).containsExactlyElementsOf(stored);
    }

    @Test
    void aMessageShowsItsContentAndOwnId() {
        Map<String, Object> sent = message(ALICE.userId());
        String id = deliverOne(sent);

        JsonNode message = http.get(ALICE, "/api/inbox/messages/" + id).json();

        assertThat(message.path("id").asText()).isEqualTo(id)
                .isNotEqualTo(messagesOf(sent).get(0).get("idempotencyKey"));
        assertThat(message.path("promotionId").asText()).isEqualTo(sent.get("promotionId"));
        assertThat(message.path("day").asText()).isEqualTo(sent.get("day"));
        assertThat(message.path("subject").asText()).isEqualTo(sent.get("subject"));
        assertThat(message.path("body").asText()).isEqualTo("Hello <b>Alice</b>, mugs are 25% off.");
        assertThat(message.path("products").get(0).path("name").asText()).isEqualTo("Blue mug");
        assertThat(message.path("createdAt").asText()).isNotEmpty();
        assertThat(message.path("readAt").isNull()).isTrue();
        assertThat(Instant.parse(message.path("expiresAt").asText())).isEqualTo(Instant.parse((String) sent.get("expiresAt")));
        assertThat(message.path("expired").asBoolean()).isFalse();
    }

    @Test
    void anExpiredMessageIsListedUnderEndedAndNotCountedAsUnread() {
        String expired = deliverOne(message(ALICE.userId(), Instant.now().minusSeconds(60)));
        String live = deliverOne(message(ALICE.userId()));

        JsonNode active = http.get(ALICE, "/api/inbox/messages").json().path("items");
        JsonNode ended = http.get(ALICE, "/api/inbox/messages?view=ended").json().path("items");

        assertThat(active.findValuesAsText("id")).containsExactly(live);
        assertThat(ended.findValuesAsText("id")).containsExactly(expired);
        assertThat(ended.get(0).path("expired").asBoolean()).isTrue();
        assertThat(unreadCount()).isEqualTo(1);
    }

    @Test
    void aMessageStopsCountingWhenItExpiresWithoutItsRowBeingRewritten() throws InterruptedException {
        String id = deliverOne(message(ALICE.userId(), Instant.now().plusSeconds(2)));
        String versionBefore = rowVersion(id);
        assertThat(unreadCount()).isEqualTo(1);

        long deadline = System.nanoTime() + 15_000_000_000L;
        while (unreadCount() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(200); // polling the observable count, the condition under test
        }

        assertThat(unreadCount()).isZero();
        assertThat(http.get(ALICE, "/api/inbox/messages/" + id).json().path("expired").asBoolean()).isTrue();
        assertThat(rowVersion(id)).as("row not rewritten").isEqualTo(versionBefore);
    }

    @Test
    void readingAMessageLowersTheCountOnceAndKeepsTheFirstReadTime() {
        String id = deliverOne(message(ALICE.userId()));
        deliverOne(message(ALICE.userId()));

        assertThat(http.post(ALICE, "/api/inbox/messages/" + id + "/read").status()).isEqualTo(204);
        String readAt = http.get(ALICE, "/api/inbox/messages/" + id).json().path("readAt").asText();
        assertThat(http.post(ALICE, "/api/inbox/messages/" + id + "/read").status()).isEqualTo(204);

        assertThat(unreadCount()).isEqualTo(1);
        assertThat(readAt).isNotEmpty();
        assertThat(http.get(ALICE, "/api/inbox/messages/" + id).json().path("readAt").asText()).isEqualTo(readAt);
    }

    @Test
    void readAllReadsOnlyTheCallersMessages() {
        deliver(messages(ALICE.userId(), 4));
        deliver(messages(BOB.userId(), 2));

        assertThat(http.post(ALICE, "/api/inbox/read-all").status()).isEqualTo(204);

        assertThat(unreadCount()).isZero();
        assertThat(http.get(BOB, "/api/inbox/unread-count").json().path("count").asLong()).isEqualTo(2);
    }

    @Test
    void anArchivedMessageMovesToArchivedAndOutOfTheCountUntilRestored() {
        String archived = deliverOne(message(ALICE.userId()));
        String kept = deliverOne(message(ALICE.userId()));

        assertThat(http.delete(ALICE, "/api/inbox/messages/" + archived).status()).isEqualTo(204);

        assertThat(http.get(ALICE, "/api/inbox/messages").json().path("items").findValuesAsText("id")).containsExactly(kept);
        assertThat(http.get(ALICE, "/api/inbox/messages?view=archived").json().path("items").findValuesAsText("id"))
                .containsExactly(archived);
        assertThat(http.get(ALICE, "/api/inbox/messages/" + archived).json().path("archived").asBoolean()).isTrue();
        assertThat(unreadCount()).isEqualTo(1);
        assertThat(http.get(ALICE, "/api/inbox/counts").json().toString())
                .isEqualTo("{\"unread\":1,\"active\":1,\"ended\":0,\"archived\":1}");

        assertThat(http.post(ALICE, "/api/inbox/messages/" + archived + "/restore").status()).isEqualTo(204);

        assertThat(http.get(ALICE, "/api/inbox/messages").json().path("items").findValuesAsText("id"))
                .containsExactlyInAnyOrder(archived, kept);
        assertThat(unreadCount()).isEqualTo(2);
    }

    @Test
    void someoneElsesMessageCannotBeArchivedRestoredOrMarked() {
        String alices = deliverOne(message(ALICE.userId()));

        for (String action : List.of("/read", "/unread", "/restore")) {
            assertThat(http.post(BOB, "/api/inbox/messages/" + alices + action).status()).as(action).isEqualTo(404);
        }
        assertThat(http.delete(BOB, "/api/inbox/messages/" + alices).status()).isEqualTo(404);
        assertThat(http.get(BOB, "/api/inbox/messages/" + alices).status()).isEqualTo(404);
        assertThat(unreadCount()).isEqualTo(1);
    }

    @Test
    void anUnknownMessageIsNotFound() {
        assertThat(http.get(ALICE, "/api/inbox/messages/987654321").status()).isEqualTo(404);
        assertThat(http.get(ALICE, "/api/inbox/messages/not-a-number").status()).isEqualTo(404);
    }

    @Test
    void badPagingParametersAreRefusedByName() {
        assertBadParameter(http.get(ALICE, "/api/inbox/messages?limit=0"), "limit");
        assertBadParameter(http.get(ALICE, "/api/inbox/messages?limit=101"), "limit");
        assertBadParameter(http.get(ALICE, "/api/inbox/messages?limit=ten"), "limit");
        assertBadParameter(http.get(ALICE, "/api/inbox/messages?cursor=abc"), "cursor");
        assertBadParameter(http.get(ALICE, "/api/inbox/messages?view=inbox"), "view");
    }

    private void assertBadParameter(InboxHttp.Response response, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("errors").findValuesAsText("field")).containsExactly(field);
    }

    private long unreadCount() {
        return http.get(ALICE, "/api/inbox/unread-count").json().path("count").asLong();
    }

    /** PostgreSQL's row version: any UPDATE of the row changes it. */
    private String rowVersion(String id) {
        return jdbc.queryForObject("SELECT xmin::text || ctid::text FROM message WHERE id = ?", String.class,
                Long.parseLong(id));
    }
}
