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
 * context. Each test starts from empty tables.
 */
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
        jdbc.execute("TRUNCATE message, product_set");
        http = new InboxHttp(port);
    }

    /** A valid message for a recipient with a fresh idempotency key; tests change fields as they need. */
    protected static Map<String, Object> message(String recipientId) {
        return message(recipientId, Instant.now().plusSeconds(86_400));
    }

    protected static Map<String, Object> message(String recipientId, Instant expiresAt) {
        long n = SEQUENCE.incrementAndGet();
        Map<String, Object> product = new LinkedHashMap<>();
        product.put("sku", "MUG-1");
        product.put("name", "Blue mug");
        product.put("priceCents", 1200);
        product.put("promoPriceCents", 900);
        product.put("currency", "EUR");
        product.put("imageUrl", "http://127.0.0.1:8083/images/mug.svg");
        product.put("url", null);
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("idempotencyKey", "promo-1/" + LocalDate.now() + "/" + recipientId + "/" + n);
        message.put("recipientId", recipientId);
        message.put("promotionId", "promo-1");
        message.put("day", LocalDate.now().toString());
        message.put("subject", "Day " + n + " of the mug week");
        message.put("body", "Hello <b>Alice</b>, mugs are 25% off.");
        message.put("products", List.of(product));
        message.put("expiresAt", expiresAt.truncatedTo(ChronoUnit.MILLIS).toString());
        return message;
    }

    protected static List<Map<String, Object>> messages(String recipientId, int count) {
        List<Map<String, Object>> messages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            messages.add(message(recipientId));
        }
        return messages;
    }

    protected static String batch(List<Map<String, Object>> messages) {
        return json(Map.of("messages", messages));
    }

    protected static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Delivers through the real endpoint as promo-job and checks it was accepted. */
    protected InboxHttp.Response deliver(List<Map<String, Object>> messages) {
        return deliver(Map.of("messages", messages));
    }

    /** Delivers a whole batch body (e.g. with the batch's {@code products}) and checks it was accepted. */
    protected InboxHttp.Response deliver(Map<String, Object> batch) {
        InboxHttp.Response response = http.postJson(Caller.PROMO_JOB, BATCH, json(batch));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response;
    }

    /** Delivers one message and answers its inbox id. */
    protected String deliverOne(Map<String, Object> message) {
        deliver(List.of(message));
        return jdbc.queryForObject("SELECT id::text FROM message WHERE idempotency_key = ?", String.class,
                message.get("idempotencyKey"));
    }

    protected long storedMessages() {
        Long count = jdbc.queryForObject("SELECT count(*) FROM message", Long.class);
        return count == null ? 0 : count;
    }
}
