package com.promocalendar.calendar.promotion;

/**
 * Something the admin should know about a promotion as saved: a warning in
 * {@code PromotionView.warnings}, never a refusal. Each kind has its own {@code code}
 * and fields; all have one English sentence as {@code message}.
 */
sealed interface PromotionWarning permits OverlapWarning, LocalTimeWarning {

    String code();

    String message();
}
