package io.cryptorun.jobs.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.cryptorun.functions.book.OrderBookFunction;
import io.cryptorun.functions.micro.Microstructure;
import io.cryptorun.sources.fixture.FixtureLine;
import io.cryptorun.sources.live.ExchangeWebSocketSource;
import io.cryptorun.sources.live.LiveFeed;
import io.cryptorun.sources.live.LiveSourceConfig;
import io.cryptorun.sources.live.loopback.LoopbackExchange;
import io.cryptorun.sources.model.EventKind;
import io.cryptorun.sources.model.MarketEvent;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import java.util.function.BooleanSupplier;
import java.util.zip.GZIPInputStream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.jobgraph.SavepointConfigOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live source in a real job: run against the loopback exchange, stop with a savepoint, restore
 * from it. The restored job must not continue the saved books: its source sends a resync marker
 * before anything else, the keyed book operator drops its restored (valid) book, and the book is
 * rebuilt from the fresh snapshot of a new connection. Frame ordinals continue from the savepoint.
 */
class LiveSourceRestoreTest {
    @RegisterExtension
    static final MiniClusterExtension MINI = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(1).build());

    /** Records what the source emitted (one job at a time; static because functions are serialized). */
    static final ConcurrentLinkedQueue<MarketEvent> SEEN = new ConcurrentLinkedQueue<>();

    @TempDir
    Path dir;

    @Test
    void restoredSourceRebuildsBooksFromFreshSnapshots() throws Exception {
        List<String> frames = krakenFrames(300);
        try (LoopbackExchange server = new LoopbackExchange(0)) {
            LoopbackKraken.serve(server, frames, 120_000);
            LiveSourceConfig config = LoopbackKraken.config(server, "BTC/USD");

            // first run: book built, then stop with a savepoint
            SEEN.clear();
            JobClient first = job(config, null).executeAsync("live-1");
            try {
                await(() -> SEEN.stream().filter(e -> e.kind() == EventKind.BOOK_DELTA && e.symbol().equals("BTC/USD")).count() >= 20,
                        "first run deltas");
            } catch (AssertionError e) {
                first.cancel().get();
                throw e;
            }
            String savepoint = stopWithSavepoint(first, dir.resolve("sp"));
            JobExecutionResult r1 = first.getJobExecutionResult().get();
            assertThat(r1.<Long>getAccumulatorResult(OrderBookFunction.ACC_CHECKSUM_MISMATCH)).isZero();
            long lastOrdinal = SEEN.stream().filter(e -> !(e.kind() == io.cryptorun.sources.model.EventKind.BOOK_RESET))
                    .mapToLong(e -> e.header().frameOrdinal()).max().orElseThrow();

            // second run from the savepoint
            SEEN.clear();
            JobClient second = job(config, savepoint).executeAsync("live-2");
            await(() -> SEEN.stream().anyMatch(e -> e.kind() == EventKind.BOOK_SNAPSHOT && e.symbol().equals("BTC/USD")),
                    "fresh snapshot after restore");
            stopWithSavepoint(second, dir.resolve("sp2"));
            JobExecutionResult r2 = second.getJobExecutionResult().get();

            assertThat(server.requests("/kraken")).isEqualTo(2); // a new connection, new subscriptions
            List<MarketEvent> btc = SEEN.stream().filter(e -> e.symbol().equals("BTC/USD") && e.isBookInput()).toList();
            assertThat(btc.get(0)).satisfies(e -> {
                assertThat((e.kind() == io.cryptorun.sources.model.EventKind.BOOK_RESET)).isTrue();
                assertThat(e.reset().reason()).isEqualTo("restored");
            });
            assertThat(btc).filteredOn(e -> e.kind() == EventKind.BOOK_SNAPSHOT || e.kind() == EventKind.BOOK_DELTA)
                    .first().extracting(MarketEvent::kind).isEqualTo(EventKind.BOOK_SNAPSHOT);
            // the restored, valid book was dropped by the marker, then rebuilt by the snapshot
            assertThat(r2.<Long>getAccumulatorResult(OrderBookFunction.ACC_BOOKS_INVALIDATED)).isEqualTo(1L);
            assertThat(r2.<Long>getAccumulatorResult(OrderBookFunction.ACC_BOOK_SNAPSHOTS)).isGreaterThanOrEqualTo(1L);
            assertThat(r2.<Long>getAccumulatorResult(OrderBookFunction.ACC_CHECKSUM_MISMATCH)).isZero();
            assertThat(r2.<Long>getAccumulatorResult(OrderBookFunction.ACC_BOOK_QUARANTINED)).isZero();
            // provenance continues: the first frame after the restore has the checkpointed ordinal
            long firstOrdinal = SEEN.stream().filter(e -> !(e.kind() == io.cryptorun.sources.model.EventKind.BOOK_RESET))
                    .mapToLong(e -> e.header().frameOrdinal()).min().orElseThrow();
            assertThat(firstOrdinal).isEqualTo(lastOrdinal + 1);
        }
    }

    /** Fails the job once, after a checkpoint completed and the book was built; static: functions are serialized. */
    static final AtomicBoolean CHECKPOINTED = new AtomicBoolean();
    static final AtomicBoolean FAILED = new AtomicBoolean();

    static final class FailOnceAfterCheckpoint implements MapFunction<MarketEvent, MarketEvent>, CheckpointListener,
            CheckpointedFunction {
        /** Checkpoints whose barrier passed here after the book snapshot: the source state in them includes it. */
        private final java.util.Set<Long> withBook = java.util.concurrent.ConcurrentHashMap.newKeySet();

        @Override
        public MarketEvent map(MarketEvent e) {
            if (CHECKPOINTED.get() && e.kind() == EventKind.BOOK_DELTA && FAILED.compareAndSet(false, true)) {
                throw new IllegalStateException("injected failure after a checkpoint");
            }
            return e;
        }

        @Override
        public void snapshotState(FunctionSnapshotContext ctx) {
            if (SEEN.stream().anyMatch(x -> x.kind() == EventKind.BOOK_SNAPSHOT)) withBook.add(ctx.getCheckpointId());
        }

        @Override
        public void initializeState(FunctionInitializationContext ctx) {}

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            if (withBook.contains(checkpointId)) CHECKPOINTED.set(true);
        }
    }

    @Test
    void failoverFromACheckpointRebuildsBooksFromFreshSnapshots() throws Exception {
        List<String> frames = krakenFrames(300);
        try (LoopbackExchange server = new LoopbackExchange(0)) {
            server.onWebSocket(LoopbackKraken.PATH, s -> {
                s.awaitText(t -> t.contains("\"channel\":\"book\""), 10_000);
                for (int i = 0; i < frames.size(); i++) {
                    if (s.index() == 0 && i == frames.size() / 2) {
                        // hold the rest back until a checkpoint has the built book: the failure comes after it
                        long until = System.currentTimeMillis() + 60_000;
                        while (!CHECKPOINTED.get() && System.currentTimeMillis() < until) Thread.sleep(20);
                    }
                    s.send(frames.get(i));
                }
                s.holdUntilClientCloses(120_000);
            });
            LiveSourceConfig config = LoopbackKraken.config(server, "BTC/USD");
            SEEN.clear();
            CHECKPOINTED.set(false);
            FAILED.set(false);
            Configuration conf = new Configuration();
            conf.set(PipelineOptions.GENERIC_TYPES, false);
            conf.setString("restart-strategy.type", "fixed-delay");
            conf.setString("restart-strategy.fixed-delay.attempts", "3");
            conf.setString("restart-strategy.fixed-delay.delay", "100 ms");
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
            env.setParallelism(1);
            env.enableCheckpointing(200);
            env.fromSource(ExchangeWebSocketSource.events(config), WatermarkStrategy.noWatermarks(), "live").uid("live-source")
                    .map(e -> {
                        SEEN.add(e);
                        return e;
                    }).returns(MarketEvent.class).uid("record")
                    .map(new FailOnceAfterCheckpoint()).uid("fail-once")
                    .filter(MarketEvent::isBookInput).uid("book-inputs")
                    .keyBy(OrderBookFunction.KEY_SELECTOR)
                    .process(new OrderBookFunction()).uid("book").returns(Microstructure.class)
                    .sinkTo(new DiscardingSink<>()).uid("discard");
            JobClient job = env.executeAsync("live-failover");
            try {
                await(() -> FAILED.get() && snapshotAfterRestore(List.copyOf(SEEN)), () -> "failover and new snapshot: failed "
                        + FAILED.get() + ", checkpointed " + CHECKPOINTED.get() + ", connections " + server.requests("/kraken")
                        + ", markers " + SEEN.stream().filter(e -> e.kind() == io.cryptorun.sources.model.EventKind.BOOK_RESET).map(e -> e.reset().reason()).toList()
                        + ", events " + SEEN.size());
            } finally {
                job.cancel().get(); // free the slot whatever happened
            }

            List<MarketEvent> all = List.copyOf(SEEN);
            int restored = -1;
            for (int i = 0; i < all.size(); i++) {
                if ((all.get(i).kind() == io.cryptorun.sources.model.EventKind.BOOK_RESET) && all.get(i).reset().reason().equals("restored")) restored = i;
            }
            // after the restore: the marker, then the new connection's snapshot before any delta
            List<MarketEvent> after = all.subList(restored, all.size()).stream().filter(e -> e.symbol().equals("BTC/USD"))
                    .filter(e -> e.kind() == EventKind.BOOK_SNAPSHOT || e.kind() == EventKind.BOOK_DELTA).toList();
            assertThat(after).first().extracting(MarketEvent::kind).isEqualTo(EventKind.BOOK_SNAPSHOT);
            assertThat(server.requests("/kraken")).isEqualTo(2);
        }
    }

    /**
     * Stop with a savepoint; retried while the job's downstream tasks are still being deployed
     * (records can reach the first task before the last one runs, and a savepoint needs all).
     */
    private static String stopWithSavepoint(JobClient job, Path dir) throws Exception {
        for (int attempt = 0; ; attempt++) {
            try {
                return job.stopWithSavepoint(false, dir.toUri().toString(), SavepointFormatType.CANONICAL).get();
            } catch (java.util.concurrent.ExecutionException e) {
                if (attempt >= 50 || !String.valueOf(e.getMessage()).contains("Not all required tasks are currently running")) throw e;
                Thread.sleep(100);
            }
        }
    }

    /** A "restored" marker for BTC/USD followed by a BTC/USD snapshot. */
    private static boolean snapshotAfterRestore(List<MarketEvent> all) {
        boolean restored = false;
        for (MarketEvent e : all) {
            if ((e.kind() == io.cryptorun.sources.model.EventKind.BOOK_RESET) && e.reset().reason().equals("restored")) restored = true;
            if (restored && e.kind() == EventKind.BOOK_SNAPSHOT && e.symbol().equals("BTC/USD")) return true;
        }
        return false;
    }

    private static StreamExecutionEnvironment job(LiveSourceConfig config, String savepoint) {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        if (savepoint != null) conf.set(SavepointConfigOptions.SAVEPOINT_PATH, savepoint);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(1);
        env.enableCheckpointing(500);
        DataStream<MarketEvent> events = env.fromSource(ExchangeWebSocketSource.events(config), WatermarkStrategy.noWatermarks(),
                "live").uid("live-source");
        events.map(e -> {
            SEEN.add(e);
            return e;
        }).returns(MarketEvent.class).uid("record")
                .filter(MarketEvent::isBookInput).uid("book-inputs")
                .keyBy(OrderBookFunction.KEY_SELECTOR)
                .process(new OrderBookFunction()).uid("book").returns(Microstructure.class)
                .sinkTo(new DiscardingSink<>()).uid("discard");
        return env;
    }

    private static void await(BooleanSupplier done, String what) throws InterruptedException {
        await(done, () -> what);
    }

    private static void await(BooleanSupplier done, java.util.function.Supplier<String> what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000; // a hung-test guard, not a timing assertion
        while (!done.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) fail("not reached: " + what.get());
            Thread.sleep(20);
        }
    }

    static List<String> krakenFrames(int n) throws Exception {
        return krakenLines(n).stream().map(FixtureLine::frame).toList();
    }

    /** The first {@code n} lines of the bundled Kraken fixture. */
    static List<FixtureLine> krakenLines(int n) throws Exception {
        Path p = Path.of("../fixtures/kraken-sim/kraken-0.jsonl.gz");
        List<FixtureLine> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(p)),
                StandardCharsets.UTF_8))) {
            for (String l = r.readLine(); l != null && lines.size() < n; l = r.readLine()) lines.add(FixtureLine.parse(l));
        }
        return lines;
    }
}
