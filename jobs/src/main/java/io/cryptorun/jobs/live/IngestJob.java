package io.cryptorun.jobs.live;

import io.cryptorun.jobs.kafka.KafkaFrameSource;
import io.cryptorun.jobs.kafka.KafkaJsonSink;
import io.cryptorun.sources.live.ExchangeWebSocketSource;
import io.cryptorun.sources.live.LiveSourceConfig;
import io.cryptorun.sources.live.SymbolFrame;
import io.cryptorun.sources.live.Venue;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The ingest job (SPEC §3): exchange WebSockets → Kafka {@code md.raw.<venue>}, value = the
 * fixture-line JSON of each received frame, key = its symbol ({@code ""} for connection-level
 * frames), exactly-once (transactions commit with checkpoints), each record numbered in its topic (header
 * {@code cryptorun-seq}: what lets the scanner drop frames re-delivered by a hot failover). Analytics can then be replayed
 * from Kafka offsets ({@code --source kafka}) and a savepoint. Only wiring lives here.
 */
public final class IngestJob {
    public static final String UID_SOURCE = "ingest-ws-frames";

    private IngestJob() {}

    public static void build(StreamExecutionEnvironment env, LiveSourceConfig config, String bootstrap) {
        build(env, config, bootstrap, KafkaFrameSource.TOPIC_PREFIX);
    }

    /** With another topic prefix than {@code md.raw.} (tests, staging). */
    public static void build(StreamExecutionEnvironment env, LiveSourceConfig config, String bootstrap, String topicPrefix) {
        build(env, config, bootstrap, topicPrefix, null);
    }

    /**
     * With split-brain fencing (issue 17; null: none, the transactional ids of before): the sinks' transactional ids
     * are {@code cryptorun-ingest-<topic>@<region>-e<epoch>}, and every checkpoint re-reads the active region first
     * ({@link io.cryptorun.jobs.replication.WriterFence#check}): a writer whose region was demoted fails that checkpoint,
     * so its transaction never commits, and its job stops without restarting.
     */
    public static void build(StreamExecutionEnvironment env, LiveSourceConfig config, String bootstrap, String topicPrefix,
            io.cryptorun.jobs.replication.WriterFence fence) {
        String fenceMarker = fence == null ? "" : fence.marker();
        DataStream<SymbolFrame> frames = env
                .fromSource(ExchangeWebSocketSource.frames(config), WatermarkStrategy.noWatermarks(), "ws frames")
                .uid(UID_SOURCE);
        for (Venue v : config.symbols().keySet()) {
            String topic = topicPrefix + v.id();
            frames.filter(new OfVenue(v.id())).uid("ingest-filter-" + v.id()).name(v.id() + " frames")
                    // one numbering per topic: parallelism 1, its counter checkpointed with the sink's transactions
                    .map(new ToRecord(fence)).uid("ingest-encode-" + v.id()).name(topic + " json").setParallelism(1)
                    .sinkTo(KafkaJsonSink.exactlyOnceNumbered(bootstrap, topic, "cryptorun-ingest-" + topic + fenceMarker)).setParallelism(1)
                    .uid("ingest-kafka-" + v.id()).name(topic);
        }
    }

    static final class OfVenue implements FilterFunction<SymbolFrame> {
        private static final long serialVersionUID = 1L;
        private final String venue;

        OfVenue(String venue) {
            this.venue = venue;
        }

        @Override
        public boolean filter(SymbolFrame f) {
            return f.line().venue().equals(venue);
        }
    }

    /**
     * Frame → record numbered {@code 0, 1, 2, …} in its topic (header {@link KafkaJsonSink#SEQ_HEADER}). The counter is
     * operator state checkpointed with the sink's transactions (exactly-once: after a restore the next number is the
     * one after the last committed record), so the committed records of a topic are numbered without gaps or repeats
     * and a consumer can recognise a re-delivered frame in any region ({@code RedeliveryFence}). A savepoint taken
     * before the numbering existed restores an empty counter: numbering restarts at 0 (not fenced across that).
     */
    static final class ToRecord extends org.apache.flink.api.common.functions.RichMapFunction<SymbolFrame, KafkaJsonSink.Numbered>
            implements org.apache.flink.streaming.api.checkpoint.CheckpointedFunction {
        private static final long serialVersionUID = 1L;
        private final io.cryptorun.jobs.replication.WriterFence fence;
        private transient org.apache.flink.api.common.state.ListState<Long> state;
        private transient long next;

        ToRecord(io.cryptorun.jobs.replication.WriterFence fence) {
            this.fence = fence;
        }

        ToRecord() {
            this(null);
        }

        /** A demoted writer stops for good: SuppressRestartsException keeps Flink from restarting it into the same state. */
        private void checkFence() {
            if (fence == null) return;
            try {
                fence.check();
            } catch (io.cryptorun.jobs.replication.WriterFence.Fenced f) {
                throw new org.apache.flink.runtime.execution.SuppressRestartsException(f);
            }
        }

        @Override
        public KafkaJsonSink.Numbered map(SymbolFrame f) {
            return new KafkaJsonSink.Numbered(f.symbol(), f.line().toJson(), next++);
        }

        @Override
        public void snapshotState(org.apache.flink.runtime.state.FunctionSnapshotContext context) throws Exception {
            checkFence(); // before this checkpoint's barrier reaches the sink: its transaction commits only if we pass
            state.update(java.util.List.of(next));
        }

        @Override
        public void initializeState(org.apache.flink.runtime.state.FunctionInitializationContext context) throws Exception {
            checkFence();
            state = context.getOperatorStateStore().getListState(
                    new org.apache.flink.api.common.state.ListStateDescriptor<>("next-seq", org.apache.flink.api.common.typeinfo.Types.LONG));
            next = 0;
            for (Long n : state.get()) next = Math.max(next, n);
        }
    }
}
