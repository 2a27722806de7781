package com.promocalendar.inbox.delivery;

import static com.promocalendar.inbox.support.Caller.ADMIN;
import static com.promocalendar.inbox.support.Caller.ALICE;
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

/** An admin's test message: the admin's inbox only, its own key space, flagged, never suppressed. */
class AdminTestMessageIT extends IntegrationTest {

    private static final String PATH = "/api/internal/inbox/test-messages";

    private static Map<String, Object> testMessage(String promotionId, LocalDate day, long version) {
        Map<String, Object> batch = dayBatch(promotionId, day, Instant.now().plusSeconds(86_400), List.of(ADMIN.userId()));
        batch.remove("messages");
        batch.put("version", version);
        batch.put("recipientId", ADMIN.userId());
        batch.put("body", "Hi Ada, this is what customers will get.");
        return batch;
    }

    @Test
    void aTestLandsInTheAdminsInboxFlaggedAndNeverCollidesWithTheRealMessage() {
        LocalDate day = LocalDate.now();
        InboxHttp.Response sent = http.postJson(EVENT_CALENDAR, PATH, json(testMessage("summer", day, 3)));
        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        assertThat(sent.json().path("inserted").asInt()).isEqualTo(1);

        deliver(dayBatch("summer", day, Instant.now().plusSeconds(86_400), List.of(ADMIN.userId(), ALICE.userId())));

        JsonNode days = http.get(ADMIN, "/api/inbox/promotions/summer/messages").json().path("items");
        assertThat(days.findValues("test")).extracting(JsonNode::asBoolean).containsExactlyInAnyOrder(true, false);
        assertThat(jdbc.queryForList("SELECT idempotency_key FROM message WHERE test", String.class))
                .containsExactly("summer/test/3/" + day + "/" + ADMIN.userId());
        assertThat(http.get(ALICE, "/api/inbox/promotions/summer/messages").json().path("items").findValues("test"))
                .extracting(JsonNode::asBoolean).containsExactly(false);
        assertThat(http.postJson(EVENT_CALENDAR, PATH, json(testMessage("summer", day, 3))).json()
                .path("duplicates").asInt()).isEqualTo(1);
    }

    @Test
    void aMutedAdminStillGetsTheTestTheyAskedFor() {
        deliver(dayBatch("summer", LocalDate.now(), Instant.now().plusSeconds(86_400), List.of(ADMIN.userId())));
        http.put(ADMIN, "/api/inbox/promotions/summer/mute");

        assertThat(http.postJson(EVENT_CALENDAR, PATH, json(testMessage("summer", LocalDate.now(), 4))).json()
                .path("inserted").asInt()).isEqualTo(1);
    }

    @Test
    void onlyTheCalendarMaySendTestsAndBadFieldsAreNamed() {
        assertThat(http.postJson(PROMO_JOB, PATH, json(testMessage("summer", LocalDate.now(), 1))).status()).isEqualTo(403);
        assertThat(http.postJson(ADMIN, PATH, json(testMessage("summer", LocalDate.now(), 1))).status()).isEqualTo(403);

        Map<String, Object> bad = testMessage("summer", LocalDate.now(), 1);
        bad.put("recipientId", "");
        bad.remove("version");
        InboxHttp.Response refused = http.postJson(EVENT_CALENDAR, PATH, json(bad));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("errors").findValuesAsText("field")).containsExactly("version");
        bad.put("version", 1);
        assertThat(http.postJson(EVENT_CALENDAR, PATH, json(bad)).json().path("errors").findValuesAsText("field"))
                .containsExactly("recipientId");
        assertThat(storedMessages()).isZero();
    }
}
