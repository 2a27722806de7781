package com.promocalendar.inbox.unread;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Tells every inbox replica whose unread counts may have changed, through
 * PostgreSQL {@code NOTIFY} on {@value #CHANNEL}: the payload is the recipients'
 * ids, one per line. Sent inside the writing transaction, a notification is
 * delivered when — and only if — it commits. {@link UnreadCountListener} of each
 * replica receives them (its own included) and updates its open badge streams.
 */
@Component
public class UnreadCountNotifications {

    static final String CHANNEL = "inbox_unread_counts";
    /** NOTIFY payloads must stay below 8000 bytes. */
    static final int MAX_PAYLOAD_BYTES = 7_500;
    /** The payload that stands for every person (no Keycloak user id is "*"). */
    static final String EVERYONE = "*";

    private final JdbcTemplate jdbc;

    UnreadCountNotifications(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One person's count may have changed (a write that has committed). */
    public void changed(String recipientId) {
        jdbc.execute((ConnectionCallback<Void>) connection -> {
            send(connection, List.of(recipientId));
            return null;
        });
    }

    /**
     * Anyone's count may have changed (a promotion was withdrawn or its end moved):
     * every replica re-counts all its open streams. Sent on {@code connection}, in its transaction.
     */
    public static void sendEveryone(Connection connection) throws SQLException {
        try (PreparedStatement notify = connection.prepareStatement("SELECT pg_notify('" + CHANNEL + "', ?)")) {
            notify.setString(1, EVERYONE);
            notify.execute();
        }
    }

    /** Sends on {@code connection}: in its transaction if one is open. */
    public static void send(Connection connection, Collection<String> recipientIds) throws SQLException {
        try (PreparedStatement notify = connection.prepareStatement("SELECT pg_notify('" + CHANNEL + "', ?)")) {
            for (String payload : payloads(recipientIds)) {
                notify.setString(1, payload);
                notify.execute();
            }
        }
    }

    /** The distinct ids, one per line, in payloads of at most {@link #MAX_PAYLOAD_BYTES}. */
    static List<String> payloads(Collection<String> recipientIds) {
        List<String> payloads = new ArrayList<>();
        StringBuilder payload = new StringBuilder();
        int bytes = 0;
        for (String id : new LinkedHashSet<>(recipientIds)) {
            int size = id.getBytes(StandardCharsets.UTF_8).length + 1;
            if (bytes > 0 && bytes + size > MAX_PAYLOAD_BYTES) {
                payloads.add(payload.toString());
                payload.setLength(0);
                bytes = 0;
            }
            if (bytes > 0) {
                payload.append('\n');
            }
            payload.append(id);
            bytes += size;
        }
        if (bytes > 0) {
            payloads.add(payload.toString());
        }
        return payloads;
    }

    static List<String> recipients(String payload) {
        return payload.isEmpty() ? List.of() : List.of(payload.split("\n"));
    }
}
