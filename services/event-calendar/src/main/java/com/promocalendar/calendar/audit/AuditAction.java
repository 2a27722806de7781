package com.promocalendar.calendar.audit;

public enum AuditAction {
    CREATED, UPDATED, PUBLISHED, UNPUBLISHED, DELETED,
    /** The first entry of a copy: its changes are those from the original, plus {@code duplicateOf}. */
    DUPLICATED
}
