package com.promocalendar.scheduler.source;

import java.util.List;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * The event calendar's change feed as an unbounded Flink source (FLIP-27): one split whose
 * state is the feed cursor, read by one reader that polls with a service-account token.
 */
public final class ChangeFeedSource implements Source<PromotionChange, ChangeFeedSplit, List<ChangeFeedSplit>> {

    private static final long serialVersionUID = 1L;

    private final ChangeFeedSettings settings;

    public ChangeFeedSource(ChangeFeedSettings settings) {
        this.settings = settings;
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SourceReader<PromotionChange, ChangeFeedSplit> createReader(SourceReaderContext context) {
        return new ChangeFeedSourceReader(settings, new Configuration(), context);
    }

    @Override
    public SplitEnumerator<ChangeFeedSplit, List<ChangeFeedSplit>> createEnumerator(
            SplitEnumeratorContext<ChangeFeedSplit> context) {
        return new ChangeFeedEnumerator(context, List.of(new ChangeFeedSplit(null)));
    }

    @Override
    public SplitEnumerator<ChangeFeedSplit, List<ChangeFeedSplit>> restoreEnumerator(
            SplitEnumeratorContext<ChangeFeedSplit> context, List<ChangeFeedSplit> checkpoint) {
        return new ChangeFeedEnumerator(context, checkpoint);
    }

    @Override
    public SimpleVersionedSerializer<ChangeFeedSplit> getSplitSerializer() {
        return new ChangeFeedSplitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<List<ChangeFeedSplit>> getEnumeratorCheckpointSerializer() {
        return new ChangeFeedEnumeratorStateSerializer();
    }
}
