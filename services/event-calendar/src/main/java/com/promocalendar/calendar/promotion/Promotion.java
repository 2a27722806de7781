package com.promocalendar.calendar.promotion;

import java.time.Instant;

/** A stored promotion: its document plus what the service derived and recorded. */
record Promotion(PromotionDocument document, Instant startsAtInstant, Instant endsAtInstant,
        Instant createdAt, Instant updatedAt) {

    PromotionStatus status() {
        return document.status();
    }

    long version() {
        return document.version();
    }

    boolean hasStarted(Instant now) {
        return !now.isBefore(startsAtInstant);
    }

    boolean hasEnded(Instant now) {
        return !now.isBefore(endsAtInstant);
    }
}
