package com.promocalendar.calendar.changefeed;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The transactional outbox read by the scheduler. A change is appended in the
 * transaction that makes it, so it exists exactly when the change commits.
 *
 * <p>Ordering: a cursor comes from a sequence, and sequence values can commit
 * out of order (A takes 5, B takes 6, B commits first: a reader at 6 would
 * skip 5 forever). So every append first takes one transaction-scoped advisory
 * lock: appends are serialised, each takes its cursor only after the previous
 * appender committed, and cursors become visible in increasing order. Callers
 * append as the last step of their transaction to keep the lock short.
 */
@Component
public class PromotionChangeFeed {

    /** Arbitrary key of the advisory lock that serialises appends ("OUTBOX" in ASCII). */
    private static final long APPEND_LOCK = 0x4F5554424F58L;

    private final JdbcClient db;

    PromotionChangeFeed(JdbcClient db) {
        this.db = db;
    }

    /**
     * Records a change of a published promotion: its JSON for the scheduler; its
     * version, resolved end and (unpublish) the admin's reason for the inbox relay.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void append(UUID promotionId, ChangeKind kind, String promotionJson, long version, Instant endsAt,
            String withdrawnReason) {
        db.sql("select pg_advisory_xact_lock(?)").param(APPEND_LOCK).query((row, n) -> 1).single();
        db.sql("""
                insert into promotion_change (promotion_id, kind, promotion, version, ends_at, withdrawn_reason)
                values (?, ?, cast(? as jsonb), ?, ?, ?)""")
                .params(promotionId, kind.name(), promotionJson, version, Timestamp.from(endsAt), withdrawnReason)
                .update();
    }

    List<PromotionChange> after(long cursor, int limit) {
        return db.sql("""
                select cursor, promotion_id, kind, promotion::text as promotion
                from promotion_change where cursor > ? order by cursor limit ?""")
                .params(cursor, limit)
                .query((row, n) -> new PromotionChange(row.getLong("cursor"), row.getObject("promotion_id", UUID.class),
                        ChangeKind.valueOf(row.getString("kind")), row.getString("promotion")))
                .list();
    }
}
