package com.promocalendar.inbox.preference;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * A reader's choices ({@code preference}, {@code muted_promotion}, V4). They
 * act when a batch is stored (MessageDelivery suppresses the messages), so
 * nothing upstream needs to know them.
 */
@Repository
class PreferenceStore {

    private final JdbcTemplate jdbc;

    PreferenceStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Promotion messages are on unless the reader switched them off. */
    boolean promotionMessages(String recipientId) {
        return jdbc.query("SELECT promotion_messages FROM preference WHERE recipient_id = ?",
                (row, n) -> row.getBoolean(1), recipientId).stream().findFirst().orElse(true);
    }

    void setPromotionMessages(String recipientId, boolean on) {
        jdbc.update("""
                INSERT INTO preference (recipient_id, promotion_messages) VALUES (?, ?)
                ON CONFLICT (recipient_id) DO UPDATE SET promotion_messages = excluded.promotion_messages, updated_at = now()
                """, recipientId, on);
    }

    void mute(String recipientId, String promotionId) {
        jdbc.update("INSERT INTO muted_promotion (recipient_id, promotion_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                recipientId, promotionId);
    }

    void unmute(String recipientId, String promotionId) {
        jdbc.update("DELETE FROM muted_promotion WHERE recipient_id = ? AND promotion_id = ?", recipientId, promotionId);
    }

    boolean hasMessagesOf(String recipientId, String promotionId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM message WHERE recipient_id = ? AND promotion_id = ?)", Boolean.class,
                recipientId, promotionId));
    }
}
