package com.promocalendar.inbox.message;

/**
 * How a stored message follows its promotion, as SQL over {@code message m}
 * joined with {@code promotion_state s} ({@link #STATE_JOIN}). The state row
 * is the promotion as the calendar last published it; without one (a promotion
 * the calendar has not reported yet) the message's own fields stand.
 */
public final class MessageState {

    /** Joins the promotion's state; at most one row per promotion. */
    public static final String STATE_JOIN = "LEFT JOIN promotion_state s ON s.promotion_id = m.promotion_id";

    /** The promotion's current end: a moved end moves every delivered message's expiry. */
    public static final String EXPIRES_AT = "coalesce(s.ends_at, m.expires_at)";

    /**
     * Withdrawn: the promotion is not published now, or the message arrived up to
     * its last unpublish (so it stays withdrawn when the promotion is published
     * again). An admin's test message is never withdrawn.
     */
    public static final String WITHDRAWN =
            "(NOT m.test AND coalesce(s.status <> 'PUBLISHED' OR m.created_at <= s.withdrawn_at, false))";

    /** Counts as news: neither expired nor withdrawn. */
    public static final String LIVE = EXPIRES_AT + " > now() AND NOT " + WITHDRAWN;

    /** Unread news, the badge's condition per message (served by index message_unread_thread). */
    public static final String UNREAD = "m.read_at IS NULL AND m.archived_at IS NULL AND " + LIVE;

    private MessageState() {
    }
}
