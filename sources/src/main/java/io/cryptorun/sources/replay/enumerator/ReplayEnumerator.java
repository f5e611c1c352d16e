package io.cryptorun.sources.replay.enumerator;

import io.cryptorun.sources.replay.split.ReplayFileSplit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands every file out once, at start, by a fixed rule: files in path order, round-robin over
 * subtask indexes. A fixed rule (rather than first-come work stealing) makes which reader merges
 * which files, and so the exact interleaving of the output, a function of the input and the
 * parallelism only. Each reader receives its whole set in one assignment followed by "no more
 * splits", which is what lets the reader merge its files by time before emitting anything.
 */
public final class ReplayEnumerator implements SplitEnumerator<ReplayFileSplit, ReplayEnumeratorState> {
    private static final Logger LOG = LoggerFactory.getLogger(ReplayEnumerator.class);
    private static final Comparator<ReplayFileSplit> BY_PATH = Comparator.comparing(ReplayFileSplit::path);

    private final SplitEnumeratorContext<ReplayFileSplit> context;
    /** Splits not yet planned for a reader (only before {@link #start()}). */
    private final List<ReplayFileSplit> unplanned;
    /** Splits planned for a reader that has not registered yet. */
    private final Map<Integer, List<ReplayFileSplit>> pending = new TreeMap<>();

    public ReplayEnumerator(SplitEnumeratorContext<ReplayFileSplit> context, List<ReplayFileSplit> unassigned) {
        this.context = context;
        this.unplanned = new ArrayList<>(unassigned);
        this.unplanned.sort(BY_PATH);
    }

    @Override
    public void start() {
        int parallelism = context.currentParallelism();
        for (int i = 0; i < unplanned.size(); i++) {
            pending.computeIfAbsent(i % parallelism, k -> new ArrayList<>()).add(unplanned.get(i));
        }
        unplanned.clear();
        for (int reader : new TreeSet<>(context.registeredReaders().keySet())) {
            assignTo(reader);
        }
    }

    @Override
    public void addReader(int subtaskId) {
        assignTo(subtaskId);
    }

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {
        // Splits are pushed at registration; readers never ask.
    }

    /** Splits of a failed reader (assigned after the last checkpoint) go back to that subtask. */
    @Override
    public void addSplitsBack(List<ReplayFileSplit> splits, int subtaskId) {
        List<ReplayFileSplit> list = pending.computeIfAbsent(subtaskId, k -> new ArrayList<>());
        list.addAll(splits);
        list.sort(BY_PATH);
        if (context.registeredReaders().containsKey(subtaskId)) {
            assignTo(subtaskId);
        }
    }

    private void assignTo(int subtaskId) {
        List<ReplayFileSplit> splits = pending.remove(subtaskId);
        if (splits != null && !splits.isEmpty()) {
            LOG.info("Assigning {} replay file(s) to subtask {}: {}", splits.size(), subtaskId, splits);
            context.assignSplits(new SplitsAssignment<>(Map.of(subtaskId, splits)));
        }
        context.signalNoMoreSplits(subtaskId);
    }

    @Override
    public ReplayEnumeratorState snapshotState(long checkpointId) {
        List<ReplayFileSplit> all = new ArrayList<>(unplanned);
        pending.values().forEach(all::addAll);
        all.sort(BY_PATH);
        return new ReplayEnumeratorState(all);
    }

    @Override
    public void close() {}
}
