package com.promocalendar.inbox.delivery;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.List;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.promocalendar.inbox.retention.Partitions;
import com.promocalendar.inbox.unread.UnreadCountNotifications;

/**
 * Stores a checked batch in one transaction: the day's product list first
 * (content-addressed, one row per distinct list, its id remembered), then the
 * messages with PostgreSQL's {@code COPY} into the session's staging table and
 * one {@code INSERT … SELECT … ON CONFLICT (idempotency_key, day) DO NOTHING}: a
 * known key, also one repeated inside the batch, is skipped and counted as a
 * duplicate. The day's fields travel once, as parameters of that statement.
 * Per batch that is the work of the database-only baseline in
 * {@code host/promo/bench/job-bench.sh} — COPY and one INSERT — and nothing else.
 */
@Service
public class MessageDelivery {

    /**
     * Advisory lock key: every batch holds it shared while it stores, an erasure
     * ({@code privacy.Erasure}) takes it exclusively, so no batch that began before
     * an erasure commits after it.
     */
    public static final long ERASURE_LOCK = 0x1b0c_e7a5_e000_0001L;

    /**
     * The messages nobody may get: their reader muted this promotion or paused
     * promotion messages, or was erased. Removed from the staging table before
     * the insert and reported as {@code suppressed}. Three index probes per staged
     * row into tables that hold only those who chose so. Each suppressed key is
     * recorded once in {@code suppressed_message} (V8) for the admin's results —
     * a retried batch records nothing twice, and a key already delivered before
     * its reader chose so is not recorded (it counts as delivered).
     */
    private static final String SUPPRESS = """
            WITH gone AS (
                DELETE FROM incoming_message i
                 WHERE EXISTS (SELECT 1 FROM muted_promotion mu WHERE mu.recipient_id = i.recipient_id AND mu.promotion_id = ?)
                    OR EXISTS (SELECT 1 FROM preference p WHERE p.recipient_id = i.recipient_id AND NOT p.promotion_messages)
                    OR EXISTS (SELECT 1 FROM erased_recipient e WHERE e.recipient_id = i.recipient_id)
                RETURNING i.idempotency_key
            ), recorded AS (
                INSERT INTO suppressed_message (idempotency_key, promotion_id, day)
                SELECT DISTINCT g.idempotency_key, ?, ?::date FROM gone g
                 WHERE NOT EXISTS (SELECT 1 FROM message m WHERE m.idempotency_key = g.idempotency_key AND m.day = ?::date)
                ON CONFLICT (idempotency_key) DO NOTHING
            )
            SELECT count(*) FROM gone
            """;

    /**
     * Into the staging table {@code incoming_message (idempotency_key, recipient_id, body)}:
     * temporary, emptied at every commit, created once per pooled connection by
     * Hikari's {@code connection-init-sql} (application.yml).
     */
    private static final String COPY = "COPY incoming_message (idempotency_key, recipient_id, body) FROM STDIN";

    /** PostgreSQL's answer to a row whose {@code day} no partition holds ({@code check_violation}). */
    private static final String NO_PARTITION = "23514";

    private static final String INSERT_MESSAGES = """
            INSERT INTO message (idempotency_key, recipient_id, promotion_id, day, day_number, day_count, subject,
                                 body, product_set_id, expires_at, test)
            SELECT idempotency_key, recipient_id, ?, ?, ?, ?, ?, body, ?, ?, ? FROM incoming_message
            ON CONFLICT (idempotency_key, day) DO NOTHING
            """;

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    /** Product set ids by digest: rows are never deleted or changed, so an id never goes stale. */
    private final Cache<ByteBuffer, Long> productSetIds = Caffeine.newBuilder().maximumSize(10_000).build();

    private final TransactionTemplate transaction;
    private final Partitions partitions;

    MessageDelivery(JdbcTemplate jdbc, ObjectMapper json, PlatformTransactionManager transactions, Partitions partitions) {
        this.jdbc = jdbc;
        this.json = json;
        this.partitions = partitions;
        this.transaction = new TransactionTemplate(transactions);
    }

    public BatchResult deliver(DayBatch batch) {
        return deliver(batch, false);
    }

    /** An admin's test message: the one accepted message under {@code testKey}, flagged, never suppressed. */
    BatchResult deliverTest(DayBatch batch, String testKey) {
        DayBatch.Accepted message = batch.accepted().get(0);
        return deliver(new DayBatch(batch.promotionId(), batch.day(), batch.dayNumber(), batch.dayCount(),
                batch.subject(), batch.expiresAt(), batch.products(),
                List.of(new DayBatch.Accepted(0, testKey, message.recipientId(), message.body())), List.of()), true);
    }

