package com.promocalendar.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole job on a Flink MiniCluster against the real stack: the event-calendar service
 * (change feed) and Keycloak (client credentials) as started by ./dev, and a real HTTP receiver
 * in place of the JobSink. An admin publishes a promotion that started an hour ago; its first
 * day must arrive as a CloudEvent at once, exactly as contracts.md describes it.
 */
class PromotionSchedulerJobIT {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ZONE = "Europe/Berlin";
    private static final String CALENDAR_URL = env("CALENDAR_URL", "http://127.0.0.1:8081");
    private static final String KEYCLOAK_URL = env("KEYCLOAK_URL", "http://127.0.0.1:8180");

    private final HttpClient http = HttpClient.newHttpClient();
    private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    private HttpServer receiver;
    private JobClient job;
    private String adminToken;
    /** What this test created in the stack's calendar, removed after it (also when it failed). */
    private String createdId;

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            received.add(JSON.readTree(exchange.getRequestBody()));
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopEverything() throws Exception {
        try {
            if (job != null) {
                job.cancel().get(30, TimeUnit.SECONDS);
            }
        } finally {
            try {
                removeCreatedPromotion();
            } finally {
                receiver.stop(0);
            }
        }
    }

    /**
     * Leaves nothing on the admin's calendar: withdraws the promotion if it is
     * published, then deletes it — with a fresh token (the test's may have
     * expired) and the version it has now (not the one the test last saw).
     */
    private void removeCreatedPromotion() throws Exception {
        if (createdId == null) {
            return;
        }
        adminToken = userToken("admin");
        String path = "/api/promotions/" + createdId;
        JsonNode current = send("GET", path, null, null);
        if ("PUBLISHED".equals(current.path("status").asText())) {
            current = send("POST", path + "/unpublish", null, current.path("version").asLong());
        }
        send("DELETE", path, null, current.path("version").asLong());
        createdId = null;
    }

    @Test
    void publishedPromotionThatHasStartedIsDeliveredToTheJobSinkAsACloudEvent() throws Exception {
        adminToken = userToken("admin");
        LocalDateTime now = LocalDateTime.now(ZoneId.of(ZONE)).truncatedTo(ChronoUnit.MINUTES);
        LocalDateTime startsAt = now.minusHours(1);
        JsonNode created = send("POST", "/api/promotions", draft(startsAt, now.plusDays(2)), null);
        String id = created.path("id").asText();
        createdId = id;
        send("POST", "/api/promotions/" + id + "/publish", null, created.path("version").asLong());

        Configuration options = new Configuration();
        options.set(SchedulerOptions.CALENDAR_URL, CALENDAR_URL);
        options.set(SchedulerOptions.KEYCLOAK_URL, KEYCLOAK_URL);
        // The stack's secret (80-scheduler.sh sets it from the realm file).
        options.set(SchedulerOptions.CLIENT_SECRET, System.getenv("PROMO_SCHEDULER_CLIENT_SECRET"));
        options.set(SchedulerOptions.JOBSINK_URL, "http://127.0.0.1:" + receiver.getAddress().getPort() + "/");
        options.set(SchedulerOptions.POLL_INTERVAL, Duration.ofMillis(300));
        StreamExecutionEnvironment environment = StreamExecutionEnvironment.getExecutionEnvironment();
        PromotionSchedulerJob.build(environment, options);
        job = environment.executeAsync(PromotionSchedulerJob.JOB_NAME);

        JsonNode event = awaitEventOf(id, Duration.ofSeconds(90)).orElseThrow(() ->
                new AssertionError("no CloudEvent for promotion " + id + " within 90 s"));
        String day = startsAt.toLocalDate().toString();
        assertThat(event.path("specversion").asText()).isEqualTo("1.0");
        assertThat(event.path("type").asText()).isEqualTo("promo.occurrence.due");
        assertThat(event.path("source").asText()).isEqualTo("urn:promo-calendar:scheduler");
        assertThat(event.path("id").asText()).isEqualTo(id + "." + day);
        assertThat(event.path("subject").asText()).isEqualTo(id);
        assertThat(event.path("data").path("promotion").path("status").asText()).isEqualTo("PUBLISHED");
        assertThat(event.path("data").path("occurrence").path("index").asInt()).isZero();
        assertThat(event.path("data").path("occurrence").path("day").asText()).isEqualTo(day);
    }

    private Optional<JsonNode> awaitEventOf(String promotionId, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode event = received.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (event != null && promotionId.equals(event.path("subject").asText())) {
                return Optional.of(event);
            }
        }
        return Optional.empty();
    }

    private ObjectNode draft(LocalDateTime startsAt, LocalDateTime endsAt) throws Exception {
        JsonNode products = send("GET", "/api/products?query=&limit=1", null, null);
        assertThat(products.size()).as("the inventory offers products").isPositive();
        ObjectNode draft = JSON.createObjectNode()
                .put("title", "Scheduler IT " + System.nanoTime())
                .put("timeZone", ZONE)
                .put("startsAt", startsAt.toString())
                .put("endsAt", endsAt.toString());
        ObjectNode pkg = draft.putObject("package")
                .put("name", "Scheduler IT")
                .put("discountPercent", 15)
                .put("message", "Hi {{firstName}}, day {{dayNumber}} of {{promotionTitle}}.");
        pkg.putArray("products").addObject().put("sku", products.get(0).path("sku").asText());
        return draft;
    }

    private JsonNode send(String method, String path, JsonNode body, Long version) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(CALENDAR_URL + path))
                .header("Authorization", "Bearer " + adminToken)
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (version != null) {
            request.header("If-Match", "\"" + version + "\"");
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 299);
        return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }

    /** A real user token from Keycloak (the test-only password-grant client of the realm). */
    private String userToken(String username) throws Exception {
        String form = form(Map.of("grant_type", "password", "client_id", "dev-test-login",
                "client_secret", "dev-test-secret", "username", username, "password", username));
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(KEYCLOAK_URL + "/realms/shop/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("Keycloak token for " + username + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("access_token").asText();
    }

    private static String form(Map<String, String> fields) {
        StringBuilder form = new StringBuilder();
        fields.forEach((key, value) -> form.append(form.length() == 0 ? "" : "&")
                .append(key).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return form.toString();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
