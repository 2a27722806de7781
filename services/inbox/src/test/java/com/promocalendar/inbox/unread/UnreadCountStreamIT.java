package com.promocalendar.inbox.unread;

import static com.promocalendar.inbox.support.Caller.ALICE;
import static com.promocalendar.inbox.support.Caller.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.promocalendar.inbox.support.IntegrationTest;
import com.promocalendar.inbox.support.UnreadCountStream;

/** The badge's live stream: the count on connect, then every change. */
class UnreadCountStreamIT extends IntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void theStreamSendsTheCountOnConnectAndOnEveryChange() throws Exception {
        String first = deliverOne(message(ALICE.userId()));

        try (UnreadCountStream stream = http.openStream(ALICE)) {
            assertThat(stream.next(WAIT)).isEqualTo(1);

            deliver(message(ALICE.userId()));
            assertThat(stream.next(WAIT)).isEqualTo(2);
            deliver(message(ALICE.userId()));
            assertThat(stream.next(WAIT)).isEqualTo(3);

            http.post(ALICE, "/api/inbox/messages/" + first + "/read");
            assertThat(stream.next(WAIT)).isEqualTo(2);

            http.post(ALICE, "/api/inbox/read-all");
            assertThat(stream.next(WAIT)).isZero();
        }
    }

    /** A write on another replica reaches this one's streams through PostgreSQL NOTIFY. */
    @Test
    void aChangeNotifiedByAnotherReplicaReachesTheStream() throws Exception {
        String message = deliverOne(message(ALICE.userId()));

        try (UnreadCountStream stream = http.openStream(ALICE)) {
            assertThat(stream.next(WAIT)).isEqualTo(1);
            // what another replica does when alice reads the message there
            jdbc.update("UPDATE message SET read_at = now() WHERE id = ?", Long.parseLong(message));
            jdbc.queryForList("SELECT pg_notify('inbox_unread_counts', ?)", ALICE.userId());
            assertThat(stream.next(WAIT)).isZero();
        }
    }

    @Test
    void aSixthStreamOfOnePersonClosesTheOldest() throws Exception {
        List<UnreadCountStream> streams = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                UnreadCountStream stream = http.openStream(ALICE);
                assertThat(stream.next(WAIT)).isZero();
                streams.add(stream);
            }
            assertThat(streams.get(0).endsWithin(WAIT)).as("the oldest stream is closed").isTrue();
            deliver(message(ALICE.userId()));
            for (UnreadCountStream open : streams.subList(1, 6)) {
                assertThat(open.next(WAIT)).isEqualTo(1);
            }
        } finally {
            for (UnreadCountStream stream : streams) {
                stream.close();
            }
        }
    }

    @Test
    void anotherPersonsNewMessagesDoNotReachTheStream() throws Exception {
        try (UnreadCountStream stream = http.openStream(ALICE)) {
            assertThat(stream.next(WAIT)).isZero();

            deliver(List.of(message(BOB.userId())));
            String alices = deliverOne(message(ALICE.userId()));
            assertThat(stream.next(WAIT)).as("the next event is alice's own message").isEqualTo(1);

            http.delete(ALICE, "/api/inbox/messages/" + alices);
            assertThat(stream.next(WAIT)).isZero();
        }
    }
}
