package com.promocalendar.inbox.preference;

/** The reader's choice for all promotion messages (contracts.md {@code /api/inbox/preferences}). */
public record Preferences(Boolean promotionMessages) {
}
