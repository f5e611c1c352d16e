package io.cryptorun.sources.replay;

import io.cryptorun.sources.fixture.FixtureLine;
import io.cryptorun.sources.replay.split.ReplayFileSplit;
import io.cryptorun.sources.watermark.MarketEventWatermarks;
import static io.cryptorun.sources.replay.ReplayTestSupport.T0;
import static io.cryptorun.sources.replay.ReplayTestSupport.drain;
import static io.cryptorun.sources.replay.ReplayTestSupport.heartbeatLine;
import static io.cryptorun.sources.replay.ReplayTestSupport.tradeLine;
import static io.cryptorun.sources.replay.ReplayTestSupport.write;
import static io.cryptorun.sources.replay.ReplayTestSupport.writeManifest;
import static org.assertj.core.api.Assertions.assertThat;

import io.cryptorun.sources.history.BarHistoryLineDecoder;
import io.cryptorun.sources.history.BarHistorySource;
import io.cryptorun.sources.history.BarHistoryWatermarks;
import io.cryptorun.sources.history.HistoryRecord;
import io.cryptorun.sources.model.EventKind;
import io.cryptorun.sources.model.MarketEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The sources in a real job: MiniCluster, no generic types, parallelism 1 and 2, failover from a checkpoint. */
class FixtureReplayJobTest {
    @RegisterExtension
    static final MiniClusterExtension MINI = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    static Path dir;

    static List<MarketEvent> expected;

    /**
     * Two recorded connections over 20 s, interleaved in time, so a reader that read them one
     * after the other (instead of merging) would deliver them out of receive order.
     */
    @BeforeAll
    static void fixture() throws Exception {
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            long t = T0 + i * 500_000L;
            a.add(i % 5 == 0 ? heartbeatLine(t, "kraken-0") : tradeLine(t, "kraken-0", "BTC/USD", 1000 + i));
            b.add(tradeLine(t + 250_000L, "kraken-1", i % 2 == 0 ? "ETH/USD" : "SOL/USD", 5000 + i));
        }
        a.add(17, "{\"ts\":\"broken\"}");
        b.add(3, new FixtureLine(T0 + 1_600_000L, "coinbase", "cb-0", "{}").toJson());
        Path fa = write(dir.resolve("kraken-0.jsonl"), a);
        Path fb = write(dir.resolve("kraken-1.jsonl.gz"), b);
        writeManifest(dir, List.of(fa, fb), List.of());

