package com.promocalendar.calendar.promotion;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import com.promocalendar.calendar.problem.ApiException;

/**
 * {@code GET /api/promotions/search}: a title substring (any case) or an exact
 * SKU, across all time, optionally of one state, newest start first, in pages
 * of at most {@link #MAX_LIMIT} that continue from an opaque cursor.
 */
final class PromotionSearch {

    static final int MAX_QUERY = 100;
    static final int MAX_LIMIT = 50;

    private PromotionSearch() {
    }

    /**
     * The stored statuses, and the states a published promotion passes through in
     * time (derived from its resolved interval at the moment of the search).
     */
    enum State {
        DRAFT, PUBLISHED, UNPUBLISHED, SCHEDULED, LIVE, ENDED;

        static State parse(String value) {
            if (value == null || value.isBlank()) {
                return null;
            }
            try {
                return valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("status",
                        "must be one of DRAFT, PUBLISHED, UNPUBLISHED, SCHEDULED, LIVE, ENDED");
            }
        }
    }

    /** Where a page continues: after this start and id in the order starts_at desc, id desc. */
    record Cursor(Instant startsAt, UUID id) {

        String encode() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((startsAt + "|" + id).getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String cursor) {
            if (cursor == null || cursor.isEmpty()) {
                return null;
            }
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
                if (parts.length != 2) {
                    throw new IllegalArgumentException();
                }
                return new Cursor(Instant.parse(parts[0]), UUID.fromString(parts[1]));
            } catch (RuntimeException e) {
                throw ApiException.badRequest("cursor", "is not a cursor of this search: pass nextCursor as it came");
            }
        }
    }

    /** The checked query: 1–100 characters (code points) after trimming, else a 400 naming {@code q}. */
    static String query(String q) {
        String trimmed = q == null ? "" : q.strip();
        if (trimmed.isEmpty() || trimmed.codePointCount(0, trimmed.length()) > MAX_QUERY) {
            throw ApiException.badRequest("q", "must be 1 to " + MAX_QUERY + " characters");
        }
        if (trimmed.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.badRequest("q", "must not contain control characters");
        }
        return trimmed;
    }

    static int limit(Integer limit) {
        if (limit == null) {
            return MAX_LIMIT;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.badRequest("limit", "must be 1 to " + MAX_LIMIT);
        }
        return limit;
    }

    /** One page; {@code nextCursor} is null on the last. */
    record Page(List<PromotionView> items, String nextCursor) {
    }
}
