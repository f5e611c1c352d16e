package io.cryptorun.sources.replay;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.metrics.groups.SplitEnumeratorMetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;

/** Enumerator context recording assignments and no-more-splits signals (any split type). */
public final class TestEnumeratorContext<SplitT extends SourceSplit> implements SplitEnumeratorContext<SplitT> {
    private final int parallelism;
    public final Map<Integer, ReaderInfo> registered = new HashMap<>();
    public final Map<Integer, List<SplitT>> assigned = new LinkedHashMap<>();
    public final List<Integer> assignmentCalls = new ArrayList<>();
    public final TreeSet<Integer> noMoreSplits = new TreeSet<>();

    public TestEnumeratorContext(int parallelism) {
        this.parallelism = parallelism;
    }

    public void register(int subtask) {
        registered.put(subtask, new ReaderInfo(subtask, "localhost"));
    }

    public void unregister(int subtask) {
        registered.remove(subtask);
    }

    /** Everything assigned to {@code subtask} so far, in order. */
    public List<SplitT> assigned(int subtask) {
        return assigned.getOrDefault(subtask, List.of());
    }

    @Override
    public SplitEnumeratorMetricGroup metricGroup() {
        return UnregisteredMetricsGroup.createSplitEnumeratorMetricGroup();
    }

    @Override
    public void sendEventToSourceReader(int subtaskId, SourceEvent event) {}

    @Override
    public int currentParallelism() {
        return parallelism;
    }

    @Override
    public Map<Integer, ReaderInfo> registeredReaders() {
        return registered;
    }

    @Override
    public void assignSplits(SplitsAssignment<SplitT> newSplitAssignments) {
        newSplitAssignments.assignment().forEach((subtask, splits) -> {
            if (noMoreSplits.contains(subtask)) throw new AssertionError("splits after no-more-splits for " + subtask);
            assignmentCalls.add(subtask);
            assigned.computeIfAbsent(subtask, k -> new ArrayList<>()).addAll(splits);
        });
    }

    @Override
    public void signalNoMoreSplits(int subtask) {
        noMoreSplits.add(subtask);
    }

    @Override
    public <T> void callAsync(Callable<T> callable, BiConsumer<T, Throwable> handler) {
        throw new UnsupportedOperationException();
    }

    @Override
    public <T> void callAsync(Callable<T> callable, BiConsumer<T, Throwable> handler, long initialDelay, long period) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void runInCoordinatorThread(Runnable runnable) {
        runnable.run();
    }
}
