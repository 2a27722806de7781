package com.promocalendar.inbox.unread;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The limits of the live streams, and the periodic pass counting everyone in one query. */
class UnreadCountStreamsTest {

    /** Counts from a map; remembers every many-people query. */
    private static final class FakeCounts extends UnreadCounts {
        final Map<String, Long> unread = new HashMap<>();
        final List<Collection<String>> batchQueries = new ArrayList<>();

        FakeCounts() {
            super(null);
        }

        @Override
        long of(String recipientId) {
            return unread.getOrDefault(recipientId, 0L);
        }

        @Override
        Map<String, Long> of(Collection<String> recipientIds) {
            batchQueries.add(List.copyOf(recipientIds));
            return unread;
        }
    }

    private static final Instant LATER = Instant.now().plusSeconds(300);

    private static boolean completed(SseEmitter emitter) {
        try {
            emitter.send("probe");
            return false;
        } catch (IllegalStateException alreadyCompleted) {
            return true;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aPersonsNewStreamPastTheLimitClosesTheirOldest() {
        UnreadCountStreams streams = new UnreadCountStreams(new FakeCounts(), 2, 100);

        SseEmitter first = streams.open("alice", LATER);
        SseEmitter second = streams.open("alice", LATER);
        SseEmitter third = streams.open("alice", LATER);
        streams.open("bob", LATER);

        assertThat(completed(first)).isTrue();
        assertThat(completed(second)).isFalse();
        assertThat(completed(third)).isFalse();
        assertThat(streams.openStreams()).isEqualTo(3);
    }

    @Test
    void pastTheTotalANewStreamIsRefused() {
        UnreadCountStreams streams = new UnreadCountStreams(new FakeCounts(), 5, 3);
        for (String person : List.of("a", "b", "c")) {
            streams.open(person, LATER);
        }

        assertThatThrownBy(() -> streams.open("d", LATER)).isInstanceOf(UnreadCountStreams.TooManyStreamsException.class);
        assertThatThrownBy(() -> streams.open("a", LATER)).isInstanceOf(UnreadCountStreams.TooManyStreamsException.class);
        assertThat(streams.openStreams()).isEqualTo(3);
    }

    @Test
    void theRefreshCountsEveryConnectedPersonInOneQuery() {
        FakeCounts counts = new FakeCounts();
        UnreadCountStreams streams = new UnreadCountStreams(counts, 5, 100);
        for (int i = 0; i < 50; i++) {
            streams.open("person-" + i, LATER);
        }
        counts.unread.put("person-7", 3L);

        streams.refreshOpenStreams();

        assertThat(counts.batchQueries).hasSize(1);
        assertThat(counts.batchQueries.get(0)).hasSize(50);
    }
}
