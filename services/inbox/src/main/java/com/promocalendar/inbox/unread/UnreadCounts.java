package com.promocalendar.inbox.unread;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The badge's number: unread, unarchived, unexpired messages of one person. An
 * index-only range scan of the partial index {@code message_unread} (V1__inbox.sql).
 */
@Component
class UnreadCounts {

    private static final String UNREAD = "read_at IS NULL AND archived_at IS NULL AND expires_at > now()";

    private final JdbcTemplate jdbc;

    UnreadCounts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    long of(String recipientId) {
        Long count = jdbc.queryForObject("SELECT count(*) FROM message WHERE recipient_id = ? AND " + UNREAD,
                Long.class, recipientId);
        return count == null ? 0 : count;
    }

    /** The counts of many people in one query; someone with nothing unread is missing from the map. */
    Map<String, Long> of(Collection<String> recipientIds) {
        Map<String, Long> counts = new HashMap<>();
        jdbc.query(connection -> {
            PreparedStatement query = connection.prepareStatement("SELECT recipient_id, count(*) FROM message"
                    + " WHERE recipient_id = ANY (?) AND " + UNREAD + " GROUP BY recipient_id");
            Array ids = connection.createArrayOf("text", recipientIds.toArray());
            query.setArray(1, ids);
            return query;
        }, row -> {
            counts.put(row.getString(1), row.getLong(2));
        });
        return counts;
    }
}
