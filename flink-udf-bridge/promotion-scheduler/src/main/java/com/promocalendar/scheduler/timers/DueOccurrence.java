package com.promocalendar.scheduler.timers;

import com.promocalendar.engine.Occurrence;
import java.util.Objects;

/**
 * One promotion day that is due now: what the sink turns into a {@code promo.occurrence.due}
 * CloudEvent. A Flink POJO; times are as the engine computed them.
 */
public class DueOccurrence {

    public String promotionId;

    /** The promotion JSON the day was planned with (the event's {@code data.promotion}). */
    public String promotionJson;

    public int index;

    /** The local day, {@code YYYY-MM-DD}. */
    public String day;

    public long fireAtEpochMillis;

    /** UTC offset at {@code fireAt} in the promotion's zone, for RFC 3339 with the local offset. */
    public int utcOffsetSeconds;

    public DueOccurrence() {}

    public DueOccurrence(String promotionId, String promotionJson, Occurrence occurrence) {
        this.promotionId = promotionId;
        this.promotionJson = promotionJson;
        this.index = occurrence.index();
        this.day = occurrence.day().toString();
        this.fireAtEpochMillis = occurrence.fireAt().toEpochMilli();
        this.utcOffsetSeconds = occurrence.offset().getTotalSeconds();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DueOccurrence due
                && index == due.index
                && fireAtEpochMillis == due.fireAtEpochMillis
                && utcOffsetSeconds == due.utcOffsetSeconds
                && Objects.equals(promotionId, due.promotionId)
                && Objects.equals(promotionJson, due.promotionJson)
                && Objects.equals(day, due.day);
    }

    @Override
    public int hashCode() {
        return Objects.hash(promotionId, index, day, fireAtEpochMillis);
    }

    @Override
    public String toString() {
        return "DueOccurrence{" + promotionId + "/" + day + " #" + index + " at " + fireAtEpochMillis + "}";
    }
}
