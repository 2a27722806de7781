package com.promocalendar.calendar.inboxsync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * Relays the change feed to the inbox: each change of a published promotion
 * becomes {@code PUT /api/internal/inbox/promotions/{id}} (contracts.md) with
 * the service's own token (client {@code event-calendar}, role
 * {@code promotion-sync}). The change rows are written in the transaction of
 * the change itself (PromotionChangeFeed), so nothing is lost while the inbox
 * is down; the relay sends them in cursor order, one at a time, and moves its
 * cursor ({@code outbox_relay}) only past a change the inbox accepted. A
 * failure — network, 5xx, 404 of a misconfigured URL, a refused token — stops
 * the pass and is retried with doubling backoff (logged each time); the inbox
 * ignores a version it already has, so a resend after a crash is harmless.
 * One replica relays at a time: the cursor row is locked ({@code SKIP LOCKED}).
 */
@Component
class InboxRelay {

    private static final Logger log = LoggerFactory.getLogger(InboxRelay.class);
    private static final int BATCH = 100;

    private record Change(long cursor, UUID promotionId, String kind, long version, Instant endsAt, String reason) {
    }

    private final JdbcClient db;
    private final TransactionTemplate transaction;
    private final InboxClient inbox;
    private final Duration interval;
    private final Duration maxBackoff;
    private final Clock clock;
    private Duration backoff = Duration.ZERO;
    private Instant nextAttempt = Instant.MIN;

    InboxRelay(JdbcClient db, TransactionTemplate transaction, InboxClient inbox,
            @Value("${calendar.inbox-sync.interval}") Duration interval,
            @Value("${calendar.inbox-sync.max-backoff}") Duration maxBackoff, Clock clock) {
        this.db = db;
        this.transaction = transaction;
        this.inbox = inbox;
        this.interval = interval;
        this.maxBackoff = maxBackoff;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${calendar.inbox-sync.interval}")
    void relay() {
        if (clock.instant().isBefore(nextAttempt)) {
            return;
        }
        RuntimeException failure;
        try {
            failure = transaction.execute(status -> relayPending());
        } catch (RuntimeException database) {
            failure = database;
        }
        if (failure == null) {
            backoff = Duration.ZERO;
        } else {
            backoff = backoff.isZero() ? interval : min(backoff.multipliedBy(2), maxBackoff);
            nextAttempt = clock.instant().plus(backoff);
            log.warn("inbox sync: {} — the change is sent again in {} ms", describe(failure), backoff.toMillis());
        }
    }

    /**
     * Sends what is after the cursor, moving the cursor past each accepted
     * change; stops at the first failure and answers it (the cursor moves so
     * far are committed). Nothing if another replica relays.
     */
    private RuntimeException relayPending() {
        List<Long> cursor = db.sql("select cursor from outbox_relay where name = 'inbox' for update skip locked")
                .query(Long.class).list();
        if (cursor.isEmpty()) {
            return null;
        }
        List<Change> changes = db.sql("""
                select cursor, promotion_id, kind, version, ends_at, withdrawn_reason
                  from promotion_change where cursor > ? order by cursor limit ?""")
                .params(cursor.get(0), BATCH)
                .query((row, n) -> new Change(row.getLong("cursor"), row.getObject("promotion_id", UUID.class),
                        row.getString("kind"), row.getLong("version"),
                        row.getTimestamp("ends_at") == null ? null : row.getTimestamp("ends_at").toInstant(),
                        row.getString("withdrawn_reason")))
                .list();
        for (Change change : changes) {
            if (change.endsAt() != null) { // recorded before the inbox followed promotions, and superseded
                try {
                    send(change);
                } catch (RuntimeException failure) {
                    return failure;
                }
            }
            db.sql("update outbox_relay set cursor = ? where name = 'inbox'").param(change.cursor()).update();
        }
        return null;
    }

    private void send(Change change) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("version", change.version());
        state.put("status", change.kind().equals("UNPUBLISHED") ? "UNPUBLISHED" : "PUBLISHED");
        state.put("endsAt", change.endsAt().toString());
        state.put("withdrawnReason", change.reason());
        inbox.putPromotionState(change.promotionId(), state);
    }

    private static String describe(RuntimeException failure) {
        if (failure instanceof RestClientResponseException response) {
            return "the inbox answered " + response.getStatusCode().value() + " " + response.getResponseBodyAsString();
        }
        if (failure instanceof RestClientException) {
            return "the inbox cannot be reached (" + failure.getMessage() + ")";
        }
        return failure.toString();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
