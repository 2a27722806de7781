package com.promocalendar.inbox.unread;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open unread-count streams of this replica, by person, with limits: at most
 * {@code inbox.streams.per-person} per person (a new one closes the oldest) and
 * {@code inbox.streams.max-total} in all (then {@link TooManyStreamsException}).
 *
 * <p>Changes arrive as recipient ids from {@link UnreadCountListener} (PostgreSQL
 * NOTIFY, so a write on any replica reaches the streams on every replica). They
 * are re-counted on one bounded background thread, never on the thread that
 * wrote: one query for all the ids that have a stream here. If that queue is
 * full a change is dropped and the periodic pass ({@code inbox.stream-refresh})
 * sends it; that pass re-counts every open stream in one query, which also
 * notices messages that expired and keeps idle connections alive through proxies.
 */
@Component
class UnreadCountStreams {

    private static final Logger log = LoggerFactory.getLogger(UnreadCountStreams.class);
    private static final String EVENT_NAME = "unread-count";

    private final UnreadCounts counts;
    private final int perPerson;
    private final int maxTotal;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    private final Map<String, Deque<Stream>> streamsByRecipient = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor recounts = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(1_000), UnreadCountStreams::daemon,
            (task, executor) -> dropped.incrementAndGet());

    UnreadCountStreams(UnreadCounts counts, @Value("${inbox.streams.per-person}") int perPerson,
            @Value("${inbox.streams.max-total}") int maxTotal) {
        this.counts = counts;
        this.perPerson = perPerson;
        this.maxTotal = maxTotal;
    }

    private static Thread daemon(Runnable task) {
        Thread thread = new Thread(task, "unread-count-streams");
        thread.setDaemon(true);
        return thread;
    }

    /** One open stream and the last count it was sent (-1 before the first). */
    private static final class Stream {
        final SseEmitter emitter;
        long lastSent = -1;

        Stream(SseEmitter emitter) {
            this.emitter = emitter;
        }
    }

    /** All streams refused: this replica has {@code inbox.streams.max-total} open. */
    static final class TooManyStreamsException extends RuntimeException {
        TooManyStreamsException(int limit) {
            super("this inbox serves " + limit + " live streams already");
        }
    }

    SseEmitter open(String recipientId, Instant tokenExpiresAt) {
        if (open.incrementAndGet() > maxTotal) {
            open.decrementAndGet();
            throw new TooManyStreamsException(maxTotal);
        }
        long millisLeft = tokenExpiresAt == null ? Duration.ofMinutes(5).toMillis()
                : Math.max(1_000, Duration.between(Instant.now(), tokenExpiresAt).toMillis());
        Stream stream = new Stream(new SseEmitter(millisLeft));
        Stream[] oldest = new Stream[1];
        // compute, like forget's computeIfPresent, holds the key: a list being emptied is never added to
        streamsByRecipient.compute(recipientId, (id, listed) -> {
            Deque<Stream> streams = listed == null ? new ArrayDeque<>() : listed;
            synchronized (streams) {
                streams.addLast(stream);
                if (streams.size() > perPerson) {
                    oldest[0] = streams.pollFirst();
                    open.decrementAndGet();
                }
            }
            return streams;
        });
        if (oldest[0] != null) {
            oldest[0].emitter.complete();
        }
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

    /** These people's counts may have changed: re-counted in the background for those with a stream here. */
    void changed(Collection<String> recipientIds) {
        List<String> watched = recipientIds.stream().filter(streamsByRecipient::containsKey).distinct().toList();
        if (!watched.isEmpty()) {
            recounts.execute(() -> sendCounts(watched, false));
        }
    }

    /** Anyone's count may have changed (a promotion's state moved): every open stream is re-counted in the background. */
    void everyoneChanged() {
        recounts.execute(() -> sendCounts(List.copyOf(streamsByRecipient.keySet()), false));
    }

    @Scheduled(fixedDelayString = "${inbox.stream-refresh}", initialDelayString = "${inbox.stream-refresh}")
    void refreshOpenStreams() {
        long lost = dropped.getAndSet(0);
        if (lost > 0) {
            log.warn("{} unread-count changes were dropped (queue full); this pass re-counts every stream", lost);
        }
        sendCounts(List.copyOf(streamsByRecipient.keySet()), true);
    }

    int openStreams() {
        return open.get();
    }

    /** Ends every stream first on shutdown, so the graceful shutdown does not wait for them. */
    @EventListener(ContextClosedEvent.class)
    void closeAllStreams() {
        recounts.shutdownNow();
        streamsByRecipient.values().forEach(streams -> snapshot(streams).forEach(stream -> stream.emitter.complete()));
        streamsByRecipient.clear();
        open.set(0);
    }

    /** One query for all of them; an unchanged count is a keep-alive comment when {@code keepAlive}. */
    private void sendCounts(List<String> recipientIds, boolean keepAlive) {
        if (recipientIds.isEmpty()) {
            return;
        }
        Map<String, Long> current = counts.of(recipientIds);
        for (String recipientId : recipientIds) {
            Deque<Stream> streams = streamsByRecipient.get(recipientId);
            if (streams == null) {
                continue;
            }
            long count = current.getOrDefault(recipientId, 0L);
            for (Stream stream : snapshot(streams)) {
                if (count != stream.lastSent) {
                    send(recipientId, stream, count, false);
                } else if (keepAlive) {
                    keepAlive(recipientId, stream);
                }
            }
        }
    }

    private static List<Stream> snapshot(Deque<Stream> streams) {
        synchronized (streams) {
            return List.copyOf(streams);
        }
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

    /** Removes the stream if it is still listed (each stream is counted off exactly once). */
    private void forget(String recipientId, Stream stream) {
        streamsByRecipient.computeIfPresent(recipientId, (id, streams) -> {
            synchronized (streams) {
                if (streams.remove(stream)) {
                    open.decrementAndGet();
                }
                return streams.isEmpty() ? null : streams;
            }
        });
    }
}
