package com.promocalendar.inbox.delivery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.promocalendar.inbox.unread.UnreadCountsChanged;

/**
 * Stores a batch of the daily fan-out in one transaction: the distinct product
 * lists first (content-addressed, usually one per batch), then every message in
 * a single {@code INSERT ... SELECT FROM unnest(arrays) ON CONFLICT DO NOTHING}
 * — one statement and one round trip for up to 1000 rows, duplicates skipped
 * by the unique idempotency key (also inside the same batch).
 */
@Service
class MessageDelivery {

    private static final String INSERT_MESSAGES = """
            INSERT INTO message (idempotency_key, recipient_id, promotion_id, day, subject, body,
                                 product_set_id, expires_at)
            SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[]::date[], ?::text[], ?::text[],
                                 ?::bigint[], ?::text[]::timestamptz[])
            ON CONFLICT (idempotency_key) DO NOTHING
            RETURNING recipient_id
            """;

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final ApplicationEventPublisher events;

    MessageDelivery(JdbcTemplate jdbc, ObjectMapper json, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.json = json;
        this.events = events;
    }

    @Transactional
    public BatchResult deliver(List<IncomingMessage> messages, ProductLists productLists) {
        long[] productSetOfList = new long[productLists.distinct().size()];
        for (int list = 0; list < productSetOfList.length; list++) {
            productSetOfList[list] = productSetId(productLists.distinct().get(list));
        }
        int size = messages.size();
        String[] keys = new String[size];
        String[] recipients = new String[size];
        String[] promotions = new String[size];
        String[] days = new String[size];
        String[] subjects = new String[size];
        String[] bodies = new String[size];
        Long[] productSetIds = new Long[size];
        String[] expiries = new String[size];
        for (int i = 0; i < size; i++) {
            IncomingMessage message = messages.get(i);
            keys[i] = message.idempotencyKey();
            recipients[i] = message.recipientId();
            promotions[i] = message.promotionId();
            // a batch repeats one day and one expiry (the same instances: RememberingDeserializer)
            days[i] = i > 0 && message.day() == messages.get(i - 1).day() ? days[i - 1] : message.day().toString();
            subjects[i] = message.subject();
            bodies[i] = message.body();
            productSetIds[i] = productSetOfList[productLists.listOf(i)];
            expiries[i] = i > 0 && message.expiresAt() == messages.get(i - 1).expiresAt() ? expiries[i - 1]
                    : message.expiresAt().toString();
        }
        Inserted inserted = jdbc.execute((ConnectionCallback<Inserted>) connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT_MESSAGES)) {
                bind(connection, insert, 1, "text", keys);
                bind(connection, insert, 2, "text", recipients);
                bind(connection, insert, 3, "text", promotions);
                bind(connection, insert, 4, "text", days);
                bind(connection, insert, 5, "text", subjects);
                bind(connection, insert, 6, "text", bodies);
                bind(connection, insert, 7, "int8", productSetIds);
                bind(connection, insert, 8, "text", expiries);
                Set<String> recipientsWithNewMessages = new HashSet<>();
                int count = 0;
                try (ResultSet rows = insert.executeQuery()) {
                    while (rows.next()) {
                        recipientsWithNewMessages.add(rows.getString(1));
                        count++;
                    }
                }
                return new Inserted(count, recipientsWithNewMessages);
            }
        });
        if (inserted.count() > 0) {
            // delivered to open unread-count streams after the commit
            events.publishEvent(new UnreadCountsChanged(inserted.recipients()));
        }
        return new BatchResult(inserted.count(), size - inserted.count());
    }

    private record Inserted(int count, Set<String> recipients) {
    }

    private static void bind(Connection connection, PreparedStatement statement, int index, String type,
            Object[] values) throws SQLException {
        Array array = connection.createArrayOf(type, values);
        statement.setArray(index, array);
    }

    /** The id of this product list's row, inserting it if it is new (another batch may race: no conflict). */
    private long productSetId(List<Product> products) {
        byte[] canonical;
        try {
            canonical = json.writeValueAsBytes(products);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("products cannot be written as JSON", e);
        }
        byte[] digest = sha256(canonical);
        jdbc.update("INSERT INTO product_set (digest, products) VALUES (?, ?::json) ON CONFLICT (digest) DO NOTHING",
                digest, new String(canonical, StandardCharsets.UTF_8));
        return jdbc.queryForObject("SELECT id FROM product_set WHERE digest = ?", Long.class, digest);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
