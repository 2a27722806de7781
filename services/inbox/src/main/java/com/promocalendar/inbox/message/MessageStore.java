package com.promocalendar.inbox.message;

import static com.promocalendar.inbox.message.MessageState.EXPIRES_AT;
import static com.promocalendar.inbox.message.MessageState.LIVE;
import static com.promocalendar.inbox.message.MessageState.STATE_JOIN;
import static com.promocalendar.inbox.message.MessageState.UNREAD;
import static com.promocalendar.inbox.message.MessageState.WITHDRAWN;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * A person's messages, grouped into threads (one per promotion). Every
 * statement is scoped by {@code recipient_id}, so a message of someone else is
 * simply not found. A person holds at most a few hundred messages (one a day
 * per running promotion, removed after retention), so the thread queries
 * aggregate that person's rows through the primary key; the badge has its own
 * index-only path ({@code UnreadCounts}).
 */
@Repository
class MessageStore {

    private static final String COLUMNS = """
            m.id, m.promotion_id, m.day, m.day_number, m.day_count, m.subject, m.body,
            p.products::text AS products, m.created_at, m.read_at, m.test, m.archived_at IS NOT NULL AS archived,
            """ + EXPIRES_AT + " AS expires_at, " + EXPIRES_AT + " <= now() AS expired, "
            + WITHDRAWN + " AS withdrawn, CASE WHEN " + WITHDRAWN + " THEN s.withdrawn_reason END AS withdrawn_reason";

    private static final String FROM = " FROM message m JOIN product_set p ON p.id = m.product_set_id " + STATE_JOIN;

    /**
     * The caller's threads: each promotion's latest message (the latest not
     * archived, if any) with the thread's counts. Parameters: recipient twice.
     */
    private static final String THREAD_CTE = """
            WITH thread AS (
                SELECT m.promotion_id,
                       coalesce(max(m.id) FILTER (WHERE m.archived_at IS NULL), max(m.id)) AS latest_id,
                       count(*) AS messages_in_thread,
                       count(*) FILTER (WHERE %s) AS unread_in_thread
                  FROM message m %s
                 WHERE m.recipient_id = ?
                 GROUP BY m.promotion_id
            )
            """.formatted(UNREAD, STATE_JOIN);

    private static final String THREAD_FROM = """
              FROM thread t
              JOIN message m ON m.recipient_id = ? AND m.id = t.latest_id
              JOIN product_set p ON p.id = m.product_set_id
              %s
            """.formatted(STATE_JOIN);

    private static final String THREADS = THREAD_CTE + "SELECT " + COLUMNS + """
            , t.unread_in_thread, t.messages_in_thread,
            EXISTS (SELECT 1 FROM muted_promotion mu
                     WHERE mu.recipient_id = m.recipient_id AND mu.promotion_id = m.promotion_id) AS muted
            """ + THREAD_FROM;

    private static final RowMapper<InboxMessage> MESSAGE = MessageStore::message;
    private static final RowMapper<InboxThread> THREAD = (row, n) -> new InboxThread(message(row, n),
            row.getLong("unread_in_thread"), row.getLong("messages_in_thread"), row.getBoolean("muted"));

    private final JdbcTemplate jdbc;

    MessageStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Up to {@code limit} threads of one view after {@code after} (null: from
     * the start). Active threads come "ends soon" first, the others newest first.
     */
    List<InboxThread> threads(String recipientId, InboxView view, boolean unreadOnly, ThreadCursor after, int limit) {
        String unread = unreadOnly ? " AND t.unread_in_thread > 0" : "";
        return switch (view) {
            case ACTIVE -> after == null
                    ? jdbc.query(THREADS + "WHERE " + view.condition() + unread
                            + " ORDER BY " + EXPIRES_AT + ", m.id LIMIT ?", THREAD, recipientId, recipientId, limit)
                    : jdbc.query(THREADS + "WHERE " + view.condition() + unread + " AND (" + EXPIRES_AT + ", m.id) > (?, ?)"
                            + " ORDER BY " + EXPIRES_AT + ", m.id LIMIT ?", THREAD, recipientId, recipientId,
                            Timestamp.from(after.expiresAt()), after.id(), limit);
            case ENDED, ARCHIVED -> jdbc.query(THREADS + "WHERE " + view.condition() + unread
                    + " AND m.id < ? ORDER BY m.id DESC LIMIT ?", THREAD, recipientId, recipientId,
                    after == null ? Long.MAX_VALUE : after.id(), limit);
        };
    }

