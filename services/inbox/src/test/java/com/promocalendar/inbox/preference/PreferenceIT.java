package com.promocalendar.inbox.preference;

import static com.promocalendar.inbox.support.Caller.ALICE;
import static com.promocalendar.inbox.support.Caller.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.promocalendar.inbox.support.IntegrationTest;

/** Mute and the switch for all promotion messages act when a batch is stored: reported as suppressed. */
class PreferenceIT extends IntegrationTest {

    private static final Instant ENDS = Instant.now().plusSeconds(5 * 86_400);

    @Test
    void aMutedPromotionsNextDayIsSuppressedForThatCustomerOnly() {
        LocalDate today = LocalDate.now();
        deliver(dayBatch("summer", today, ENDS, List.of(ALICE.userId(), BOB.userId())));
        assertThat(http.put(ALICE, "/api/inbox/promotions/summer/mute").status()).isEqualTo(204);

        JsonNode answer = deliver(dayBatch("summer", today.plusDays(1), ENDS, List.of(ALICE.userId(), BOB.userId()))).json();

        assertThat(answer.path("inserted").asInt()).isEqualTo(1);
        assertThat(answer.path("suppressed").asInt()).isEqualTo(1);
        assertThat(answer.path("duplicates").asInt()).isZero();
        assertThat(http.get(ALICE, "/api/inbox/promotions/summer/messages").json().path("items")).hasSize(1);
        assertThat(http.get(BOB, "/api/inbox/promotions/summer/messages").json().path("items")).hasSize(2);
        assertThat(http.get(ALICE, "/api/inbox/messages").json().path("items").get(0).path("muted").asBoolean()).isTrue();
        assertThat(http.get(ALICE, "/api/inbox/promotions/summer/messages").json().path("muted").asBoolean()).isTrue();

        assertThat(http.delete(ALICE, "/api/inbox/promotions/summer/mute").status()).isEqualTo(204);
        JsonNode again = deliver(dayBatch("summer", today.plusDays(2), ENDS, List.of(ALICE.userId()))).json();
        assertThat(again.path("inserted").asInt()).isEqualTo(1);
    }

    @Test
    void pausedPromotionMessagesAreSuppressedUntilSwitchedBackOn() {
        assertThat(http.get(ALICE, "/api/inbox/preferences").json().path("promotionMessages").asBoolean()).isTrue();
        assertThat(http.putJson(ALICE, "/api/inbox/preferences", "{\"promotionMessages\":false}").json()
                .path("promotionMessages").asBoolean()).isFalse();

        JsonNode answer = deliver(dayBatch("winter", LocalDate.now(), ENDS, List.of(ALICE.userId(), BOB.userId()))).json();
        assertThat(answer.path("suppressed").asInt()).isEqualTo(1);
        assertThat(storedMessages()).isEqualTo(1);

        http.putJson(ALICE, "/api/inbox/preferences", "{\"promotionMessages\":true}");
        assertThat(deliver(dayBatch("winter", LocalDate.now().plusDays(1), ENDS, List.of(ALICE.userId()))).json()
                .path("inserted").asInt()).isEqualTo(1);
    }

    @Test
    void aPromotionTheCallerHasNoMessageOfCannotBeMutedAndBadPreferencesAreNamed() {
        deliver(dayBatch("summer", LocalDate.now(), ENDS, List.of(BOB.userId())));

        assertThat(http.put(ALICE, "/api/inbox/promotions/summer/mute").status()).isEqualTo(404);
        var bad = http.putJson(ALICE, "/api/inbox/preferences", "{}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("errors").findValuesAsText("field")).containsExactly("promotionMessages");
    }
}
