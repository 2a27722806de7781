package com.promocalendar.scheduler.source;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import org.apache.flink.connector.base.source.reader.RecordsBySplits;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the change feed on the source's fetcher thread: one page per {@link #fetch()}, and a
 * pause of the poll interval (cut short by {@link #wakeUp()}) when the feed had nothing new.
 * A poll that fails even after the client's retries is logged and tried again at the next
 * interval: the calendar being down must not fail the job.
 */
final class ChangeFeedSplitReader implements SplitReader<PromotionChange, ChangeFeedSplit> {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeFeedSplitReader.class);

    private final ChangeFeedSettings settings;
    private final ChangeFeedClient client;
    private final Object pause = new Object();
    private boolean wokenUp;
    private boolean assigned;
    private String cursor;

    ChangeFeedSplitReader(ChangeFeedSettings settings) {
        this.settings = settings;
        this.client = new ChangeFeedClient(settings, new ServiceAccountTokens(
                settings.tokenEndpoint(), settings.clientId(), settings.clientSecret(), Clock.systemUTC()));
    }

    @Override
    public RecordsWithSplitIds<PromotionChange> fetch() throws IOException {
        if (!assigned) {
            return new RecordsBySplits.Builder<PromotionChange>().build();
        }
        List<PromotionChange> changes;
        try {
            changes = client.changesAfter(cursor);
        } catch (IOException | RuntimeException e) {
            LOG.warn("polling the change feed at {} failed ({}); trying again in {}", settings.calendarUrl(),
                    e.getCause() != null ? e + ", caused by " + e.getCause() : e, settings.pollInterval());
            changes = List.of();
        }
        RecordsBySplits.Builder<PromotionChange> records = new RecordsBySplits.Builder<>();
        for (PromotionChange change : changes) {
            records.add(ChangeFeedSplit.ID, change);
            cursor = change.cursor;
        }
        if (changes.isEmpty()) {
            pauseUntilNextPoll();
        }
        return records.build();
    }

    private void pauseUntilNextPoll() {
        synchronized (pause) {
            long deadline = System.nanoTime() + settings.pollInterval().toNanos();
            long remaining;
            while (!wokenUp && (remaining = deadline - System.nanoTime()) > 0) {
                try {
                    pause.wait(Math.max(1, remaining / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            wokenUp = false;
        }
    }

    @Override
    public void handleSplitsChanges(SplitsChange<ChangeFeedSplit> splitsChanges) {
        for (ChangeFeedSplit split : splitsChanges.splits()) {
            cursor = split.cursor() != null ? split.cursor() : settings.initialCursor();
            assigned = true;
        }
    }

    @Override
    public void wakeUp() {
        synchronized (pause) {
            wokenUp = true;
            pause.notifyAll();
        }
    }

    @Override
    public void close() {}
}
