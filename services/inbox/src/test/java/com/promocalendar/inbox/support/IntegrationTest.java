package com.promocalendar.inbox.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Base of the {@code *IT} tests: the whole service on a random port against the
 * real PostgreSQL database {@code inbox_test} and the running Keycloak. Every IT
 * class extends this without further configuration, so they share one Spring
 * context. Each test starts from an empty message table.
 */
// metrics exported as in production (tests turn exporters off by default): /actuator/prometheus is scraped
@AutoConfigureObservability(tracing = false)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public abstract class IntegrationTest {

    private static final AtomicLong SEQUENCE = new AtomicLong();
    protected static final ObjectMapper JSON = new ObjectMapper();
    protected static final String BATCH = "/api/internal/inbox/messages:batch";

    @LocalServerPort
    private int port;

    @Autowired
    protected JdbcTemplate jdbc;

    protected InboxHttp http;

    @BeforeEach
    void emptyInboxAndClient() {
        // product sets stay: the service remembers their ids, and in production they are never deleted
        jdbc.execute("TRUNCATE message, promotion_state, muted_promotion, preference, erased_recipient, suppressed_message");
        http = new InboxHttp(port);
    }

    /**
     * A promotion day of its own (a fresh promotion id) with one message for the
     * recipient, as the job sends it (contracts.md batch); tests change fields as
     * they need. {@link #deliver(List)} sends each as its own request.
     */
    protected static Map<String, Object> message(String recipientId) {
        return message(recipientId, Instant.now().plusSeconds(86_400));
    }

    protected static Map<String, Object> message(String recipientId, Instant expiresAt) {
        return dayBatch("promo-" + SEQUENCE.incrementAndGet(), LocalDate.now(), expiresAt, List.of(recipientId));
    }

    /** One batch per promotion day, one message each. */
    protected static List<Map<String, Object>> messages(String recipientId, int count) {
        List<Map<String, Object>> batches = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            batches.add(message(recipientId));
        }
        return batches;
    }

    /** One promotion day's batch: a message for each recipient, keys as the contract says. */
    protected static Map<String, Object> dayBatch(String promotionId, LocalDate day, Instant expiresAt,
            List<String> recipients) {
        Map<String, Object> product = new LinkedHashMap<>();
        product.put("sku", "MUG-1");
        product.put("name", "Blue mug");
        product.put("priceCents", 1200);
        product.put("promoPriceCents", 900);
        product.put("currency", "EUR");
        product.put("imageUrl", "http://127.0.0.1:8083/images/mug.svg");
        product.put("url", null);
        List<Map<String, Object>> messages = new ArrayList<>();
        for (String recipientId : recipients) {
            Map<String, Object> message = new LinkedHashMap<>();
            message.put("idempotencyKey", promotionId + "/" + day + "/" + recipientId);
            message.put("recipientId", recipientId);
            message.put("body", "Hello <b>Alice</b>, mugs are 25% off.");
            messages.add(message);
        }
        Map<String, Object> batch = new LinkedHashMap<>();
        batch.put("promotionId", promotionId);
        batch.put("day", day.toString());
        batch.put("dayNumber", 2);
        batch.put("dayCount", 5);
        batch.put("subject", "Day 2 of the mug week");
        batch.put("expiresAt", expiresAt.truncatedTo(ChronoUnit.MILLIS).toString());
        batch.put("products", new ArrayList<>(List.of(product)));
        batch.put("messages", messages);
        return batch;
    }

    /** The messages of a batch made by {@link #dayBatch}, to change. */
    @SuppressWarnings("unchecked")
    protected static List<Map<String, Object>> messagesOf(Map<String, Object> batch) {
        return (List<Map<String, Object>>) batch.get("messages");
    }

    protected static String batch(Map<String, Object> batch) {
        return json(batch);
    }

    protected static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Delivers each batch through the real endpoint as promo-job and checks it was accepted whole. */
    protected void deliver(List<Map<String, Object>> batches) {
        batches.forEach(this::deliver);
    }

    /** Delivers one batch and checks that nothing of it was refused. */
    protected InboxHttp.Response deliver(Map<String, Object> batch) {
        InboxHttp.Response response = http.postJson(Caller.PROMO_JOB, BATCH, json(batch));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().path("refused").size()).as(response.body()).isZero();
        return response;
    }

    /** Delivers a one-message batch and answers the message's inbox id. */
    protected String deliverOne(Map<String, Object> batch) {
        deliver(batch);
        return jdbc.queryForObject("SELECT id::text FROM message WHERE idempotency_key = ?", String.class,
                messagesOf(batch).get(0).get("idempotencyKey"));
    }

    /** The calendar's outbox call: the promotion's state as last published. */
    protected InboxHttp.Response promotionState(String promotionId, long version, String status, Instant endsAt,
            String reason) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("version", version);
        state.put("status", status);
        state.put("endsAt", endsAt.toString());
        state.put("withdrawnReason", reason);
        return http.putJson(Caller.EVENT_CALENDAR, "/api/internal/inbox/promotions/" + promotionId, json(state));
    }

    protected long unreadCountOf(Caller caller) {
        return http.get(caller, "/api/inbox/unread-count").json().path("count").asLong();
    }

    protected long storedMessages() {
        Long count = jdbc.queryForObject("SELECT count(*) FROM message", Long.class);
        return count == null ? 0 : count;
    }
}
