package io.cryptorun.sources.live;

import static org.assertj.core.api.Assertions.fail;

import io.cryptorun.sources.fixture.FixtureLine;
import io.cryptorun.sources.live.loopback.LoopbackExchange;
import io.cryptorun.sources.model.EventKind;
import io.cryptorun.sources.model.MarketEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPInputStream;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;

/** A loopback exchange plus a {@link LiveFeed} polled by the test thread (standing in for the Flink task thread). */
final class LiveHarness implements AutoCloseable {
    /** Guard against a hung test, not a timing assertion. */
    static final long DEADLINE_MILLIS = 30_000;

    final LoopbackExchange server;
    LiveFeed feed;
    final List<MarketEvent> events = new CopyOnWriteArrayList<>();
    /** Frames as fixture lines (without the resync lines, which are in {@link #resyncLines}). */
    final List<FixtureLine> lines = new CopyOnWriteArrayList<>();
    final List<FixtureLine> resyncLines = new CopyOnWriteArrayList<>();
    private final LiveFeed.Output out = new LiveFeed.Output() {
        @Override
        public void event(MarketEvent e) {
            events.add(e);
        }

        @Override
        public void frame(FixtureLine line, String symbol) {
            (line.conn().endsWith(io.cryptorun.sources.fixture.BookResetLine.CONN_SUFFIX) ? resyncLines : lines).add(line);
        }
    };

    LiveHarness() throws IOException {
        server = new LoopbackExchange(0);
    }

    LiveFeed start(Venue venue, List<String> symbols, UnaryOperator<LiveSourceConfig> tweak) {
        return start(venue, symbols, tweak, LiveFeed::systemMicros);
    }

    /** With {@code clockMicros} as the feed's clock (receive stamps, watchdog, breaker, bucket). */
    LiveFeed start(Venue venue, List<String> symbols, UnaryOperator<LiveSourceConfig> tweak, java.util.function.LongSupplier clockMicros) {
        Map<String, String> env = new HashMap<>();
        env.put(venue.urlEnv(), server.wsUrl("/" + venue.id()));
        env.put(Venue.BITSTAMP_API_BASE_ENV, server.httpBase());
        LiveSourceConfig config = tweak.apply(LiveSourceConfig.of(Map.of(venue, symbols), env)
                .withLimits(10_000, 10_000, 20, 200).withJitterSeed(1));
        feed = new LiveFeed(config, new UnregisteredMetricsGroup(), clockMicros);
        config.splits().forEach(feed::add);
        return feed;
    }

    LiveMetrics.VenueMetrics metrics(Venue v) {
        return feed.metrics().venue(v);
    }

    /** Polls the feed until {@code done} holds. */
    void pollUntil(BooleanSupplier done, String what) throws Exception {
        long deadline = System.currentTimeMillis() + DEADLINE_MILLIS;
        while (!done.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                fail("not reached: " + what + "; events " + summary());
            }
            if (feed.poll(out, 256) == 0) {
                try {
                    feed.available().get(50, TimeUnit.MILLISECONDS);
                } catch (TimeoutException ignored) {
                    // check the condition again (watchdog and reconnect timers run on their own)
                }
            }
        }
    }

    /** Waits (without polling the feed) until {@code done} holds: a downstream that does not keep up. */
    static void awaitWithoutPolling(BooleanSupplier done, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + DEADLINE_MILLIS;
        while (!done.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) fail("not reached: " + what);
            Thread.sleep(10);
        }
    }

    List<MarketEvent> markers(String symbol) {
        return events.stream().filter(e -> (e.kind() == io.cryptorun.sources.model.EventKind.BOOK_RESET) && e.symbol().equals(symbol)).toList();
    }

    long count(EventKind kind, String symbol) {
        return events.stream().filter(e -> e.kind() == kind && symbol.equals(e.symbol())).count();
    }

    /** Index of the last event matching kind+symbol, -1 if none. */
    int lastIndex(EventKind kind, String symbol) {
        for (int i = events.size() - 1; i >= 0; i--) {
            MarketEvent e = events.get(i);
            if (e.kind() == kind && symbol.equals(e.symbol())) return i;
        }
        return -1;
    }

    int lastMarkerIndex(String symbol) {
        for (int i = events.size() - 1; i >= 0; i--) {
            MarketEvent e = events.get(i);
            if ((e.kind() == io.cryptorun.sources.model.EventKind.BOOK_RESET) && e.symbol().equals(symbol)) return i;
        }
        return -1;
    }

    private String summary() {
        Map<String, Integer> n = new HashMap<>();
        for (MarketEvent e : events) {
            String k = (e.kind() == io.cryptorun.sources.model.EventKind.BOOK_RESET) ? "RESYNC(" + e.reset().reason() + ")" : e.kind().name();
            if (e.kind() == EventKind.QUARANTINE) k += "(" + e.quarantine().reason() + ")";
            n.merge(k, 1, Integer::sum);
        }
        return n.toString();
    }

    /** The first {@code n} frames of the bundled Kraken fixture's connection (instrument, acks, snapshots, updates). */
    static List<String> krakenFrames(int n) throws IOException {
        Path p = Path.of("../fixtures/kraken-sim/kraken-0.jsonl.gz");
        if (!Files.exists(p)) p = Path.of("fixtures/kraken-sim/kraken-0.jsonl.gz");
        List<String> frames = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(p)),
                StandardCharsets.UTF_8))) {
            for (String l = r.readLine(); l != null && frames.size() < n; l = r.readLine()) {
                frames.add(FixtureLine.parse(l).frame());
            }
        }
        return frames;
    }

    @Override
    public void close() throws IOException {
        if (feed != null) feed.close();
        server.close();
    }
}
