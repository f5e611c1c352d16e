package io.cryptorun.functions.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.state.FunctionInitializationContext;

/**
 * The {@link CountingMetric}s of one operator, carried through a failover of the job that counts
 * them.
 *
 * <p>Why: Flink's accumulators (what a bounded replay's {@code summary.json} reads) and metrics
 * restart from zero in a task that restarts from a checkpoint, while the records it had counted
 * since that checkpoint are processed again. Counts taken over a failover were short by everything
 * before the checkpoint. Each subtask therefore keeps its counts in operator state; a task of the
 * same job restored from its checkpoint starts from them, so a failover neither loses nor doubles
 * a count.
 *
 * <p>Only a restore within the same job (same job id: a failover) carries the counts. A job started
 * from a savepoint is a new run with counts of its own: a replay resumed with
 * {@code --from-savepoint} adds the stopped part's counts itself, and a cluster job's metrics start
 * at zero as before. Savepoints taken before this state existed restore it empty.
 *
 * <p>Use: the operator implements {@code CheckpointedFunction}, calls {@link #restore} in
 * {@code initializeState} (which Flink calls before {@code open}), registers its counters here in
 * {@code open}, and calls {@link #snapshot} in {@code snapshotState}.
 */
public final class FailoverSafeCounters {
    /** Name of the operator list state; one per operator, so the same in every operator that uses this. */
    public static final String STATE_NAME = "failover-safe-counts";

    private final String jobId;
    private final ListState<CounterSnapshot> state;
    private final Map<String, Long> restored;
    private final Map<String, CountingMetric> counters = new LinkedHashMap<>();

    private FailoverSafeCounters(String jobId, ListState<CounterSnapshot> state, Map<String, Long> restored) {
        this.jobId = jobId;
        this.state = state;
        this.restored = restored;
    }

    /** Opens the operator's counter state and reads what a failover of this job left in it. */
    public static FailoverSafeCounters restore(FunctionInitializationContext context, RuntimeContext runtime)
            throws Exception {
        String jobId = runtime.getJobInfo().getJobId().toHexString();
        ListState<CounterSnapshot> state = context.getOperatorStateStore()
                .getListState(new ListStateDescriptor<>(STATE_NAME, TypeInformation.of(CounterSnapshot.class)));
        Map<String, Long> restored = new LinkedHashMap<>();
        if (context.isRestored()) {
            for (CounterSnapshot s : state.get()) {
                if (jobId.equals(s.job)) restored.merge(s.name, s.value, Long::sum);
            }
        }
        return new FailoverSafeCounters(jobId, state, restored);
    }

    /** Counters that are not checkpointed: for a function opened without {@code initializeState} (unit tests). */
    public static FailoverSafeCounters unrestored() {
        return new FailoverSafeCounters(null, null, Map.of());
    }

    /** Registers a counter (see {@link CountingMetric#register}), starting from its restored count. */
    public CountingMetric register(RuntimeContext runtime, String metricName, String accumulatorName) {
        CountingMetric c = CountingMetric.register(runtime, metricName, accumulatorName);
        Long before = restored.get(accumulatorName);
        if (before != null && before != 0) c.inc(before);
        counters.put(accumulatorName, c);
        return c;
    }

    /** This subtask's counts by accumulator name, in the order they were registered. */
    public Map<String, Long> counts() {
        Map<String, Long> m = new LinkedHashMap<>();
        counters.forEach((name, c) -> m.put(name, c.get()));
        return m;
    }

    /** Writes this subtask's counts into the checkpoint being taken. */
    public void snapshot() throws Exception {
        if (state == null) return;
        List<CounterSnapshot> now = new ArrayList<>(counters.size());
        for (Map.Entry<String, CountingMetric> e : counters.entrySet()) {
            now.add(new CounterSnapshot(jobId, e.getKey(), e.getValue().get()));
        }
        state.update(now);
    }

    /** One counter of one subtask in a checkpoint: a POJO, so its serializer is Flink's (no Kryo). */
    public static final class CounterSnapshot {
        /** Job id (hex) of the run that counted. */
        public String job;
        /** Accumulator name. */
        public String name;
        public long value;

        public CounterSnapshot() {}

        CounterSnapshot(String job, String name, long value) {
            this.job = job;
            this.name = name;
            this.value = value;
        }
    }
}
