package io.cryptorun.jobs.kafka;

import io.cryptorun.functions.replication.RedeliveryFence;
import io.cryptorun.sources.model.EventHeader;
import io.cryptorun.sources.model.MarketEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Drops frames the job has already applied when Kafka delivers them again — after a hot failover (MM2's
 * translated offsets are conservative) or a duplicated MM2 batch. Thin shell over {@link RedeliveryFence}: one
 * fence per venue and connection ({@code venue|conn}; a connection's frames are a subsequence of its topic's
 * numbering, in order), keyed by nothing (chained to the source subtask that reads the topic). State: each fence's
 * last applied number, as union list state (after a rescale each subtask gets every entry and keeps the highest per
 * key). A record without a number (written before the ingest numbered them) has its offset as ordinal and is fenced by
 * it: right within one region (a job restored from its own checkpoint resumes at the exact offset), not across a
 * failover (offsets differ between regions). Events with a negative ordinal pass.
 * Counter {@code redeliveredFrameEvents}: events dropped.
 */
final class KafkaFrameFence extends ProcessFunction<MarketEvent, MarketEvent> implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;

    private transient Map<String, RedeliveryFence> fences;
    private transient ListState<Tuple2<String, Long>> state;
    private transient Counter dropped;

    @Override
    public void open(org.apache.flink.api.common.functions.OpenContext openContext) {
        dropped = getRuntimeContext().getMetricGroup().counter("redeliveredFrameEvents");
    }

    @Override
    public void processElement(MarketEvent e, Context ctx, Collector<MarketEvent> out) {
        long ordinal;
        String conn;
        EventHeader h = e.header();
        if (h != null) {
            ordinal = h.frameOrdinal();
            conn = h.conn();
        } else {
            ordinal = e.quarantine().frameOrdinal();
            conn = e.quarantine().conn();
        }
        if (ordinal < 0) { // not from a numbered record (e.g. a source-made marker): nothing to judge it by
            out.collect(e);
            return;
        }
        String key = e.venue() + "|" + conn;
        RedeliveryFence fence = fences.computeIfAbsent(key, k -> new RedeliveryFence());
        if (fence.admit(ordinal) == RedeliveryFence.Verdict.REDELIVERED) {
            if (dropped != null) dropped.inc();
            return;
        }
        out.collect(e);
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        List<Tuple2<String, Long>> entries = new ArrayList<>(fences.size());
        fences.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(en -> entries.add(Tuple2.of(en.getKey(), en.getValue().last())));
        state.update(entries);
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        state = context.getOperatorStateStore().getUnionListState(
                new ListStateDescriptor<>("fence-last-seq", Types.TUPLE(Types.STRING, Types.LONG)));
        Map<String, Long> last = new HashMap<>();
        for (Tuple2<String, Long> t : state.get()) last.merge(t.f0, t.f1, Math::max);
        fences = new HashMap<>();
        last.forEach((k, v) -> fences.put(k, new RedeliveryFence(v)));
    }
}
