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
import java.time.Duration;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts each due day as a structured CloudEvent and returns only once the receiver accepted it
 * (2xx), retrying I/O errors, 429 and 5xx with exponential backoff and jitter (Failsafe). Since
 * {@link #write} completes the post, a checkpoint barrier behind a record means it was delivered.
 */
final class JobSinkWriter implements SinkWriter<DueOccurrence> {

    private static final Logger LOG = LoggerFactory.getLogger(JobSinkWriter.class);

    private final JobSinkSettings settings;
    private final HttpClient http;
    private final FailsafeExecutor<Void> retries;
    private final Counter postedEvents;
    private final Counter failedPosts;

    JobSinkWriter(JobSinkSettings settings, Counter postedEvents, Counter failedPosts) {
        this.settings = settings;
        this.postedEvents = postedEvents;
        this.failedPosts = failedPosts;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        this.retries = Failsafe.with(RetryPolicy.<Void>builder()
                .handle(IOException.class)
                .withBackoff(settings.initialBackoff(), settings.maxBackoff())
                .withJitter(0.2)
                .withMaxRetries(settings.maxRetries())
                .onFailedAttempt(attempt -> {
                    failedPosts.inc();
                    LOG.warn("posting a due day to {} failed (attempt {}): {}", settings.url(),
                            attempt.getAttemptCount(), attempt.getLastException().getMessage());
                })
                .build());
    }

    @Override
    public void write(DueOccurrence due, Context context) throws IOException, InterruptedException {
        CloudEvent event = OccurrenceEvents.of(due);
        byte[] body = OccurrenceEvents.serialize(event);
        try {
            retries.run(() -> post(event.getId(), body));
        } catch (FailsafeException e) {
            if (e.getCause() instanceof InterruptedException interrupted) {
                throw interrupted;
            }
            throw new IOException("could not deliver " + event.getId() + " to " + settings.url(), e.getCause());
        } catch (RejectedEventException e) {
            failedPosts.inc();
            LOG.error("dropping {}: {}", event.getId(), e.getMessage());
            return;
        }
        postedEvents.inc();
    }

    private void post(String eventId, byte[] body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(settings.url())
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", OccurrenceEvents.CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        if (status / 100 == 2) {
            return;
        }
        if (status == 429 || status >= 500 || status == 408) {
            throw new IOException("JobSink answered " + status + " for " + eventId);
        }
        // A 4xx other than those means the event itself is wrong: retrying cannot help, and
        // failing the job would stall every other promotion. Logged loudly and counted.
        throw new RejectedEventException("JobSink rejected it with " + status + ": " + response.body());
    }

    /** The receiver refused the event itself (a 4xx that retrying cannot fix). */
    private static final class RejectedEventException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RejectedEventException(String message) {
            super(message);
        }
    }

    @Override
    public void flush(boolean endOfInput) {
        // write() returns only after delivery; nothing is buffered.
    }

    @Override
    public void close() {}
}
