package com.promocalendar.calendar.audit;

import java.time.Instant;
import java.util.UUID;

/** Who did what to which version of a promotion, and when. */
public record AuditEntry(UUID promotionId, long version, AuditAction action, String actor, Instant at) {
}
