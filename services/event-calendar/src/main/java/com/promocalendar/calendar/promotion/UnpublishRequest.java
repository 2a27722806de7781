package com.promocalendar.calendar.promotion;

import com.promocalendar.calendar.problem.ApiException;

/** Why a promotion is withdrawn, in the admin's words (optional; customers see it on their withdrawn messages). */
record UnpublishRequest(String reason) {

    static final int MAX_REASON = 500;

    /** The trimmed reason, null when blank; a 400 naming {@code reason} when too long or holding control characters. */
    String checkedReason() {
        if (reason == null || reason.isBlank()) {
            return null;
        }
        String trimmed = reason.strip();
        if (trimmed.codePointCount(0, trimmed.length()) > MAX_REASON) {
            throw ApiException.badRequest("reason", "must be at most " + MAX_REASON + " characters");
        }
        if (trimmed.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n')) {
            throw ApiException.badRequest("reason", "must not contain control characters");
        }
        return trimmed;
    }
}
