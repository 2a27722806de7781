package com.promocalendar.calendar.promotion;

/** Only PUBLISHED sends anything; "ended" is derived from time, not a status. */
enum PromotionStatus {
    DRAFT, PUBLISHED, UNPUBLISHED
}
