package com.promocalendar.inbox.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads {@code unread-count} server-sent events in the background; {@link #next} waits for the next one. */
public final class UnreadCountStream implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int status;
    private final String contentType;
    private final InputStream body;
    private final BlockingQueue<Long> counts = new LinkedBlockingQueue<>();
    private final java.util.concurrent.CountDownLatch ended = new java.util.concurrent.CountDownLatch(1);

    private UnreadCountStream(HttpResponse<InputStream> response) {
        this.status = response.statusCode();
        this.contentType = response.headers().firstValue("Content-Type").orElse("");
        this.body = response.body();
        Thread reader = new Thread(this::readEvents, "unread-count-stream-reader");
        reader.setDaemon(true);
        reader.start();
    }

    static UnreadCountStream open(HttpClient http, HttpRequest request) {
        try {
            return new UnreadCountStream(http.send(request, HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int status() {
        return status;
    }

    public String contentType() {
        return contentType;
    }

    /** The next event's count, or fails after the timeout. */
    public long next(Duration timeout) throws InterruptedException {
        Long count = counts.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (count == null) {
            throw new AssertionError("no unread-count event within " + timeout);
        }
        return count;
    }

    /** True when the server ended the stream within the timeout. */
    public boolean endsWithin(Duration timeout) throws InterruptedException {
        return ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void readEvents() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String event = null;
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("event:")) {
                    event = line.substring("event:".length()).trim();
                } else if (line.startsWith("data:") && "unread-count".equals(event)) {
                    counts.add(JSON.readTree(line.substring("data:".length())).path("count").asLong());
                } else if (line.isEmpty()) {
                    event = null;
                }
            }
        } catch (IOException closed) {
            // the test closed the stream
        } finally {
            ended.countDown();
        }
    }

    @Override
    public void close() throws IOException {
        body.close();
    }
}
