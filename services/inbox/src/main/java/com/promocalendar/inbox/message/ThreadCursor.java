package com.promocalendar.inbox.message;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

import com.promocalendar.inbox.problem.BadRequestException;

/**
 * Where a page of threads ended: the last thread's expiry (the Active view's
 * order) and message id. Opaque to clients (base64url of "expiresAt id"), so
 * the order can change without breaking anyone.
 */
record ThreadCursor(Instant expiresAt, long id) {

    String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((expiresAt + " " + id).getBytes(StandardCharsets.UTF_8));
    }

    static ThreadCursor of(InboxThread thread) {
        return new ThreadCursor(thread.latest().expiresAt(), Long.parseLong(thread.latest().id()));
    }

    /** Null for no cursor; a 400 naming {@code cursor} for anything this service did not hand out. */
    static ThreadCursor decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(" ");
            if (parts.length != 2) {
                throw new IllegalArgumentException(cursor);
            }
            return new ThreadCursor(Instant.parse(parts[0]), Long.parseLong(parts[1]));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new BadRequestException("cursor", "is not a cursor this service handed out");
        }
    }
}
