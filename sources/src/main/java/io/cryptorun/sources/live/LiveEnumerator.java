package io.cryptorun.sources.live;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;

/**
 * Hands the connection shards to the readers: shard {@code i} (in configuration order) goes to
 * subtask {@code i mod parallelism}, so the venues' connections spread over the readers and the
 * same shard lands on the same subtask after a restart. Shards returned by a failed reader wait
 * here (and in the checkpoint) until that reader registers again. Readers never ask for more:
 * the source is unbounded and a shard lives as long as the job.
 */
final class LiveEnumerator implements SplitEnumerator<LiveSplit, List<LiveSplit>> {
    private final SplitEnumeratorContext<LiveSplit> context;
    private final List<LiveSplit> pending;
    private final Map<String, Integer> positions = new HashMap<>();

    LiveEnumerator(SplitEnumeratorContext<LiveSplit> context, List<LiveSplit> configured, List<LiveSplit> pending) {
        this.context = context;
        this.pending = new ArrayList<>(pending);
        for (int i = 0; i < configured.size(); i++) positions.put(configured.get(i).id(), i);
    }

    @Override
    public void start() {}

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {}

    @Override
    public void addSplitsBack(List<LiveSplit> splits, int subtaskId) {
        pending.addAll(splits);
        if (context.registeredReaders().containsKey(subtaskId)) assign(subtaskId);
    }

    @Override
    public void addReader(int subtaskId) {
        assign(subtaskId);
    }

    private void assign(int subtaskId) {
        int parallelism = context.currentParallelism();
        List<LiveSplit> mine = new ArrayList<>();
        for (Iterator<LiveSplit> it = pending.iterator(); it.hasNext(); ) {
            LiveSplit s = it.next();
            int position = positions.getOrDefault(s.id(), s.id().hashCode());
            if (Math.floorMod(position, parallelism) == subtaskId) {
                mine.add(s);
                it.remove();
            }
        }
        for (LiveSplit s : mine) context.assignSplit(s, subtaskId);
    }

    @Override
    public List<LiveSplit> snapshotState(long checkpointId) {
        return new ArrayList<>(pending);
    }

    @Override
    public void close() {}
}
