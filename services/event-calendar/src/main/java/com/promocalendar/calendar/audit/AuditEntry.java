package com.promocalendar.calendar.audit;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Who did what to which version of a promotion, and when; {@code changes} says
 * what changed ([] for a creation, null for entries recorded before changes were kept).
 */
public record AuditEntry(UUID promotionId, long version, AuditAction action, String actor, Instant at,
        List<AuditChange> changes) {
}
