package com.promocalendar.scheduler.source;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;

/**
 * Hands the one change-feed split to the first reader that registers, and takes it back (at
 * its last checkpointed cursor) when that reader fails. Its checkpoint is the unassigned split,
 * if any.
 */
final class ChangeFeedEnumerator implements SplitEnumerator<ChangeFeedSplit, List<ChangeFeedSplit>> {

    private final SplitEnumeratorContext<ChangeFeedSplit> context;
    private final List<ChangeFeedSplit> unassigned;

    ChangeFeedEnumerator(SplitEnumeratorContext<ChangeFeedSplit> context, List<ChangeFeedSplit> unassigned) {
        this.context = context;
        this.unassigned = new ArrayList<>(unassigned);
    }

    @Override
    public void start() {}

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {}

    @Override
    public void addSplitsBack(List<ChangeFeedSplit> splits, int subtaskId) {
        unassigned.addAll(splits);
        assignToAnyReader();
    }

    @Override
    public void addReader(int subtaskId) {
        assignToAnyReader();
    }

    private void assignToAnyReader() {
        if (unassigned.isEmpty() || context.registeredReaders().isEmpty()) {
            return;
        }
        int reader = context.registeredReaders().keySet().stream().min(Integer::compare).orElseThrow();
        for (ChangeFeedSplit split : unassigned) {
            context.assignSplit(split, reader);
        }
        unassigned.clear();
    }

    @Override
    public List<ChangeFeedSplit> snapshotState(long checkpointId) {
        return List.copyOf(unassigned);
    }

    @Override
    public void close() {}
}
