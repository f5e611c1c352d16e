package io.cryptorun.sources.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.cryptorun.sources.replay.CollectingReaderOutput;
import io.cryptorun.sources.replay.TestEnumeratorContext;
import io.cryptorun.sources.replay.TestReaderContext;
import io.cryptorun.sources.live.loopback.LoopbackExchange;
import io.cryptorun.sources.model.EventKind;
import io.cryptorun.sources.model.MarketEvent;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Meter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.Test;

/** The FLIP-27 pieces: reader on the loopback exchange, split state, enumerator assignment, metric names. */
class LiveSourceReaderTest {
    @Test
    void readerEmitsEventsWithTimestampsAndCheckpointsOrdinals() throws Exception {
        List<String> frames = LiveHarness.krakenFrames(100);
        try (LoopbackExchange server = new LoopbackExchange(0)) {
            server.onWebSocket("/kraken", s -> {
                s.awaitText(t -> t.contains("\"channel\":\"book\""), 10_000);
                for (String f : frames) s.send(f);
            });
            LiveSourceConfig config = LiveSourceConfig.of(Map.of(Venue.KRAKEN, List.of("BTC/USD")),
                    Map.of(Venue.KRAKEN.urlEnv(), server.wsUrl("/kraken")));
            ExchangeWebSocketSource<MarketEvent> source = ExchangeWebSocketSource.events(config);
            CollectingReaderOutput<MarketEvent> output = CollectingReaderOutput.mainOutputOnly();
            try (SourceReader<MarketEvent, LiveSplit> reader = source.createReader(new TestReaderContext(0))) {
                reader.start();
                reader.addSplits(config.splits());
                long deadline = System.currentTimeMillis() + 30_000; // hung-test guard
                while (reader.snapshotState(1).get(0).nextOrdinal() < frames.size()) {
                    if (System.currentTimeMillis() > deadline) fail("frames not all read");
                    if (reader.pollNext(output) == InputStatus.NOTHING_AVAILABLE) {
                        try {
                            reader.isAvailable().get(100, TimeUnit.MILLISECONDS);
                        } catch (TimeoutException ignored) {
                            // poll again
                        }
                    }
                }
                assertThat(reader.snapshotState(2)).singleElement().satisfies(s -> {
                    assertThat(s.id()).isEqualTo("kraken-0");
                    assertThat(s.symbols()).containsExactly("BTC/USD");
                    assertThat(s.nextOrdinal()).isEqualTo(frames.size());
                });
            }
            assertThat(output.records()).anyMatch(e -> e.kind() == EventKind.BOOK_SNAPSHOT && e.symbol().equals("BTC/USD"));
            for (CollectingReaderOutput.Emitted<MarketEvent> e : output.emitted()) {
                assertThat(e.timestamp()).as("live records carry their event time")
                        .isEqualTo(Math.floorDiv(e.record().eventTimeMicros(), 1000L));
            }
            assertThat(source.getBoundedness()).isEqualTo(org.apache.flink.api.connector.source.Boundedness.CONTINUOUS_UNBOUNDED);
        }
    }

    @Test
    void enumeratorSpreadsShardsOverReadersAndTakesThemBack() {
        LiveSourceConfig config = LiveSourceConfig.of(Map.of(
                Venue.KRAKEN, List.of("BTC/USD", "ETH/USD"), Venue.COINBASE, List.of("BTC/USD"),
                Venue.GEMINI, List.of("BTC/USD")), Map.of());
        TestEnumeratorContext<LiveSplit> ctx = new TestEnumeratorContext<>(2);
        LiveEnumerator e = new LiveEnumerator(ctx, config.splits(), config.splits());
        ctx.register(0);
        e.addReader(0);
        ctx.register(1);
        e.addReader(1);
        assertThat(ctx.assigned(0)).extracting(LiveSplit::id).containsExactly("kraken-0", "gemini-0");
        assertThat(ctx.assigned(1)).extracting(LiveSplit::id).containsExactly("coinbase-0");
        assertThat(e.snapshotState(1)).isEmpty();
        LiveSplit back = ctx.assigned(1).get(0).withNextOrdinal(42);
        ctx.unregister(1);
        e.addSplitsBack(List.of(back), 1);
        assertThat(e.snapshotState(2)).containsExactly(back); // waits for its reader
        ctx.register(1);
        e.addReader(1);
        assertThat(ctx.assigned(1)).last().isEqualTo(back);
    }

    /** Metric identifiers as the registry would see them: group path + name. */
    private static final class Recording extends UnregisteredMetricsGroup {
        final String path;
        final Set<String> names;

        Recording(String path, Set<String> names) {
            this.path = path;
            this.names = names;
        }

        @Override
        public MetricGroup addGroup(String name) {
            return new Recording(path + name + ".", names);
        }

        @Override
        public MetricGroup addGroup(String key, String value) {
            return new Recording(path + key + "=" + value + ".", names);
        }

        @Override
        public <C extends Counter> C counter(String name, C counter) {
            names.add(path + name);
            return counter;
        }

        @Override
        public <T, G extends Gauge<T>> G gauge(String name, G gauge) {
            names.add(path + name);
            return gauge;
        }

        @Override
        public <M extends Meter> M meter(String name, M meter) {
            names.add(path + name);
            return meter;
        }
    }

    @Test
    void metricNamesAreTheDocumentedOnes() throws Exception {
        Set<String> names = new TreeSet<>();
        LiveSourceConfig config = LiveSourceConfig.of(Map.of(Venue.COINBASE, List.of("BTC/USD")),
                Map.of(Venue.COINBASE.urlEnv(), "ws://127.0.0.1:9/unused"));
        try (LiveFeed feed = new LiveFeed(config, new Recording("", names))) {
            feed.add(config.splits().get(0));
            feed.metrics().venue(Venue.COINBASE).frameFor("BTC/USD", 0);
        }
        String v = "live.venue=coinbase.";
        assertThat(names).contains("live.queueDepth", "live.queueCapacity", v + "framesReceived", v + "framesPerSecond",
                v + "bytesReceived", v + "bytesPerSecond", v + "reconnects", v + "resyncs", v + "checksumMismatches",
                v + "sequenceGaps", v + "staleDiffs", v + "invalidBooks", v + "framesQuarantined", v + "queueOverflows",
                v + "framesDropped", v + "stalls", v + "circuitOpened", v + "circuitState", v + "rateLimitTokens",
                v + "symbol=BTC/USD.freshnessMillis");
    }
}
