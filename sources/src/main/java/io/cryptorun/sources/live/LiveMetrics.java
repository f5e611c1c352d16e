package io.cryptorun.sources.live;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MeterView;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;

/**
 * The live source's metrics, under the reader's metric group: {@code live.venue.<venue>.<name>}
 * and {@code live.venue.<venue>.symbol.<symbol>.freshnessMillis} (venue and symbol are key/value
 * groups, i.e. labels in Prometheus). Names are stable: dashboards and alerts use them
 * (docs/DATA_SOURCES.md lists them). Counters are thread-safe (socket, control and task threads
 * all count).
 */
public final class LiveMetrics {
    /** Per-venue counters and gauges. */
    public static final class VenueMetrics {
        public final Counter framesReceived;
        public final Counter bytesReceived;
        public final Counter reconnects;
        public final Counter resyncs;
        public final Counter checksumMismatches;
        public final Counter sequenceGaps;
        public final Counter staleDiffs;
        public final Counter invalidBooks;
        public final Counter framesQuarantined;
        public final Counter queueOverflows;
        public final Counter framesDropped;
        public final Counter stalls;
        public final Counter circuitOpened;
        /** Frames that may have carried book data but could not be used (unparseable, oversize, bad numbers): each a gap. */
        public final Counter frameGaps;
        /** Book updates before any snapshot (a lost or corrupt snapshot): each a gap. */
        public final Counter snapshotsMissing;
        /** Failed subscribe answers ({@code success:false}): each a gap, retried with backoff. */
        public final Counter subscribeErrors;
        /** Text frames that were not valid UTF-8 (connection closed with 1007). */
        public final Counter invalidUtf8;
        /** Binary frames (no venue sends any): rejected. */
        public final Counter binaryFrames;
        /** Per-symbol resubscribes that produced no valid book within the resubscribe timeout (each a failure towards dark). */
        public final Counter resubscribeTimeouts;
        /** Bitstamp pairs whose live book disagreed with the periodic REST order book (each a gap: reset, resubscribe). */
        public final Counter bitstampRestMismatches;
        /** Periodic Bitstamp REST comparisons made (equal or not). */
        public final Counter bitstampRestChecks;
        /**
         * Symbols reported dark after {@link LiveSourceConfig#darkAfterAttempts()} resubscribes in a row
         * without a valid book (refused subscription, snapshot never usable): no longer subscribed.
         */
        public final AtomicLong darkSymbols = new AtomicLong();
        final AtomicLong circuitState = new AtomicLong();
        volatile TokenBucket bucket;
        private final MetricGroup group;
        private final LongSupplier clockMillis;
        private final Map<String, AtomicLong> lastFrameMillis = new ConcurrentHashMap<>();

