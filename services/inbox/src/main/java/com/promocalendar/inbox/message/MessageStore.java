package com.promocalendar.inbox.message;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * A person's messages. Every statement is scoped by {@code recipient_id}, so a
 * message of someone else is simply not found. Archived messages are never
 * returned; ids grow with arrival, so {@code id < cursor} pages newest first
 * without gaps or repeats while new messages arrive (they get larger ids).
 */
@Repository
class MessageStore {

    private static final String COLUMNS = """
            m.id, m.promotion_id, m.day, m.subject, m.body, p.products::text AS products,
            m.created_at, m.read_at, m.expires_at, m.expires_at <= now() AS expired
            FROM message m JOIN product_set p ON p.id = m.product_set_id
            """;

    private static final RowMapper<InboxMessage> MESSAGE = MessageStore::message;

    private final JdbcTemplate jdbc;

    MessageStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Up to {@code limit} messages older than {@code beforeId} (all when null), newest first. */
    List<InboxMessage> page(String recipientId, Long beforeId, int limit) {
        return jdbc.query("SELECT " + COLUMNS + """
                WHERE m.recipient_id = ? AND m.archived_at IS NULL AND m.id < ?
                ORDER BY m.id DESC
                LIMIT ?
                """, MESSAGE, recipientId, beforeId == null ? Long.MAX_VALUE : beforeId, limit);
    }

    Optional<InboxMessage> find(String recipientId, long id) {
        return jdbc.query("SELECT " + COLUMNS + """
                WHERE m.recipient_id = ? AND m.id = ? AND m.archived_at IS NULL
                """, MESSAGE, recipientId, id).stream().findFirst();
    }

    /** Marks one message read (keeping the first read time); false if there is no such message of this person. */
    boolean markRead(String recipientId, long id) {
        return jdbc.update("""
                UPDATE message SET read_at = coalesce(read_at, now())
                 WHERE recipient_id = ? AND id = ? AND archived_at IS NULL
                """, recipientId, id) == 1;
    }

    int markAllRead(String recipientId) {
        return jdbc.update("""
                UPDATE message SET read_at = now()
                 WHERE recipient_id = ? AND read_at IS NULL AND archived_at IS NULL
                """, recipientId);
    }

    boolean archive(String recipientId, long id) {
        return jdbc.update("""
                UPDATE message SET archived_at = now()
                 WHERE recipient_id = ? AND id = ? AND archived_at IS NULL
                """, recipientId, id) == 1;
    }

    private static InboxMessage message(ResultSet row, int rowNumber) throws SQLException {
        return new InboxMessage(
                Long.toString(row.getLong("id")),
                row.getString("promotion_id"),
                row.getObject("day", java.time.LocalDate.class),
                row.getString("subject"),
                row.getString("body"),
                row.getString("products"),
                instant(row.getTimestamp("created_at")),
                instant(row.getTimestamp("read_at")),
                instant(row.getTimestamp("expires_at")),
                row.getBoolean("expired"));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
