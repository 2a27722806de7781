package com.promocalendar.calendar.changefeed;

/** What happened to a promotion, as the scheduler needs to know it. */
public enum ChangeKind {
    PUBLISHED, UPDATED, UNPUBLISHED
}
