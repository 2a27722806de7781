package com.promocalendar.scheduler.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.promocalendar.engine.LocalTimeResolution;
import com.promocalendar.engine.Occurrence;
import com.promocalendar.scheduler.TestPromotions;
import com.promocalendar.scheduler.timers.DueOccurrence;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.metrics.SimpleCounter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sink against a real HTTP receiver (the JDK's server) that fails on purpose. */
class JobSinkWriterTest {

    private HttpServer receiver;
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicInteger answerWhenFailing = new AtomicInteger(503);
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final List<String> contentTypes = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final SimpleCounter posted = new SimpleCounter();
    private final SimpleCounter failed = new SimpleCounter();
    private final SimpleCounter invalid = new SimpleCounter();
    private final List<Integer> answersWhenFailing = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            int status = 202;
            if (!answersWhenFailing.isEmpty()) {
                status = answersWhenFailing.remove(0);
            } else if (failuresLeft.getAndDecrement() > 0) {
                status = answerWhenFailing.get();
            } else {
                received.add(new String(body, StandardCharsets.UTF_8));
                contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    private JobSinkWriter writer(int maxRetries) {
        return writer(maxRetries, null);
    }

    private JobSinkWriter writer(int maxRetries, String tokenFile) {
        URI url = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/");
        return new JobSinkWriter(new JobSinkSettings(url, maxRetries, Duration.ofMillis(10), Duration.ofMillis(40), tokenFile),
                posted, failed, invalid);
    }

    @Test
    void theTokenIsReadFromItsFileBeforeEachPostSoARotatedOneIsSent(@TempDir Path dir) throws Exception {
        Path token = dir.resolve("token");
        Files.writeString(token, "first-token\n");
        JobSinkWriter writer = writer(3, token.toString());

        writer.write(due(), null);
        Files.writeString(token, "rotated-token");
        writer.write(due(), null);

        assertThat(authorizations).containsExactly("Bearer first-token", "Bearer rotated-token");
    }

    @Test
    void withoutATokenFileNoAuthorizationIsSent() throws Exception {
        writer(3).write(due(), null);

        assertThat(authorizations).containsExactly("null");
    }

    private static DueOccurrence due() {
        return due("p-week", TestPromotions.week(1, "PUBLISHED", "09:00"));
    }

    private static DueOccurrence due(String promotionId, String promotionJson) {
        return new DueOccurrence(promotionId, promotionJson, new Occurrence(
                2, LocalDate.parse("2026-07-03"), Instant.parse("2026-07-03T07:00:00Z"), ZoneOffset.ofHours(2),
                LocalTime.of(9, 0), LocalTimeResolution.EXACT));
    }

    @Test
    void serverErrorsAreRetriedWithBackoffUntilTheEventIsAccepted() throws Exception {
        failuresLeft.set(3);
        writer(5).write(due(), null);

        assertThat(received).hasSize(1);
        assertThat(received.get(0)).contains("\"id\":\"p-week.2026-07-03\"");
        assertThat(contentTypes).containsExactly("application/cloudevents+json");
        assertThat(failed.getCount()).isEqualTo(3);
        assertThat(posted.getCount()).isEqualTo(1);
    }

    @Test
    void aReceiverThatStaysDownFailsTheWriteSoFlinkRestartsFromTheCheckpoint() {
        failuresLeft.set(100);
        assertThatThrownBy(() -> writer(2).write(due(), null))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("p-week.2026-07-03");
        assertThat(failed.getCount()).isEqualTo(3);
        assertThat(received).isEmpty();
    }

    @Test
    void aRefusalIsRetriedTooSoAMisconfiguredAddressLosesNoDay() throws Exception {
        // Knative answers 400 for a wrong path and 404 for an unknown JobSink: an operator fixes
        // the address while the sink keeps trying, and the day arrives once.
        answersWhenFailing.addAll(List.of(400, 404));
        writer(5).write(due(), null);

        assertThat(received).hasSize(1);
        assertThat(received.get(0)).contains("\"id\":\"p-week.2026-07-03\"");
        assertThat(failed.getCount()).isEqualTo(2);
        assertThat(posted.getCount()).isEqualTo(1);
        assertThat(invalid.getCount()).isZero();
    }

    @Test
    void aRefusalThatOutlastsTheRetriesFailsTheWriteNamingTheAddressAndTheStatus() {
        failuresLeft.set(100);
        answerWhenFailing.set(403);
        assertThatThrownBy(() -> writer(1).write(due(), null))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("p-week.2026-07-03")
                .rootCause().hasMessageContaining("answered 403").hasMessageContaining("127.0.0.1");
        assertThat(received).isEmpty();
    }

    @Test
    void onlyAnEventThatFailsItsOwnValidationIsDroppedAndCounted() throws Exception {
        String slashed = TestPromotions.week(1, "PUBLISHED", "09:00").replace("\"id\":\"p-week\"", "\"id\":\"p/week\"");
        writer(5).write(due("p/week", slashed), null);
        assertThat(received).isEmpty();
        assertThat(invalid.getCount()).isEqualTo(1);
        assertThat(posted.getCount()).isZero();
    }
}
