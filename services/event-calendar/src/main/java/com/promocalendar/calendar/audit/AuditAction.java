package com.promocalendar.calendar.audit;

public enum AuditAction {
    CREATED, UPDATED, PUBLISHED, UNPUBLISHED, DELETED
}
