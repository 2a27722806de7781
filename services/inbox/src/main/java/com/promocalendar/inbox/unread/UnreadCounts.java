package com.promocalendar.inbox.unread;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.promocalendar.inbox.message.MessageState;

/**
 * The badge's number: the person's threads (promotions) holding an unread,
 * unarchived, unexpired, unwithdrawn message ({@link MessageState#UNREAD}). An
 * index-only scan of the person's rows in the partial index
 * {@code message_unread_thread} (V5), joined with the few promotion states.
 */
@Component
class UnreadCounts {

    private static final String FROM = " FROM message m " + MessageState.STATE_JOIN + " WHERE ";

    private final JdbcTemplate jdbc;

    UnreadCounts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    long of(String recipientId) {
        Long count = jdbc.queryForObject("SELECT count(DISTINCT m.promotion_id)" + FROM + "m.recipient_id = ? AND " + MessageState.UNREAD,
                Long.class, recipientId);
        return count == null ? 0 : count;
    }

    /** The counts of many people in one query; someone with nothing unread is missing from the map. */
    Map<String, Long> of(Collection<String> recipientIds) {
        Map<String, Long> counts = new HashMap<>();
        jdbc.query(connection -> {
            PreparedStatement query = connection.prepareStatement("SELECT m.recipient_id, count(DISTINCT m.promotion_id)"
                    + FROM + "m.recipient_id = ANY (?) AND " + MessageState.UNREAD + " GROUP BY m.recipient_id");
            Array ids = connection.createArrayOf("text", recipientIds.toArray());
            query.setArray(1, ids);
            return query;
        }, row -> {
            counts.put(row.getString(1), row.getLong(2));
        });
        return counts;
    }
}
