package com.promocalendar.inbox.privacy;

import static com.promocalendar.inbox.support.Caller.ACCOUNT_DELETION;
import static com.promocalendar.inbox.support.Caller.ALICE;
import static com.promocalendar.inbox.support.Caller.BOB;
import static com.promocalendar.inbox.support.Caller.EVENT_CALENDAR;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.promocalendar.inbox.support.IntegrationTest;

/** Erasure of one customer: everything goes, and a job still running does not bring it back. */
class ErasureIT extends IntegrationTest {

    private static final Instant ENDS = Instant.now().plusSeconds(5 * 86_400);

    @Test
    void eraseRemovesEveryMessageOfTheCustomerAndLaterBatchesSuppressThem() {
        deliver(dayBatch("summer", LocalDate.now(), ENDS, List.of(ALICE.userId(), BOB.userId())));
        http.put(ALICE, "/api/inbox/promotions/summer/mute");

        assertThat(http.delete(ACCOUNT_DELETION, "/api/internal/inbox/recipients/" + ALICE.userId()).status()).isEqualTo(204);

        assertThat(jdbc.queryForObject("SELECT count(*) FROM message WHERE recipient_id = ?", Long.class, ALICE.userId()))
                .isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM muted_promotion", Long.class)).isZero();
        assertThat(unreadCountOf(BOB)).isEqualTo(1);

        JsonNode late = deliver(dayBatch("summer", LocalDate.now().plusDays(1), ENDS,
                List.of(ALICE.userId(), BOB.userId()))).json();
        assertThat(late.path("suppressed").asInt()).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM message WHERE recipient_id = ?", Long.class, ALICE.userId()))
                .isZero();
        assertThat(http.delete(ACCOUNT_DELETION, "/api/internal/inbox/recipients/" + ALICE.userId()).status())
                .as("repeating is safe").isEqualTo(204);
    }

    @Test
    void onlyTheAccountDeletionMayErase() {
        deliver(dayBatch("summer", LocalDate.now(), ENDS, List.of(ALICE.userId())));

        assertThat(http.delete(ALICE, "/api/internal/inbox/recipients/" + ALICE.userId()).status()).isEqualTo(403);
        assertThat(http.delete(EVENT_CALENDAR, "/api/internal/inbox/recipients/" + ALICE.userId()).status()).isEqualTo(403);
        assertThat(storedMessages()).isEqualTo(1);
    }
}