        VenueMetrics(MetricGroup g, LongSupplier clockMillis) {
            this.group = g;
            this.clockMillis = clockMillis;
            framesReceived = g.counter("framesReceived", new ThreadSafeSimpleCounter());
            bytesReceived = g.counter("bytesReceived", new ThreadSafeSimpleCounter());
            g.meter("framesPerSecond", new MeterView(framesReceived));
            g.meter("bytesPerSecond", new MeterView(bytesReceived));
            reconnects = g.counter("reconnects", new ThreadSafeSimpleCounter());
            resyncs = g.counter("resyncs", new ThreadSafeSimpleCounter());
            checksumMismatches = g.counter("checksumMismatches", new ThreadSafeSimpleCounter());
            sequenceGaps = g.counter("sequenceGaps", new ThreadSafeSimpleCounter());
            staleDiffs = g.counter("staleDiffs", new ThreadSafeSimpleCounter());
            invalidBooks = g.counter("invalidBooks", new ThreadSafeSimpleCounter());
            framesQuarantined = g.counter("framesQuarantined", new ThreadSafeSimpleCounter());
            queueOverflows = g.counter("queueOverflows", new ThreadSafeSimpleCounter());
            framesDropped = g.counter("framesDropped", new ThreadSafeSimpleCounter());
            stalls = g.counter("stalls", new ThreadSafeSimpleCounter());
            circuitOpened = g.counter("circuitOpened", new ThreadSafeSimpleCounter());
            frameGaps = g.counter("frameGaps", new ThreadSafeSimpleCounter());
            snapshotsMissing = g.counter("snapshotsMissing", new ThreadSafeSimpleCounter());
            subscribeErrors = g.counter("subscribeErrors", new ThreadSafeSimpleCounter());
            invalidUtf8 = g.counter("invalidUtf8", new ThreadSafeSimpleCounter());
            binaryFrames = g.counter("binaryFrames", new ThreadSafeSimpleCounter());
            resubscribeTimeouts = g.counter("resubscribeTimeouts", new ThreadSafeSimpleCounter());
            bitstampRestMismatches = g.counter("bitstampRestMismatches", new ThreadSafeSimpleCounter());
            bitstampRestChecks = g.counter("bitstampRestChecks", new ThreadSafeSimpleCounter());
            g.gauge("circuitState", (Gauge<Long>) circuitState::get);
            g.gauge("darkSymbols", (Gauge<Long>) darkSymbols::get);
            g.gauge("rateLimitTokens", (Gauge<Integer>) () -> bucket == null ? 0 : bucket.available());
        }

        /**
         * Starts the freshness clock of a subscribed symbol at {@code sinceMillis} unless it runs
         * already: a symbol that never gets a valid book shows a growing freshness, not none.
         */
        void track(String symbol, long sinceMillis) {
            if (lastFrameMillis.containsKey(symbol)) return;
            frameFor(symbol, sinceMillis);
        }

        /**
         * A frame about {@code symbol} left its book valid at {@code receiveMillis}: the symbol is
         * fresh. Frames while the book is invalid (after a gap, before the fresh snapshot) do not
         * count, so an invalid book ages like a silent one. Registered on first use.
         */
        void frameFor(String symbol, long receiveMillis) {
            AtomicLong last = lastFrameMillis.get(symbol);
            if (last == null) {
                AtomicLong created = new AtomicLong(receiveMillis);
                last = lastFrameMillis.putIfAbsent(symbol, created);
                if (last == null) {
                    group.addGroup("symbol", symbol).gauge("freshnessMillis",
                            (Gauge<Long>) () -> clockMillis.getAsLong() - created.get());
                    return;
                }
            }
            last.set(receiveMillis);
        }

        /** Milliseconds since the last frame that left {@code symbol}'s book valid (or since it was subscribed), -1 if not tracked. */
        public long freshnessMillis(String symbol) {
            AtomicLong last = lastFrameMillis.get(symbol);
            return last == null ? -1 : clockMillis.getAsLong() - last.get();
        }

        public long circuitState() {
            return circuitState.get();
        }
    }

    private final MetricGroup live;
    /** Watchdog ticks late by more than the idle timeout (a JVM or machine pause): not counted as stalls. */
    public final Counter pauses;
    private final LongSupplier clockMillis;
    private final Map<Venue, VenueMetrics> venues = new EnumMap<>(Venue.class);

    LiveMetrics(MetricGroup readerGroup, LongSupplier clockMillis, FrameQueue<?, ?> queue) {
        this.live = readerGroup.addGroup("live");
        this.clockMillis = clockMillis;
        live.gauge("queueDepth", (Gauge<Integer>) queue::depth);
        live.gauge("queueBytes", (Gauge<Long>) queue::bytes);
        pauses = live.counter("pauses", new ThreadSafeSimpleCounter());
        live.gauge("queueCapacity", (Gauge<Integer>) queue::capacity);
    }

    public synchronized VenueMetrics venue(Venue v) {
        return venues.computeIfAbsent(v, x -> new VenueMetrics(live.addGroup("venue", x.id()), clockMillis));
    }
}
