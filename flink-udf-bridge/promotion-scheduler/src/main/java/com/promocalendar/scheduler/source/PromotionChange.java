package com.promocalendar.scheduler.source;

import java.util.Objects;

/**
 * One entry of the calendar's change feed ({@code GET /api/internal/promotion-changes},
 * contracts.md): {@code {cursor, promotionId, kind, promotion}}. A Flink POJO (public fields,
 * no-arg constructor) so it is serialised without Kryo.
 */
public class PromotionChange {

    /** Position in the feed; the next poll asks for changes after it. */
    public String cursor;

    public String promotionId;

    /** What happened, e.g. {@code PUBLISHED}, {@code UPDATED}, {@code UNPUBLISHED}, {@code DELETED}. */
    public String kind;

    /** The promotion JSON at that moment; {@code null} when it was deleted. */
    public String promotionJson;

    /** The promotion's {@code status} at that moment; {@code null} when it was deleted. */
    public String status;

    public PromotionChange() {}

    public PromotionChange(String cursor, String promotionId, String kind, String promotionJson, String status) {
        this.cursor = cursor;
        this.promotionId = promotionId;
        this.kind = kind;
        this.promotionJson = promotionJson;
        this.status = status;
    }

    /**
     * Whether the promotion should be sending after this change. Decided by the promotion's
     * status, not by {@code kind}: an edit of a draft is an update, yet sends nothing.
     */
    public boolean isPublished() {
        return promotionJson != null && "PUBLISHED".equals(status) && !"DELETED".equals(kind);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PromotionChange change
                && Objects.equals(cursor, change.cursor)
                && Objects.equals(promotionId, change.promotionId)
                && Objects.equals(kind, change.kind)
                && Objects.equals(promotionJson, change.promotionJson)
                && Objects.equals(status, change.status);
    }

    @Override
    public int hashCode() {
        return Objects.hash(cursor, promotionId, kind, promotionJson, status);
    }

    @Override
    public String toString() {
        return "PromotionChange{cursor=" + cursor + ", promotionId=" + promotionId + ", kind=" + kind
                + ", status=" + status + "}";
    }
}
