package com.promocalendar.calendar.promotion;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * The REST representation: the promotion JSON plus read-only extras — the
 * resolved interval (so the calendar need not resolve time zones itself),
 * timestamps and warnings (overlaps with other promotions; start, end or send
 * time in a daylight-saving gap or overlap).
 */
record PromotionView(
        @JsonUnwrapped PromotionDocument promotion,
        Instant startsAtInstant,
        Instant endsAtInstant,
        Instant createdAt,
        Instant updatedAt,
        List<PromotionWarning> warnings) {

    static PromotionView of(Promotion stored, List<? extends PromotionWarning> warnings) {
        return new PromotionView(stored.document(), stored.startsAtInstant(), stored.endsAtInstant(),
                stored.createdAt(), stored.updatedAt(), List.copyOf(warnings));
    }
}
