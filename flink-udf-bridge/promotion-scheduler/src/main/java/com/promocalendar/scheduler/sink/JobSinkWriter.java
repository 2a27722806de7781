package com.promocalendar.scheduler.sink;

import com.promocalendar.scheduler.timers.DueOccurrence;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;
import io.cloudevents.CloudEvent;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts each due day as a structured CloudEvent and returns only once the receiver accepted it
 * (2xx). Every other answer is retried with exponential backoff and jitter (Failsafe) — a 4xx
 * too: Knative answers 400 for a wrong path or an unknown JobSink and 401/403 for a missing
 * token, all of which an operator can fix while the day waits. Past the retry limit the write
 * fails, so Flink restarts the task from the last checkpoint and the day is emitted again; it is
 * never dropped for a reason that can go away. Since {@link #write} completes the post, a
 * checkpoint barrier behind a record means it was delivered. Only an event that fails its own
 * validation ({@link OccurrenceEvents#validate}) is dropped, with an error log and a metric.
 */
final class JobSinkWriter implements SinkWriter<DueOccurrence> {

    private static final Logger LOG = LoggerFactory.getLogger(JobSinkWriter.class);

    private final JobSinkSettings settings;
    private final HttpClient http;
    private final FailsafeExecutor<Void> retries;
    private final Counter postedEvents;
    private final Counter failedPosts;
    private final Counter invalidEvents;

    JobSinkWriter(JobSinkSettings settings, Counter postedEvents, Counter failedPosts, Counter invalidEvents) {
        this.settings = settings;
        this.postedEvents = postedEvents;
        this.failedPosts = failedPosts;
        this.invalidEvents = invalidEvents;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        this.retries = Failsafe.with(RetryPolicy.<Void>builder()
                .handle(IOException.class)
                .withBackoff(settings.initialBackoff(), settings.maxBackoff())
                .withJitter(0.2)
                .withMaxRetries(settings.maxRetries())
                .onFailedAttempt(attempt -> {
                    failedPosts.inc();
                    LOG.error("posting a due day to {} failed (attempt {}): {}", settings.url(),
                            attempt.getAttemptCount(), attempt.getLastException().getMessage());
                })
                .build());
    }

    @Override
    public void write(DueOccurrence due, Context context) throws IOException, InterruptedException {
        CloudEvent event;
        try {
            event = OccurrenceEvents.validate(OccurrenceEvents.of(due));
        } catch (IllegalArgumentException e) {
            // Our own event is wrong: no receiver will ever take it, and failing the task would
            // stall every other promotion. The one case that is dropped.
            invalidEvents.inc();
            LOG.error("dropping the due day {} of promotion {}: the event is invalid: {}", due.day, due.promotionId,
                    e.getMessage());
            return;
        }
        byte[] body = OccurrenceEvents.serialize(event);
        try {
            retries.run(() -> post(event.getId(), body));
        } catch (FailsafeException e) {
            if (e.getCause() instanceof InterruptedException interrupted) {
                throw interrupted;
            }
            throw new IOException("could not deliver " + event.getId() + " to " + settings.url()
                    + " after " + (settings.maxRetries() + 1) + " attempts", e.getCause());
        }
        postedEvents.inc();
    }

    private void post(String eventId, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(settings.url())
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", OccurrenceEvents.CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (settings.tokenFile() != null) {
            // a missing or unreadable file is an IOException: retried like any refusal
            request.header("Authorization", "Bearer " + Files.readString(Path.of(settings.tokenFile())).strip());
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        if (status / 100 == 2) {
            return;
        }
        String detail = response.body().isBlank() ? "" : ": " + abbreviate(response.body());
        throw new IOException(settings.url() + " answered " + status + " for " + eventId + detail);
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text.strip() : text.substring(0, 300).strip() + "…";
    }

    @Override
    public void flush(boolean endOfInput) {
        // write() returns only after delivery; nothing is buffered.
    }

    @Override
    public void close() {}
}
