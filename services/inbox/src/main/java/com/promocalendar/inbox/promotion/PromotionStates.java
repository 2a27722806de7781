package com.promocalendar.inbox.promotion;

import java.sql.Timestamp;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import com.promocalendar.inbox.unread.UnreadCountNotifications;

/**
 * One row per promotion ({@code promotion_state}, V4): what every delivered
 * message of it follows. A newer version replaces the row; an older or equal
 * one changes nothing (the calendar sends at least once, in order, but a retry
 * may repeat). The move from published to anything else stamps
 * {@code withdrawn_at}: messages that arrived up to then stay withdrawn.
 */
@Repository
class PromotionStates {

    private static final String UPSERT = """
            INSERT INTO promotion_state AS old (promotion_id, version, status, ends_at, withdrawn_at, withdrawn_reason)
            VALUES (?, ?, ?, ?, CASE WHEN ? <> 'PUBLISHED' THEN now() END, ?)
            ON CONFLICT (promotion_id) DO UPDATE SET
                version = excluded.version,
                status = excluded.status,
                ends_at = excluded.ends_at,
                withdrawn_at = CASE WHEN old.status = 'PUBLISHED' AND excluded.status <> 'PUBLISHED'
                                    THEN now() ELSE old.withdrawn_at END,
                withdrawn_reason = CASE WHEN excluded.status <> 'PUBLISHED'
                                        THEN coalesce(excluded.withdrawn_reason, old.withdrawn_reason)
                                        ELSE old.withdrawn_reason END,
                updated_at = now()
             WHERE old.version < excluded.version
            """;

    private final JdbcTemplate jdbc;

    PromotionStates(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores the state if it is newer; every open badge stream is re-counted when that commits. */
    @Transactional
    boolean apply(String promotionId, PromotionStateUpdate state) {
        return Boolean.TRUE.equals(jdbc.execute((ConnectionCallback<Boolean>) connection -> {
            boolean applied = jdbc.update(UPSERT, promotionId, state.version(), state.status(),
                    Timestamp.from(state.endsAt()), state.status(), state.withdrawnReason()) == 1;
            if (applied) {
                UnreadCountNotifications.sendEveryone(connection);
            }
            return applied;
        }));
    }
}
