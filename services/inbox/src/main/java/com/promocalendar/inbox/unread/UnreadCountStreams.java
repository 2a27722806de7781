package com.promocalendar.inbox.unread;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open unread-count streams of this instance, by person. A change is pushed
 * after its transaction commits; a periodic pass ({@code inbox.stream-refresh})
 * re-counts every open stream, which both notices messages that expired and
 * keeps idle connections alive through proxies.
 *
 * <p>One instance is enough for the dev stack and one service replica; with
 * several replicas the change events would travel through PostgreSQL
 * LISTEN/NOTIFY instead of the in-process event.
 */
@Component
class UnreadCountStreams {

    private static final Logger log = LoggerFactory.getLogger(UnreadCountStreams.class);
    private static final String EVENT_NAME = "unread-count";

    private final UnreadCounts counts;
    private final Map<String, Set<Stream>> streamsByRecipient = new ConcurrentHashMap<>();

    UnreadCountStreams(UnreadCounts counts) {
        this.counts = counts;
    }

    /** One open stream and the last count it was sent (-1 before the first). */
    private static final class Stream {
        final SseEmitter emitter;
        long lastSent = -1;

        Stream(SseEmitter emitter) {
            this.emitter = emitter;
        }
    }

    SseEmitter open(String recipientId, Instant tokenExpiresAt) {
        long millisLeft = tokenExpiresAt == null ? Duration.ofMinutes(5).toMillis()
                : Math.max(1_000, Duration.between(Instant.now(), tokenExpiresAt).toMillis());
        Stream stream = new Stream(new SseEmitter(millisLeft));
        Set<Stream> streams = streamsByRecipient.computeIfAbsent(recipientId, id -> ConcurrentHashMap.newKeySet());
        streams.add(stream);
        Runnable remove = () -> forget(recipientId, stream);
        stream.emitter.onCompletion(remove);
        stream.emitter.onTimeout(() -> {
            remove.run();
            stream.emitter.complete();
        });
        stream.emitter.onError(error -> remove.run());
        send(recipientId, stream, counts.of(recipientId), true);
        return stream.emitter;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void countsChanged(UnreadCountsChanged change) {
        for (String recipientId : change.recipientIds()) {
            Set<Stream> streams = streamsByRecipient.get(recipientId);
            if (streams == null || streams.isEmpty()) {
                continue;
            }
            long count = counts.of(recipientId);
            streams.forEach(stream -> send(recipientId, stream, count, false));
        }
    }

    @Scheduled(fixedDelayString = "${inbox.stream-refresh}", initialDelayString = "${inbox.stream-refresh}")
    void refreshOpenStreams() {
        streamsByRecipient.forEach((recipientId, streams) -> {
            if (streams.isEmpty()) {
                return;
            }
            long count = counts.of(recipientId);
            streams.forEach(stream -> {
                if (count != stream.lastSent) {
                    send(recipientId, stream, count, false);
                } else {
                    keepAlive(recipientId, stream);
                }
            });
        });
    }

    /** Ends every stream first on shutdown, so the graceful shutdown does not wait for them. */
    @EventListener(ContextClosedEvent.class)
    void closeAllStreams() {
        streamsByRecipient.values().forEach(streams -> streams.forEach(stream -> stream.emitter.complete()));
        streamsByRecipient.clear();
    }

    private void send(String recipientId, Stream stream, long count, boolean always) {
        synchronized (stream) {
            if (!always && count == stream.lastSent) {
                return;
            }
            try {
                stream.emitter.send(SseEmitter.event().name(EVENT_NAME)
                        .data(new UnreadCount(count), MediaType.APPLICATION_JSON));
                stream.lastSent = count;
            } catch (IOException | IllegalStateException gone) {
                log.debug("unread-count stream of {} closed: {}", recipientId, gone.toString());
                forget(recipientId, stream);
            }
        }
    }

    private void keepAlive(String recipientId, Stream stream) {
        synchronized (stream) {
            try {
                stream.emitter.send(SseEmitter.event().comment("keep-alive"));
            } catch (IOException | IllegalStateException gone) {
                forget(recipientId, stream);
            }
        }
    }

    private void forget(String recipientId, Stream stream) {
        streamsByRecipient.computeIfPresent(recipientId, (id, streams) -> {
            streams.remove(stream);
            return streams.isEmpty() ? null : streams;
        });
    }
}
