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

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The audit trail of promotions; entries outlive a deleted promotion. */
@Component
public class AuditTrail {

    private static final TypeReference<List<AuditChange>> CHANGES = new TypeReference<>() {
    };

    private final JdbcClient db;
    private final ObjectMapper json;

    AuditTrail(JdbcClient db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    /** Records an entry in the caller's transaction, so it exists exactly when the change does. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(UUID promotionId, long version, AuditAction action, String actor, Instant at,
            List<AuditChange> changes) {
        db.sql("insert into promotion_audit (promotion_id, version, action, actor, at, changes)"
                + " values (?, ?, ?, ?, ?, cast(? as jsonb))")
                .params(promotionId, version, action.name(), actor, OffsetDateTime.ofInstant(at, ZoneOffset.UTC),
                        write(changes))
                .update();
    }

    List<AuditEntry> of(UUID promotionId) {
        return db.sql("select promotion_id, version, action, actor, at, changes::text as changes"
                + " from promotion_audit where promotion_id = ? order by id")
                .param(promotionId)
                .query((row, n) -> new AuditEntry(row.getObject("promotion_id", UUID.class), row.getLong("version"),
                        AuditAction.valueOf(row.getString("action")), row.getString("actor"),
                        row.getObject("at", OffsetDateTime.class).toInstant(), read(row.getString("changes"))))
                .list();
    }

    private String write(List<AuditChange> changes) {
        try {
            return json.writeValueAsString(changes == null ? List.of() : changes);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit changes cannot be written", e);
        }
    }

    private List<AuditChange> read(String changes) {
        if (changes == null) {
            return null;
        }
        try {
            return json.readValue(changes, CHANGES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored audit changes cannot be read", e);
        }
    }
}
