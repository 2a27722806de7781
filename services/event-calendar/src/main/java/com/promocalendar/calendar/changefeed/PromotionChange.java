package com.promocalendar.calendar.changefeed;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonRawValue;

/** One entry of the change feed; {@code promotion} is the promotion JSON as it was after the change. */
record PromotionChange(long cursor, UUID promotionId, ChangeKind kind, @JsonRawValue String promotion) {
}
