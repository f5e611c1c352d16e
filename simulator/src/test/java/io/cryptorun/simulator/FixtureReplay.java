package io.cryptorun.simulator;

import io.cryptorun.sources.book.BookOutcome;
import io.cryptorun.sources.book.OrderBook;
import io.cryptorun.sources.fixture.FixtureLine;
import io.cryptorun.sources.fixture.Manifest;
import io.cryptorun.sources.model.EventHeader;
import io.cryptorun.sources.model.MarketEvent;
import io.cryptorun.sources.model.Side;
import io.cryptorun.sources.venue.kraken.KrakenBookIntegrity;
import io.cryptorun.sources.venue.kraken.KrakenV2Parser;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Replays a fixture directory the way the scanner's source and book operator would: every line
 * through {@link FixtureLine#parse}, every frame through {@link KrakenV2Parser}, every book message
 * through {@link KrakenBookIntegrity} on a per-symbol {@link OrderBook} — and records anything a
 * correct Kraken feed must never do.
 */
final class FixtureReplay {
    static final class SymbolStats {
        long snapshots;
        long deltas;
        long trades;
        long lastTradeId = Long.MIN_VALUE;
        long lastExchange = Long.MIN_VALUE;
        /** Samples after every book update; index 0 all, 1 calm (bull or choppy), 2 high volatility. */
        double[][] spreadBps = {new double[1024], new double[1024], new double[1024]};
        double[][] depthUsd = {new double[1024], new double[1024], new double[1024]};
        int[] samples = new int[3];

        void sample(int bucket, double spread, double depth) {
            add(0, spread, depth);
            add(bucket, spread, depth);
        }

        private void add(int i, double spread, double depth) {
            if (samples[i] == spreadBps[i].length) {
                spreadBps[i] = Arrays.copyOf(spreadBps[i], samples[i] * 2);
                depthUsd[i] = Arrays.copyOf(depthUsd[i], samples[i] * 2);
            }
            spreadBps[i][samples[i]] = spread;
            depthUsd[i][samples[i]++] = depth;
        }

        double medianSpreadBps() {
            return median(spreadBps[0], samples[0]);
        }

        double medianDepthUsd() {
            return median(depthUsd[0], samples[0]);
        }

        /** Median spread in calm ({@code highVol} false) or high-volatility hours; NaN without samples. */
        double medianSpreadBps(boolean highVol) {
            return median(spreadBps[highVol ? 2 : 1], samples[highVol ? 2 : 1]);
        }

        double medianDepthUsd(boolean highVol) {
            return median(depthUsd[highVol ? 2 : 1], samples[highVol ? 2 : 1]);
        }

        private static double median(double[] a, int n) {
            if (n == 0) return Double.NaN;
            double[] c = Arrays.copyOf(a, n);
            Arrays.sort(c);
            return c[n / 2];
        }
    }

    static final class Stats {
        long lines;
        long quarantines;
        long checksumFailures;
        long crossed;
        long snapshots;
        long deltas;
        long trades;
        long heartbeats;
        long statuses;
        long subscriptions;
        long instruments;
        long exponentFrames;
        long maxLatencyMicros;
        final List<String> failures = new ArrayList<>();
        final Map<String, SymbolStats> symbols = new TreeMap<>();
        final Map<String, OrderBook> books = new TreeMap<>();
        final Map<String, String> firstFrameByConn = new TreeMap<>();
        com.fasterxml.jackson.databind.JsonNode truth;

        boolean highVolAt(long micros) {
            for (com.fasterxml.jackson.databind.JsonNode r : truth.path("regimes")) {
                if (micros >= r.path("start_ts").asLong() && micros < r.path("end_ts").asLong()) {
                    return "HIGH_VOL".equals(r.path("regime").asText());
                }
            }
            return false;
        }

        void fail(String message) {
            if (failures.size() < 20) failures.add(message);
        }
    }

    private FixtureReplay() {}

    static Stats replay(Path dir) throws IOException {
        Manifest manifest = Manifest.read(dir);
        Stats st = new Stats();
        st.truth = new com.fasterxml.jackson.databind.ObjectMapper().readTree(dir.resolve(GroundTruth.FILE_NAME).toFile());
        for (Manifest.FileEntry f : manifest.filesOfKind(Manifest.KIND_FRAMES)) {
            replayFile(dir.resolve(f.path()), st);
        }
        return st;
    }

    private static void replayFile(Path file, Stats st) throws IOException {
        KrakenV2Parser parser = new KrakenV2Parser();
        KrakenBookIntegrity integrity = new KrakenBookIntegrity();
        long lastTs = Long.MIN_VALUE;
        long ordinal = 0;
        List<MarketEvent> events = new ArrayList<>();
        try (BufferedReader r = Manifest.open(file)) {
            String line;
            while ((line = r.readLine()) != null) {
                st.lines++;
                FixtureLine fl = FixtureLine.parse(line);
                st.firstFrameByConn.putIfAbsent(fl.conn(), fl.frame());
                if (fl.ts() < lastTs) st.fail(file + ": receive time went backwards at line " + st.lines);
                lastTs = fl.ts();
                if (fl.frame().contains("e-0")) st.exponentFrames++;
                events.clear();
                parser.parse(fl.frame(), fl.ts(), fl.conn(), ordinal++, events::add);
                for (MarketEvent e : events) {
                    apply(e, fl, integrity, st);
                }
            }
        }
    }

    private static void apply(MarketEvent e, FixtureLine fl, KrakenBookIntegrity integrity, Stats st) {
        EventHeader h = e.header();
        if (h != null && h.exchangeTimeMicros() != EventHeader.NO_TIME) {
            long latency = fl.ts() - h.exchangeTimeMicros();
            if (latency < 0) st.fail("exchange time after receive time: " + fl.frame());
            st.maxLatencyMicros = Math.max(st.maxLatencyMicros, latency);
        }
        switch (e.kind()) {
            case QUARANTINE -> {
                st.quarantines++;
                st.fail("quarantined (" + e.quarantine().reason() + ", " + e.quarantine().detail() + "): " + fl.frame());
            }
            case INSTRUMENT -> {
                st.instruments++;
                book(st, h.symbol()).setPrecision(e.instrument().pricePrecision(), e.instrument().qtyPrecision());
            }
            case SUBSCRIPTION -> {
                st.subscriptions++;
                if (!e.subscription().success()) st.fail("failed subscription: " + fl.frame());
                if ("book".equals(e.subscription().channel())) book(st, h.symbol()).setDepth(e.subscription().depth());
            }
            case BOOK_SNAPSHOT -> {
                st.snapshots++;
                symbol(st, h.symbol()).snapshots++;
                check(integrity.apply(book(st, h.symbol()), e.snapshot()), fl, st);
            }
            case BOOK_DELTA -> {
                st.deltas++;
                SymbolStats ss = symbol(st, h.symbol());
                ss.deltas++;
                if (h.exchangeTimeMicros() < ss.lastExchange) st.fail("exchange time went backwards: " + fl.frame());
                ss.lastExchange = h.exchangeTimeMicros();
                OrderBook b = book(st, h.symbol());
                check(integrity.apply(b, e.delta()), fl, st);
                sample(b, ss, st.highVolAt(h.exchangeTimeMicros()) ? 2 : 1);
            }
            case TRADE -> {
                st.trades++;
                SymbolStats ss = symbol(st, h.symbol());
                ss.trades++;
                long id = Long.parseLong(e.trade().tradeId());
                if (id <= ss.lastTradeId) st.fail("trade id not increasing: " + fl.frame());
                ss.lastTradeId = id;
                // takers trade at or through the touch of the book they saw
                OrderBook b = book(st, h.symbol());
                long px = e.trade().price().unscaledAt(b.priceScale());
                boolean atTouch = e.trade().side() == Side.BUY ? px >= b.askPrice(0) : px <= b.bidPrice(0);
                if (!atTouch) st.fail("trade inside the spread: " + fl.frame());
            }
            case HEARTBEAT -> st.heartbeats++;
            case STATUS -> st.statuses++;
            default -> st.fail("unexpected event " + e.kind() + ": " + fl.frame());
        }
    }

    private static void check(BookOutcome o, FixtureLine fl, Stats st) {
        if (o == BookOutcome.CHECKSUM_MISMATCH) st.checksumFailures++;
        if (o == BookOutcome.CROSSED) st.crossed++;
        if (o != BookOutcome.APPLIED) st.fail(o + ": " + fl.frame());
    }

    /** Spread and depth ±2 % (SPEC §5) of the book after a message. */
    private static void sample(OrderBook b, SymbolStats ss, int bucket) {
        if (b.bidCount() == 0 || b.askCount() == 0) return;
        double ps = Math.pow(10, b.priceScale());
        double qs = Math.pow(10, b.qtyScale());
        double bid = b.bidPrice(0) / ps;
        double ask = b.askPrice(0) / ps;
        double mid = (bid + ask) / 2;
        double depth = 0;
        for (int i = 0; i < b.bidCount(); i++) {
            double p = b.bidPrice(i) / ps;
            if (p >= mid * 0.98) depth += p * b.bidQty(i) / qs;
        }
        for (int i = 0; i < b.askCount(); i++) {
            double p = b.askPrice(i) / ps;
            if (p <= mid * 1.02) depth += p * b.askQty(i) / qs;
        }
        ss.sample(bucket, (ask - bid) / mid * 10_000, depth);
    }

    private static OrderBook book(Stats st, String symbol) {
        return st.books.computeIfAbsent(symbol, s -> new OrderBook(KrakenV2Parser.VENUE, s));
    }

    private static SymbolStats symbol(Stats st, String symbol) {
        return st.symbols.computeIfAbsent(symbol, s -> new SymbolStats());
    }
}
