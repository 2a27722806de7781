package com.promocalendar.inbox.unread;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The badge's number: unread, unarchived, unexpired messages of one person. An
 * index-only range scan of the partial index {@code message_unread} (V1__inbox.sql).
 */
@Component
class UnreadCounts {

    private final JdbcTemplate jdbc;

    UnreadCounts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    long of(String recipientId) {
        Long count = jdbc.queryForObject("""
                SELECT count(*) FROM message
                 WHERE recipient_id = ? AND read_at IS NULL AND archived_at IS NULL AND expires_at > now()
                """, Long.class, recipientId);
        return count == null ? 0 : count;
    }
}
