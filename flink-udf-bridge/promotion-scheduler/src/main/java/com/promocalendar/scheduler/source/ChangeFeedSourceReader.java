package com.promocalendar.scheduler.source;

import java.util.Map;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.source.reader.SingleThreadMultiplexSourceReaderBase;

/**
 * The source reader: connector-base runs {@link ChangeFeedSplitReader} on a fetcher thread and
 * hands its records to the task thread, where {@link #emitAndAdvance} emits each change and
 * moves the split's cursor past it, so a checkpoint holds exactly what was emitted.
 */
final class ChangeFeedSourceReader
        extends SingleThreadMultiplexSourceReaderBase<PromotionChange, PromotionChange, ChangeFeedSplit, ChangeFeedSourceReader.Cursor> {

    /** Mutable split state: the cursor of the last emitted change. */
    static final class Cursor {
        String value;

        Cursor(String value) {
            this.value = value;
        }
    }

    ChangeFeedSourceReader(ChangeFeedSettings settings, Configuration configuration, SourceReaderContext context) {
        super(() -> new ChangeFeedSplitReader(settings), ChangeFeedSourceReader::emitAndAdvance, configuration, context);
    }

    private static void emitAndAdvance(PromotionChange change, SourceOutput<PromotionChange> output, Cursor cursor) {
        output.collect(change);
        cursor.value = change.cursor;
    }

    @Override
    public void start() {
        // The enumerator pushes the one split; nothing to request.
    }

    @Override
    protected void onSplitFinished(Map<String, Cursor> finishedSplitIds) {
        // The feed never ends.
    }

    @Override
    protected Cursor initializedState(ChangeFeedSplit split) {
        return new Cursor(split.cursor());
    }

    @Override
    protected ChangeFeedSplit toSplitType(String splitId, Cursor cursor) {
        return new ChangeFeedSplit(cursor.value);
    }

}
