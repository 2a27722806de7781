package com.promocalendar.calendar.inboxsync;

import static com.promocalendar.calendar.PromotionJson.upcoming;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import com.promocalendar.calendar.Api.Response;
import com.promocalendar.calendar.InboxStandIn.Received;
import com.promocalendar.calendar.IntegrationTest;
import com.promocalendar.calendar.Tokens;

/** Each change of a published promotion reaches the inbox, in order, with the service's own token; failures are retried. */
class InboxRelayIT extends IntegrationTest {

    @Test
    void publishMoveAndUnpublishReachTheInboxInOrderWithTheReason() throws Exception {
        Response draft = api().post("/api/promotions", Tokens.admin(), upcoming("COF-1001"));
        String path = "/api/promotions/" + draft.id();
        Response published = api().post(path + "/publish", Tokens.admin(), null, draft.version());
        Response unpublished = api().post(path + "/unpublish", Tokens.admin(), Map.of("reason", "Wrong price"),
                published.version());
        assertThat(unpublished.status()).as(unpublished.toString()).isEqualTo(200);

        List<Received> sent = await(draft.id(), list -> list.size() >= 2);

        assertThat(sent).extracting(r -> r.method() + " " + r.path())
                .containsOnly("PUT /api/internal/inbox/promotions/" + draft.id());
        assertThat(sent).extracting(r -> r.body().path("status").asText()).containsExactly("PUBLISHED", "UNPUBLISHED");
        assertThat(sent).extracting(r -> r.body().path("version").asLong())
                .containsExactly(published.version(), unpublished.version());
        assertThat(sent.get(1).body().path("withdrawnReason").asText()).isEqualTo("Wrong price");
        assertThat(Instant.parse(sent.get(0).body().path("endsAt").asText())).isAfter(Instant.now());
        assertThat(sent.get(0).authorization()).startsWith("Bearer ");
        String payload = sent.get(0).authorization().split("\\.")[1];
        assertThat(new ObjectMapper().readTree(Base64.getUrlDecoder().decode(payload)).path("azp").asText())
                .isEqualTo("event-calendar");
    }

    @Test
    void aFailingInboxGetsTheSameChangeAgainAndNothingIsSkipped() throws Exception {
        Response draft = api().post("/api/promotions", Tokens.admin(), upcoming("COF-1001"));
        // this promotion's sends only (a draft has no change yet): other tests' changes the relay
        // still has to send must not use up the failures
        INBOX.failNext(3, "/api/internal/inbox/promotions/" + draft.id());
        String path = "/api/promotions/" + draft.id();
        Response published = api().post(path + "/publish", Tokens.admin(), null, draft.version());
        api().post(path + "/unpublish", Tokens.admin(), null, published.version());

        List<Received> sent = await(draft.id(), list -> list.stream().filter(r -> r.body().path("status").asText()
                .equals("UNPUBLISHED")).count() == 1);

        // answered 503 three times, then accepted: the same PUBLISHED change until it got through, then the unpublish
        List<String> statuses = sent.stream().map(r -> r.body().path("status").asText()).toList();
        assertThat(statuses.get(statuses.size() - 1)).isEqualTo("UNPUBLISHED");
        assertThat(statuses.subList(0, statuses.size() - 1)).containsOnly("PUBLISHED").hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void aTooLongReasonIsRefusedByNameAndNothingChanges() {
        Response draft = api().post("/api/promotions", Tokens.admin(), upcoming("COF-1001"));
        String path = "/api/promotions/" + draft.id();
        Response published = api().post(path + "/publish", Tokens.admin(), null, draft.version());
        long before = storedRows();

        Response refused = api().post(path + "/unpublish", Tokens.admin(), Map.of("reason", "x".repeat(501)),
                published.version());

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorFields()).containsExactly("reason");
        assertThat(storedRows()).isEqualTo(before);
    }

    private static List<Received> await(String promotionId, Predicate<List<Received>> done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        List<Received> sent = INBOX.receivedFor(promotionId);
        while (!done.test(sent) && System.nanoTime() < deadline) {
            Thread.sleep(50); // polling what the stand-in received, the condition under test
            sent = INBOX.receivedFor(promotionId);
        }
        assertThat(done.test(sent)).as("received " + sent).isTrue();
        return sent;
    }
}