        var out = new CollectingReaderOutput<MarketEvent>();
        var src = FixtureSource.of(List.of(dir), 0);
        try (var r = src.createReader(new TestReaderContext(0))) {
            r.addSplits(src.paths().stream().map(p -> new ReplayFileSplit(p, 0)).toList());
            r.notifyNoMoreSplits();
            drain(r, out);
        }
        expected = out.records();
        assertThat(expected).hasSize(82);
        assertThat(expected).filteredOn(e -> e.kind() == EventKind.QUARANTINE).hasSize(2);
    }

    /** {@code pipeline.generic-types: false}: any type that would fall back to Kryo fails the job. */
    static Configuration noGenericTypes() {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        return conf;
    }

    static StreamExecutionEnvironment env(Configuration conf) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        assertThat(env.getConfig().getSerializerConfig().hasGenericTypesDisabled()).isTrue();
        return env;
    }

    static List<MarketEvent> run(int parallelism, double speed, StreamExecutionEnvironment env,
            java.util.function.UnaryOperator<DataStream<MarketEvent>> middle) throws Exception {
        env.setParallelism(parallelism);
        DataStream<MarketEvent> events = env.fromSource(FixtureSource.of(List.of(dir), speed), MarketEventWatermarks.forReplay(), "fixture-replay")
                .process(new NoLateRecords());
        List<MarketEvent> got = new ArrayList<>();
        try (CloseableIterator<MarketEvent> it = middle.apply(events).executeAndCollect("replay-p" + parallelism)) {
            it.forEachRemaining(got::add);
        }
        return got;
    }

    @Test
    void parallelismOneReproducesTheReaderOrderExactly() throws Exception {
        List<MarketEvent> got = run(1, 0, env(noGenericTypes()), s -> s);
        assertThat(got).isEqualTo(expected);
        // one reader merged both files: the job sees one chronological stream
        assertThat(got.stream().map(MarketEvent::receiveTimeMicros).toList()).isSorted();
        assertThat(got.get(0).header().conn()).isEqualTo("kraken-0");
        assertThat(got.get(1).header().conn()).isEqualTo("kraken-1");
    }

    @Test
    void parallelismTwoGivesTheSameRecords() throws Exception {
        List<MarketEvent> got = run(2, 0, env(noGenericTypes()), s -> s);
        assertThat(got).containsExactlyInAnyOrderElementsOf(expected);
        // each connection's frames still arrive in recorded order
        for (String conn : List.of("kraken-0", "kraken-1")) {
            assertThat(got.stream().filter(e -> e.kind() != EventKind.QUARANTINE && e.header().conn().equals(conn))
                    .map(e -> e.header().frameOrdinal()).toList()).isSorted();
        }
    }

    /** A failure after a completed checkpoint: the job resumes from the split positions, no duplicate, no gap. */
    @Test
    void failoverFromACheckpointReplaysEachRecordOnce() throws Exception {
        Configuration conf = noGenericTypes();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(50));
        StreamExecutionEnvironment env = env(conf);
        env.enableCheckpointing(50);
        FailOnceAfterCheckpoint.reset();
        // 20 s of recording at 10x: about 2 s, enough for checkpoints to complete mid-replay
        List<MarketEvent> got = run(2, 10, env, s -> s.map(new FailOnceAfterCheckpoint()).returns(MarketEvent.class));
        assertThat(FailOnceAfterCheckpoint.FAILED.get()).as("the injected failure happened").isTrue();
        assertThat(FailOnceAfterCheckpoint.RECORDS_BEFORE_FAILURE.get()).as("the failure was mid-replay").isBetween(1, expected.size() - 1);
        assertThat(got).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void barHistoryJobAtParallelismTwo() throws Exception {
        String h = BarHistoryLineDecoder.HEADER;
        Path hdir = dir.resolve("history");
        java.nio.file.Files.createDirectories(hdir);
        write(hdir.resolve("btc.csv"), List.of(h, "kraken,BTC/USD,1h,2024-05-01T00:00:00Z,100,110,90,105,10,5,101",
                "kraken,BTC/USD,1h,2024-05-01T01:00:00Z,105,100,90,100,10,5,101",
                "kraken,BTC/USD,1h,2024-05-01T02:00:00Z,100,110,90,105,10,5,101"));
        write(hdir.resolve("eth.csv.gz"), List.of(h, "kraken,ETH/USD,1h,2024-05-01T00:00:00Z,10,11,9,10.5,10,5,10.1"));
        StreamExecutionEnvironment env = env(noGenericTypes());
        env.setParallelism(2);
        List<HistoryRecord> got = new ArrayList<>();
        try (var it = env.fromSource(BarHistorySource.of(List.of(hdir.resolve("btc.csv"), hdir.resolve("eth.csv.gz"))),
                BarHistoryWatermarks.forHistory(), "history").executeAndCollect()) {
            it.forEachRemaining(got::add);
        }
        assertThat(got).hasSize(4);
        assertThat(got).filteredOn(HistoryRecord::isBar).extracting(r -> r.bar().symbol())
                .containsExactlyInAnyOrder("BTC/USD", "BTC/USD", "ETH/USD");
        assertThat(got).filteredOn(r -> !r.isBar()).singleElement().satisfies(r -> assertThat(r.bad().frameOrdinal()).isEqualTo(3));
    }

    /**
     * Fails the job if any record is not ahead of the watermark: event time must never regress
     * behind what the source's watermarks already promised (bad timestamps, a wrong strategy).
     */
    static final class NoLateRecords extends ProcessFunction<MarketEvent, MarketEvent> {
        @Override
        public void processElement(MarketEvent e, Context ctx, Collector<MarketEvent> out) {
            long wm = ctx.timerService().currentWatermark();
            if (ctx.timestamp() <= wm) {
                throw new IllegalStateException("late record: ts " + ctx.timestamp() + " <= watermark " + wm + ": " + e);
            }
            out.collect(e);
        }
    }

    /** Throws once, on the first record after some checkpoint completed (so the restore is from real state). */
    static final class FailOnceAfterCheckpoint extends RichMapFunction<MarketEvent, MarketEvent> implements CheckpointListener {
        static final AtomicBoolean FAILED = new AtomicBoolean();
        static final AtomicBoolean CHECKPOINTED = new AtomicBoolean();
        static final AtomicInteger RECORDS_BEFORE_FAILURE = new AtomicInteger();
        static final AtomicInteger SEEN = new AtomicInteger();

        static void reset() {
            FAILED.set(false);
            CHECKPOINTED.set(false);
            RECORDS_BEFORE_FAILURE.set(0);
            SEEN.set(0);
        }

        @Override
        public MarketEvent map(MarketEvent e) {
            int seen = SEEN.incrementAndGet();
            if (CHECKPOINTED.get() && seen > 10 && FAILED.compareAndSet(false, true)) {
                RECORDS_BEFORE_FAILURE.set(seen);
                throw new IllegalStateException("injected failure after " + seen + " records");
            }
            return e;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            CHECKPOINTED.set(true);
        }
    }
}