    private BatchResult deliver(DayBatch batch, boolean test) {
        if (batch.accepted().isEmpty()) {
            return new BatchResult(0, 0, 0, batch.refused());
        }
        // committed on its own before it is remembered: an id is never cached from a rolled-back insert
        long productSetId = productSetId(batch.products());
        byte[] rows = copyText(batch.accepted());
        try {
            return store(batch, productSetId, rows, test);
        } catch (DataIntegrityViolationException e) {
            if (!(e.getMostSpecificCause() instanceof SQLException cause) || !NO_PARTITION.equals(cause.getSQLState())) {
                throw e;
            }
            // a day whose month has no partition yet (made ahead daily; this is the exception): make it, store again
            partitions.ensureMonthOf(batch.day());
            return store(batch, productSetId, rows, test);
        }
    }

    private BatchResult store(DayBatch batch, long productSetId, byte[] rows, boolean test) {
        int[] suppressed = new int[1];
        int inserted = transaction.execute(status -> jdbc.execute((ConnectionCallback<Integer>) connection -> {
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock_shared(?)")) {
                lock.setLong(1, ERASURE_LOCK);
                lock.execute();
            }
            CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY);
            try {
                copy.writeToCopy(rows, 0, rows.length);
                copy.endCopy();
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
            suppressed[0] = test ? 0 : suppress(connection, batch);
            int stored = insert(connection, batch, productSetId, test);
            if (stored > 0) {
                // every replica's open badge streams hear of it when this commits (a recipient
                // whose message was a duplicate is told the same count again)
                UnreadCountNotifications.send(connection,
                        batch.accepted().stream().map(DayBatch.Accepted::recipientId).toList());
            }
            return stored;
        }));
        return new BatchResult(inserted, batch.accepted().size() - inserted - suppressed[0], suppressed[0],
                batch.refused());
    }

    private static int suppress(Connection connection, DayBatch batch) throws SQLException {
        try (PreparedStatement suppress = connection.prepareStatement(SUPPRESS)) {
            suppress.setString(1, batch.promotionId());
            suppress.setString(2, batch.promotionId());
            suppress.setDate(3, Date.valueOf(batch.day()));
            suppress.setDate(4, Date.valueOf(batch.day()));
            try (ResultSet count = suppress.executeQuery()) {
                count.next();
                return count.getInt(1);
            }
        }
    }

    private static int insert(Connection connection, DayBatch batch, long productSetId, boolean test)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_MESSAGES)) {
            insert.setString(1, batch.promotionId());
            insert.setDate(2, Date.valueOf(batch.day()));
            setInteger(insert, 3, batch.dayNumber());
            setInteger(insert, 4, batch.dayCount());
            insert.setString(5, batch.subject());
            insert.setLong(6, productSetId);
            insert.setTimestamp(7, Timestamp.from(batch.expiresAt()));
            insert.setBoolean(8, test);
            return insert.executeUpdate();
        }
    }
    private static void setInteger(PreparedStatement statement, int index, Integer value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.INTEGER);
        } else {
            statement.setInt(index, value);
        }
    }

    /** The rows in COPY's text format: tab-separated, backslash escapes. */
    static byte[] copyText(List<DayBatch.Accepted> messages) {
        StringBuilder text = new StringBuilder(messages.size() * 256);
        for (DayBatch.Accepted message : messages) {
            escape(text, message.idempotencyKey()).append('\t');
            escape(text, message.recipientId()).append('\t');
            escape(text, message.body()).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Appends {@code value} with COPY's escapes; runs without one are copied whole. */
    private static StringBuilder escape(StringBuilder text, String value) {
        int from = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            String escaped = switch (c) {
                case '\\' -> "\\\\";
                case '\t' -> "\\t";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                default -> null;
            };
            if (escaped != null) {
                text.append(value, from, i).append(escaped);
                from = i + 1;
            }
        }
        return text.append(value, from, value.length());
    }

    /** The id of this product list's row, inserting it if it is new (another batch may race: no conflict). */
    private long productSetId(List<Product> products) {
        byte[] canonical;
        try {
            canonical = json.writeValueAsBytes(products);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("products cannot be written as JSON", e);
        }
        byte[] digest = sha256(canonical);
        return productSetIds.get(ByteBuffer.wrap(digest), key -> {
            jdbc.update("INSERT INTO product_set (digest, products) VALUES (?, ?::json) ON CONFLICT (digest) DO NOTHING",
                    digest, new String(canonical, StandardCharsets.UTF_8));
            return jdbc.queryForObject("SELECT id FROM product_set WHERE digest = ?", Long.class, digest);
        });
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
