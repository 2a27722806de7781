package com.promocalendar.scheduler.source;

import org.apache.flink.api.connector.source.SourceSplit;

/**
 * The change feed as a split: there is exactly one, and its state is the cursor of the last
 * change emitted downstream. Checkpointed with the reader, so a restart resumes right after it.
 *
 * @param cursor cursor of the last emitted change; {@code null} before the first one
 */
public record ChangeFeedSplit(String cursor) implements SourceSplit {

    static final String ID = "promotion-changes";

    @Override
    public String splitId() {
        return ID;
    }
}
