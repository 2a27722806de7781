package com.promocalendar.inbox.privacy;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.promocalendar.inbox.delivery.MessageDelivery;

/**
 * Erases one customer: the tombstone first, under the exclusive side of the
 * lock every batch holds shared while it stores ({@link MessageDelivery#ERASURE_LOCK}),
 * so a batch already running finishes before and is deleted with the rest, and
 * every later batch sees the tombstone and suppresses that customer's message.
 * The tombstone is a Keycloak id only (never reused) and keeps a job that is
 * still running from bringing the messages back.
 */
@Service
class Erasure {

    private final JdbcTemplate jdbc;

    Erasure(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    void erase(String recipientId) {
        jdbc.queryForList("SELECT pg_advisory_xact_lock(?)", MessageDelivery.ERASURE_LOCK);
        jdbc.update("INSERT INTO erased_recipient (recipient_id) VALUES (?) ON CONFLICT DO NOTHING", recipientId);
        jdbc.update("DELETE FROM message WHERE recipient_id = ?", recipientId);
        jdbc.update("DELETE FROM muted_promotion WHERE recipient_id = ?", recipientId);
        jdbc.update("DELETE FROM preference WHERE recipient_id = ?", recipientId);
    }
}
