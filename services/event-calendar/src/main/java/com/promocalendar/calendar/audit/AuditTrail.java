package com.promocalendar.calendar.audit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The audit trail of promotions; entries outlive a deleted promotion. */
@Component
public class AuditTrail {

    private final JdbcClient db;

    AuditTrail(JdbcClient db) {
        this.db = db;
    }

    /** Records an entry in the caller's transaction, so it exists exactly when the change does. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(UUID promotionId, long version, AuditAction action, String actor, Instant at) {
        db.sql("insert into promotion_audit (promotion_id, version, action, actor, at) values (?, ?, ?, ?, ?)")
                .params(promotionId, version, action.name(), actor, OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                .update();
    }

    List<AuditEntry> of(UUID promotionId) {
        return db.sql("select promotion_id, version, action, actor, at from promotion_audit where promotion_id = ? order by id")
                .param(promotionId)
                .query((row, n) -> new AuditEntry(row.getObject("promotion_id", UUID.class), row.getLong("version"),
                        AuditAction.valueOf(row.getString("action")), row.getString("actor"),
                        row.getObject("at", OffsetDateTime.class).toInstant()))
                .list();
    }
}