    /** Threads per view; {@code unread} counts exactly what the badge counts. */
    InboxCounts counts(String recipientId) {
        return jdbc.queryForObject(THREAD_CTE + "SELECT count(*) FILTER (WHERE t.unread_in_thread > 0) AS unread, "
                + "count(*) FILTER (WHERE " + InboxView.ACTIVE.condition() + ") AS active, "
                + "count(*) FILTER (WHERE " + InboxView.ENDED.condition() + ") AS ended, "
                + "count(*) FILTER (WHERE " + InboxView.ARCHIVED.condition() + ") AS archived " + THREAD_FROM,
                (row, n) -> new InboxCounts(row.getLong("unread"), row.getLong("active"), row.getLong("ended"),
                        row.getLong("archived")),
                recipientId, recipientId);
    }

    /** The days of one promotion's thread, newest first (archived ones too). */
    List<InboxMessage> thread(String recipientId, String promotionId) {
        return jdbc.query("SELECT " + COLUMNS + FROM + " WHERE m.recipient_id = ? AND m.promotion_id = ? ORDER BY m.id DESC",
                MESSAGE, recipientId, promotionId);
    }

    boolean muted(String recipientId, String promotionId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM muted_promotion WHERE recipient_id = ? AND promotion_id = ?)",
                Boolean.class, recipientId, promotionId));
    }

    Optional<InboxMessage> find(String recipientId, long id) {
        return jdbc.query("SELECT " + COLUMNS + FROM + " WHERE m.recipient_id = ? AND m.id = ?", MESSAGE, recipientId, id)
                .stream().findFirst();
    }

    /**
     * Marks the message and the earlier days of its thread read (keeping each
     * first read time): reading a thread's latest day reads the thread. False if
     * there is no such message of this person.
     */
    boolean markRead(String recipientId, long id) {
        return updateThread(recipientId, id, "read_at = now()", "m.id <= target.id AND m.read_at IS NULL");
    }

    boolean markUnread(String recipientId, long id) {
        return jdbc.update("UPDATE message SET read_at = NULL WHERE recipient_id = ? AND id = ?", recipientId, id) == 1;
    }

    int markAllRead(String recipientId) {
        return jdbc.update("""
                UPDATE message SET read_at = now()
                 WHERE recipient_id = ? AND read_at IS NULL AND archived_at IS NULL
                """, recipientId);
    }

    /** Archives the message's whole thread; false if there is no such message of this person. */
    boolean archiveThread(String recipientId, long id) {
        return updateThread(recipientId, id, "archived_at = now()", "m.archived_at IS NULL");
    }

    /** Brings the message's whole thread back from the archive. */
    boolean restoreThread(String recipientId, long id) {
        return updateThread(recipientId, id, "archived_at = NULL", "m.archived_at IS NOT NULL");
    }

    /** The rows {@code m} of the thread of message {@code target}: the same person's messages of its promotion. */
    private static final String FROM_THREAD_OF_TARGET = """
              FROM message target
             WHERE target.recipient_id = ? AND target.id = ?
               AND m.recipient_id = target.recipient_id AND m.promotion_id = target.promotion_id""";

    /**
     * Sets {@code assignment} on the messages of the thread of message {@code id}
     * (the same person's messages of its promotion, alias {@code m}, the message
     * itself {@code target}) that meet {@code condition}; both are constants of
     * this class. False if there is no such message of this person.
     */
    private boolean updateThread(String recipientId, long id, String assignment, String condition) {
        jdbc.update("UPDATE message m SET " + assignment + "\n" + FROM_THREAD_OF_TARGET + " AND " + condition,
                recipientId, id);
        return exists(recipientId, id);
    }

    private boolean exists(String recipientId, long id) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM message WHERE recipient_id = ? AND id = ?)", Boolean.class, recipientId, id));
    }

    private static InboxMessage message(ResultSet row, int rowNumber) throws SQLException {
        return new InboxMessage(
                Long.toString(row.getLong("id")),
                row.getString("promotion_id"),
                row.getObject("day", LocalDate.class),
                row.getObject("day_number", Integer.class),
                row.getObject("day_count", Integer.class),
                row.getString("subject"),
                row.getString("body"),
                row.getString("products"),
                instant(row.getTimestamp("created_at")),
                instant(row.getTimestamp("read_at")),
                instant(row.getTimestamp("expires_at")),
                row.getBoolean("expired"),
                row.getBoolean("withdrawn"),
                row.getString("withdrawn_reason"),
                row.getBoolean("test"),
                row.getBoolean("archived"));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
