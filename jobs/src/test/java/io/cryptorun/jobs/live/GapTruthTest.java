package io.cryptorun.jobs.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.cryptorun.functions.book.OrderBookFunction;
import io.cryptorun.functions.micro.Microstructure;
import io.cryptorun.sources.book.VenueBookRules;
import io.cryptorun.sources.watermark.ExchangeClockWatermarks;
import io.cryptorun.sources.fixture.FixtureLine;
import io.cryptorun.sources.watermark.MarketEventWatermarks;
import io.cryptorun.sources.live.LiveFeed;
import io.cryptorun.sources.live.LiveSourceConfig;
import io.cryptorun.sources.live.Venue;
import io.cryptorun.sources.live.loopback.LoopbackExchange;
import io.cryptorun.sources.live.loopback.LoopbackExchange.Session;
import io.cryptorun.sources.model.EventKind;
import io.cryptorun.sources.model.MarketEvent;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.zip.CRC32;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 10's truth-checked fault suite for Kraken: a loopback Kraken v2 server that keeps the
 * venue's true books (a plain {@link TreeMap} per side, its own CRC32 checksum, independent of the
 * product's book code), logs every change with its exchange time whether or not the client gets
 * it, and injects one fault per test on the first connection. The live feed's records go through
 * the real {@link OrderBookFunction} with the production watermark generator; then every
 * microstructure record must equal the true book at its second (best bid/ask, depth ±2 %), and no
 * record of a symbol may fall inside one of its gaps (from the exchange time of the first change the
 * client missed or could not use, up to the next snapshot it applied).
 */
class GapTruthTest {
    static final long T0 = 1_736_121_600_000_000L; // 2025-01-06T00:00:00Z
    static final List<String> SYMBOLS = List.of("BTC/USD", "ETH/USD");
    static final int UPDATES = 160; // per connection, alternating symbols, 100 ms apart
    static final int FAULT_AT = 60;
    static final long STEP = 100_000;
    static final long DEADLINE_MILLIS = 30_000;

    enum Fault { QUEUE_OVERFLOW, CLOCK_SKEW, RECONNECT, CORRUPT_FRAME, OVERSIZE_FRAME, CHECKSUM, LOST_SNAPSHOT, SUBSCRIBE_ERROR }

    /** The venue: true books, exchange clock, change log. */
    static final class Venue0 {
        final Map<String, TreeMap<BigDecimal, BigDecimal>> bids = new HashMap<>();
        final Map<String, TreeMap<BigDecimal, BigDecimal>> asks = new HashMap<>();
        /** Every change with its exchange time: (time, symbol, bid?, price, qty; qty 0 deletes). */
        final List<Object[]> log = new CopyOnWriteArrayList<>();
        final Random rnd = new Random(7);
        final AtomicLong exchangeMicros = new AtomicLong(T0 + 50_000);
        final Dialect dialect;

        Venue0(Dialect dialect) {
            this.dialect = dialect;
            for (String s : SYMBOLS) {
                TreeMap<BigDecimal, BigDecimal> b = new TreeMap<>(Comparator.reverseOrder());
                TreeMap<BigDecimal, BigDecimal> a = new TreeMap<>();
                BigDecimal mid = s.startsWith("BTC") ? new BigDecimal("50000.0") : new BigDecimal("3000.00");
                int pp = pp(s);
                for (int i = 1; i <= 10; i++) {
                    b.put(mid.subtract(BigDecimal.valueOf(i)).setScale(pp), qty());
                    a.put(mid.add(BigDecimal.valueOf(i)).setScale(pp), qty());
                }
                bids.put(s, b);
                asks.put(s, a);
            }
        }

        static int pp(String s) {
            return s.startsWith("BTC") ? 1 : 2;
        }

        BigDecimal qty() {
            return BigDecimal.valueOf(1 + rnd.nextInt(500_000_000), 8);
        }

        /** One change of {@code s}'s book at the next exchange time; returns the update frame (correct checksum). */
        String update(String s) {
            long t = exchangeMicros.addAndGet(STEP);
            boolean bid = rnd.nextBoolean();
            TreeMap<BigDecimal, BigDecimal> side = (bid ? bids : asks).get(s);
            List<BigDecimal> prices = new ArrayList<>(side.keySet());
            List<String[]> changes = new ArrayList<>();
            if (rnd.nextInt(4) == 0) { // move a level: delete one, add one between two others (10 levels stay)
                BigDecimal gone = prices.get(1 + rnd.nextInt(9));
                BigDecimal lo = prices.get(0);
                BigDecimal hi = prices.get(1);
                BigDecimal added = lo.add(hi).divide(BigDecimal.valueOf(2), pp(s), RoundingMode.DOWN);
                if (!side.containsKey(added) && !added.equals(gone)) {
                    side.remove(gone);
                    changes.add(new String[] {gone.toPlainString(), "0"});
                    log.add(new Object[] {t, s, bid, gone, BigDecimal.ZERO});
                    BigDecimal q = qty();
                    side.put(added, q);
                    changes.add(new String[] {added.toPlainString(), q.toPlainString()});
                    log.add(new Object[] {t, s, bid, added, q});
                }
            }
            if (changes.isEmpty()) {
                BigDecimal p = prices.get(rnd.nextInt(10));
                BigDecimal q = qty();
                side.put(p, q);
                changes.add(new String[] {p.toPlainString(), q.toPlainString()});
                log.add(new Object[] {t, s, bid, p, q});
            }
            return dialect.update(this, s, bid, changes, t);
        }

        synchronized String snapshot(String s) {
            return dialect.snapshot(this, s, levels(bids.get(s)), levels(asks.get(s)));
        }

        static List<String[]> levels(TreeMap<BigDecimal, BigDecimal> side) {
            return side.entrySet().stream().map(e -> new String[] {e.getKey().toPlainString(), e.getValue().toPlainString()}).toList();
        }

        static void levels(StringBuilder sb, List<String[]> ls) {
            for (int i = 0; i < ls.size(); i++) {
                if (i > 0) sb.append(',');
                sb.append("{\"price\":").append(ls.get(i)[0]).append(",\"qty\":").append(ls.get(i)[1]).append('}');
            }
        }

        /** Kraken's book checksum, written from the guide: top 10 asks low→high then bids high→low. */
        long checksum(String s) {
            StringBuilder sb = new StringBuilder();
            int n = 0;
            for (var e : asks.get(s).entrySet()) {
                if (n++ == 10) break;
                sb.append(digits(e.getKey().setScale(pp(s)))).append(digits(e.getValue().setScale(8)));
            }
            n = 0;
            for (var e : bids.get(s).entrySet()) {
                if (n++ == 10) break;
                sb.append(digits(e.getKey().setScale(pp(s)))).append(digits(e.getValue().setScale(8)));
            }
            CRC32 crc = new CRC32();
            crc.update(sb.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return crc.getValue();
        }

        static String digits(BigDecimal v) {
            String d = v.toPlainString().replace(".", "").replaceFirst("^0+", "");
            return d.isEmpty() ? "0" : d;
        }

        /** The true book of {@code s} after every change before {@code t} (the snapshot the venue would send then). */
        Truth at(String s, long t) {
            TreeMap<BigDecimal, BigDecimal> b = new TreeMap<>(Comparator.reverseOrder());
            TreeMap<BigDecimal, BigDecimal> a = new TreeMap<>();
            initial.get(s)[0].forEach(b::put);
            initial.get(s)[1].forEach(a::put);
            for (Object[] c : log) {
                if ((long) c[0] >= t) break;
                if (!c[1].equals(s)) continue;
                TreeMap<BigDecimal, BigDecimal> side = (boolean) c[2] ? b : a;
                if (((BigDecimal) c[4]).signum() == 0) side.remove(c[3]);
                else side.put((BigDecimal) c[3], (BigDecimal) c[4]);
            }
            return new Truth(b, a);
        }

        final Map<String, NavigableMap<BigDecimal, BigDecimal>[]> initial = new HashMap<>();

        @SuppressWarnings("unchecked")
        void freezeInitial() {
            for (String s : SYMBOLS) {
                initial.put(s, new NavigableMap[] {new TreeMap<>(bids.get(s)), new TreeMap<>(asks.get(s))});
            }
        }
    }

    record Truth(TreeMap<BigDecimal, BigDecimal> bids, TreeMap<BigDecimal, BigDecimal> asks) {
        BigDecimal bid() {
            return bids.firstKey();
        }

        BigDecimal ask() {
            return asks.firstKey();
        }

        /** Σ price × qty within ±2 % of mid (SPEC §5), as the record shows it: exact, floored beyond 8 decimals. */
        BigDecimal depth() {
            BigDecimal mid = bid().add(ask()).divide(BigDecimal.valueOf(2));
            BigDecimal lo = mid.multiply(new BigDecimal("0.98"));
            BigDecimal hi = mid.multiply(new BigDecimal("1.02"));
            BigDecimal sum = BigDecimal.ZERO;
            for (var e : bids.entrySet()) if (e.getKey().compareTo(lo) >= 0) sum = sum.add(e.getKey().multiply(e.getValue()));
            for (var e : asks.entrySet()) if (e.getKey().compareTo(hi) <= 0) sum = sum.add(e.getKey().multiply(e.getValue()));
            return sum.scale() > 8 ? sum.setScale(8, RoundingMode.FLOOR) : sum;
        }
    }

    private LoopbackExchange server;
    private LiveFeed feed;
    private Venue0 venue;
    private long heartbeatSequence; // guarded by venue
    private final List<MarketEvent> events = new CopyOnWriteArrayList<>();
    private final List<Long> eventNanos = new CopyOnWriteArrayList<>();
    private final List<FixtureLine> lines = new CopyOnWriteArrayList<>();
    /** Per session: the change times the client was sent nothing usable for, by symbol (first one). */
    private final Map<String, Long> firstMissed = new HashMap<>();
    private final AtomicBoolean firstSessionDone = new AtomicBoolean();
    /** Every update the venue made, with the connection it was meant for: (session, symbol, time, frame). */
    private final List<Object[]> intended = new CopyOnWriteArrayList<>();
    private final AtomicBoolean lastSessionDone = new AtomicBoolean();

    @BeforeEach
    void setUp() throws Exception {
        server = new LoopbackExchange(0);
    }

    /** How one venue's feed says things (frames rendered from the venue's true books). */
    abstract static class Dialect {
        private final Venue venue;
        private final String subscribeToken;

        /** @param subscribeToken text that marks the client's book subscription */
        Dialect(Venue venue, String subscribeToken) {
            this.venue = venue;
            this.subscribeToken = subscribeToken;
        }

        Venue venue() {
            return venue;
        }

        boolean isBookSubscribe(String clientText) {
            return clientText.contains(subscribeToken);
        }

        /** What the venue sends on a new connection before the snapshots; {@code refused} is answered with a subscribe error. */
        abstract List<String> preamble(List<String> symbols, String refused);

        abstract String snapshot(Venue0 v, String symbol, List<String[]> bids, List<String[]> asks);

        abstract String update(Venue0 v, String symbol, boolean bid, List<String[]> changes, long exchangeMicros);

        /** A heartbeat about {@code symbol} (Kraken's is connection-level and receive-stamped). */
        abstract String heartbeat(String symbol, long sequence, long exchangeMicros);
    }

    static final Dialect KRAKEN = new Dialect(Venue.KRAKEN, "\"channel\":\"book\"") {
        @Override
        List<String> preamble(List<String> symbols, String refused) {
            List<String> out = new ArrayList<>();
            out.add(instrument());
            for (String sym : symbols) {
                out.add(sym.equals(refused) ? "{\"method\":\"subscribe\",\"error\":\"Currency pair not supported " + sym
                        + "\",\"success\":false}" : ack(sym));
            }
            return out;
        }

        @Override
        String snapshot(Venue0 v, String s, List<String[]> bids, List<String[]> asks) {
            StringBuilder sb = new StringBuilder("{\"channel\":\"book\",\"type\":\"snapshot\",\"data\":[{\"symbol\":\"").append(s)
                    .append("\",\"bids\":[");
            Venue0.levels(sb, bids);
            sb.append("],\"asks\":[");
            Venue0.levels(sb, asks);
            return sb.append("],\"checksum\":").append(v.checksum(s)).append("}]}").toString();
        }

        @Override
        String update(Venue0 v, String s, boolean bid, List<String[]> changes, long t) {
            StringBuilder sb = new StringBuilder("{\"channel\":\"book\",\"type\":\"update\",\"data\":[{\"symbol\":\"").append(s)
                    .append("\",\"bids\":[");
            Venue0.levels(sb, bid ? changes : List.of());
            sb.append("],\"asks\":[");
            Venue0.levels(sb, bid ? List.of() : changes);
            return sb.append("],\"checksum\":").append(v.checksum(s)).append(",\"timestamp\":\"")
                    .append(Instant.ofEpochSecond(0, t * 1000)).append("\"}]}").toString();
        }

        @Override
        String heartbeat(String symbol, long sequence, long t) {
            return "{\"channel\":\"heartbeat\"}";
        }
    };

    /** Coinbase Exchange {@code level2_batch}: no checksum, no sequence on updates (the venue's weakest gap signal). */
    static final Dialect COINBASE = new Dialect(Venue.COINBASE, "level2_batch") {
        @Override
        List<String> preamble(List<String> symbols, String refused) {
            if (refused != null) {
                return List.of("{\"type\":\"error\",\"message\":\"Failed to subscribe\",\"reason\":\"" + refused.replace('/', '-')
                        + " is delisted\"}");
            }
            StringBuilder ids = new StringBuilder();
            for (String sym : symbols) ids.append(ids.length() == 0 ? "" : ",").append('"').append(sym.replace('/', '-')).append('"');
            return List.of("{\"type\":\"subscriptions\",\"channels\":[{\"name\":\"level2_batch\",\"product_ids\":[" + ids + "]}]}");
        }

        @Override
        String snapshot(Venue0 v, String s, List<String[]> bids, List<String[]> asks) {
            return "{\"type\":\"snapshot\",\"product_id\":\"" + s.replace('/', '-') + "\",\"bids\":" + pairs(bids, null)
                    + ",\"asks\":" + pairs(asks, null) + "}";
        }

        @Override
        String update(Venue0 v, String s, boolean bid, List<String[]> changes, long t) {
            return "{\"type\":\"l2update\",\"product_id\":\"" + s.replace('/', '-') + "\",\"changes\":"
                    + pairs(changes, bid ? "buy" : "sell") + ",\"time\":\"" + Instant.ofEpochSecond(0, t * 1000) + "\"}";
        }

        @Override
        String heartbeat(String symbol, long sequence, long t) {
            return "{\"type\":\"heartbeat\",\"sequence\":" + sequence + ",\"product_id\":\"" + symbol.replace('/', '-')
                    + "\",\"time\":\"" + Instant.ofEpochSecond(0, t * 1000) + "\"}";
        }

        private String pairs(List<String[]> ls, String side) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < ls.size(); i++) {
                if (i > 0) sb.append(',');
                sb.append('[');
                if (side != null) sb.append('"').append(side).append("\",");
                sb.append('"').append(ls.get(i)[0]).append("\",\"").append(ls.get(i)[1]).append("\"]");
            }
            return sb.append(']').toString();
        }
    };

    @AfterEach
    void tearDown() throws Exception {
        if (feed != null) feed.close();
        server.close();
    }

    private static String instrument() {
        return "{\"channel\":\"instrument\",\"type\":\"snapshot\",\"data\":{\"assets\":[],\"pairs\":["
                + "{\"symbol\":\"BTC/USD\",\"base\":\"BTC\",\"quote\":\"USD\",\"status\":\"online\",\"price_precision\":1,\"qty_precision\":8},"
                + "{\"symbol\":\"ETH/USD\",\"base\":\"ETH\",\"quote\":\"USD\",\"status\":\"online\",\"price_precision\":2,\"qty_precision\":8}]}}";
    }

    private static String ack(String s) {
        return "{\"method\":\"subscribe\",\"result\":{\"channel\":\"book\",\"depth\":10,\"snapshot\":true,\"symbol\":\"" + s
                + "\"},\"success\":true}";
    }

    private synchronized void missed(String symbol, long t) {
        firstMissed.putIfAbsent(symbol, t);
    }

    /** One connection: instrument, acks, snapshots, then updates (with the fault on the first connection). */
    private void script(Session s, Fault fault) throws Exception {
        s.awaitText(venue.dialect::isBookSubscribe, DEADLINE_MILLIS);
        boolean faulty = s.index() == 0;
        if (!faulty) lastSessionDone.set(false);
        for (String m : venue.dialect.preamble(SYMBOLS, faulty && fault == Fault.SUBSCRIBE_ERROR ? "ETH/USD" : null)) s.send(m);
        for (String sym : SYMBOLS) {
            synchronized (venue) {
                if (faulty && (fault == Fault.LOST_SNAPSHOT || fault == Fault.SUBSCRIBE_ERROR) && sym.equals("ETH/USD")) {
                    missed(sym, venue.exchangeMicros.get());
                    continue;
                }
                s.send(venue.snapshot(sym));
            }
        }
        boolean quietAfter = faulty && (fault == Fault.CORRUPT_FRAME || fault == Fault.OVERSIZE_FRAME);
        for (int i = 0; i < UPDATES; i++) {
            String sym = SYMBOLS.get(i % 2);
            if (quietAfter && i > FAULT_AT && i <= FAULT_AT + 80) {
                // a detectable loss, then 8 s without news of that book while the other one moves the
                // watermark: only the gap rule keeps the stale book from being emitted (no checksum comes)
                sym = SYMBOLS.get(1 - FAULT_AT % 2);
            }
            String frame;
            long t;
            // generate and send under one lock: a change of the venue's book is never made while
            // another connection could miss it
            synchronized (venue) {
                if (faulty && server.requests("/" + venue.dialect.venue().id()) > 1) return; // the client moved on
                frame = venue.update(sym);
                t = venue.exchangeMicros.get();
                intended.add(new Object[] {s.index(), sym, t, frame});
                if (faulty && i == FAULT_AT) {
                    venue.exchangeMicros.addAndGet(1_500_000); // the gap spans a second boundary whatever the fault
                }
                if (i % 10 == 9) s.send(venue.dialect.heartbeat(sym, ++heartbeatSequence, t));
                if (!sendUpdate(s, fault, faulty, i, sym, frame, t)) return;
            }
        }
        if (faulty) {
            firstSessionDone.set(true);
            s.holdUntilClientCloses(DEADLINE_MILLIS);
        } else {
            lastSessionDone.set(true);
            s.holdUntilClientCloses(DEADLINE_MILLIS);
        }
    }

    /** Sends update {@code i} (or its fault); false when the connection is over. */
    private boolean sendUpdate(Session s, Fault fault, boolean faulty, int i, String sym, String frame, long t) throws Exception {
        {
            if (faulty && i == FAULT_AT) {
                switch (fault) {
                    case RECONNECT, CLOCK_SKEW -> {
                        s.close(1001, "going away"); // this change is never sent
                        firstSessionDone.set(true);
                        return false;
                    }
                    case CORRUPT_FRAME -> {
                        s.send(frame.substring(0, frame.length() / 2));
                        return true;
                    }
                    case OVERSIZE_FRAME -> {
                        s.send("{\"pad\":\"" + "x".repeat(5000) + "\"," + frame.substring(1));
                        return true;
                    }
                    case CHECKSUM -> {
                        return true; // never sent: the next update of the symbol fails its checksum
                    }
                    default -> { }
                }
            }
            if (faulty && fault == Fault.SUBSCRIBE_ERROR && sym.equals("ETH/USD")) return true;
            s.send(frame);
            return true;
        }
    }

    private void pollUntil(BooleanSupplier done, String what) throws Exception {
        LiveFeed.Output out = new LiveFeed.Output() {
            @Override
            public void event(MarketEvent e) {
                events.add(e);
                eventNanos.add(System.nanoTime());
            }

            @Override
            public void frame(FixtureLine line, String symbol) {
                lines.add(line);
            }
        };
        long deadline = System.currentTimeMillis() + DEADLINE_MILLIS;
        while (!done.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) fail("not reached: " + what + " after " + events.size() + " events");
            if (feed.poll(out, 256) == 0) {
                try {
                    feed.available().get(20, TimeUnit.MILLISECONDS);
                } catch (TimeoutException ignored) {
                    // timers run on their own
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void kraken(Fault fault) throws Exception {
        everyMicrostructureRecordEqualsTheTrueBookAndNoneFallsInAGap(KRAKEN, fault);
    }

    /** Coinbase {@code level2_batch}: every fault but the checksum one (the feed has none, nor an update sequence). */
    @ParameterizedTest
    @EnumSource(value = Fault.class, names = "CHECKSUM", mode = EnumSource.Mode.EXCLUDE)
    void coinbaseLevel2Batch(Fault fault) throws Exception {
        everyMicrostructureRecordEqualsTheTrueBookAndNoneFallsInAGap(COINBASE, fault);
    }

    private void everyMicrostructureRecordEqualsTheTrueBookAndNoneFallsInAGap(Dialect dialect, Fault fault) throws Exception {
        venue = new Venue0(dialect);
        venue.freezeInitial();
        String path = "/" + dialect.venue().id();
        server.onWebSocket(path, s -> script(s, fault));
        long skew = fault == Fault.CLOCK_SKEW ? 3_000_000 : 0; // the exchange's clock is 3 s behind ours
        Map<String, String> env = Map.of(dialect.venue().urlEnv(), server.wsUrl(path));
        LiveSourceConfig config = LiveSourceConfig.of(Map.of(dialect.venue(), SYMBOLS), env)
                .withLimits(fault == Fault.QUEUE_OVERFLOW ? 48 : 10_000, 10_000, 20, 200).withJitterSeed(1)
                .withMaxFrameBytes(4096);
        feed = new LiveFeed(config, new UnregisteredMetricsGroup(), () -> venue.exchangeMicros.get() + skew);
        config.splits().forEach(feed::add);
        long started = System.nanoTime();
        if (fault == Fault.QUEUE_OVERFLOW) {
            // a paused consumer: nothing is taken from the queue until the venue has sent everything
            long deadline = System.currentTimeMillis() + DEADLINE_MILLIS;
            while (!firstSessionDone.get()) {
                if (System.currentTimeMillis() > deadline) fail("first session did not finish");
                Thread.sleep(10);
            }
        }
        String conn = dialect.venue().id() + "-0";
        pollUntil(() -> lastSessionDone.get() && lastSnapshotAfterLastReset() && feed.booksValid(conn)
                && appliedUpdatesOfLastSession() == UPDATES, "the second connection's books valid and all its updates");
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        List<Microstructure> records = runBookOperator();
        assertThat(records).as("records").isNotEmpty();
        assertThat(events.stream().filter(e -> e.kind() == EventKind.BOOK_RESET).map(e -> e.reset().reason()).toList())
                .as("a gap was detected").anyMatch(r -> !r.equals("connected"));

        // every record equals the venue's true book at its second
        for (Microstructure m : records) {
            Truth t = venue.at(m.symbol(), m.tsMicros());
            assertThat(m.bid().toBigDecimal()).as("%s bid at %s", m.symbol(), m.tsMicros()).isEqualByComparingTo(t.bid());
            assertThat(m.ask().toBigDecimal()).as("%s ask at %s", m.symbol(), m.tsMicros()).isEqualByComparingTo(t.ask());
            assertThat(m.depthTotalUsd().toBigDecimal()).as("%s depth at %s", m.symbol(), m.tsMicros())
                    .isEqualByComparingTo(t.depth());
            assertThat(m.bookAgeMs()).isBetween(0L, 60_000L);
        }
        // none inside a gap: from the first change a symbol missed on the first connection (never
        // sent, lost, or not usable) to the next snapshot the client applied for it
        java.util.Set<String> processed = new java.util.HashSet<>();
        for (FixtureLine l : lines) processed.add(l.frame());
        for (Object[] u : intended) {
            if ((int) u[0] == 0 && !processed.contains((String) u[3])) missed((String) u[1], (long) u[2]);
        }
        assertThat(firstMissed).as("the fault lost something").isNotEmpty();
        for (var gap : firstMissed.entrySet()) {
            String sym = gap.getKey();
            long from = gap.getValue();
            long to = nextSnapshotTime(sym, from);
            assertThat(records).filteredOn(m -> m.symbol().equals(sym) && m.tsMicros() > from && m.tsMicros() <= to)
                    .as("%s records inside its gap (%s, %s]", sym, from, to).isEmpty();
        }
        System.out.printf("gap-truth venue=%s fault=%s records=%d resets=%s scenario_ms=%d gap_to_valid_ms=%d%n", dialect.venue().id(), fault, records.size(),
                events.stream().filter(e -> e.kind() == EventKind.BOOK_RESET).map(e -> e.reset().reason()).distinct().toList(),
                elapsedMs, gapToValidMillis());
    }

    /** Wall time from the first gap reset to the last of the fresh snapshots that made every book valid again. */
    private long gapToValidMillis() {
        int gap = -1;
        for (int i = 0; i < events.size(); i++) {
            MarketEvent e = events.get(i);
            if (e.kind() == EventKind.BOOK_RESET && !e.reset().reason().equals("connected")) {
                gap = i;
                break;
            }
        }
        if (gap < 0) return -1;
        int lastReset = gap;
        for (int i = gap; i < events.size(); i++) if (events.get(i).kind() == EventKind.BOOK_RESET) lastReset = i;
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = lastReset + 1; i < events.size(); i++) {
            MarketEvent e = events.get(i);
            if (e.kind() == EventKind.BOOK_SNAPSHOT && seen.add(e.symbol()) && seen.size() == SYMBOLS.size()) {
                return TimeUnit.NANOSECONDS.toMillis(eventNanos.get(i) - eventNanos.get(gap));
            }
        }
        return -1;
    }

    private boolean lastSnapshotAfterLastReset() {
        int lastReset = -1;
        for (int i = 0; i < events.size(); i++) if (events.get(i).kind() == EventKind.BOOK_RESET) lastReset = i;
        for (String s : SYMBOLS) {
            boolean ok = false;
            for (int i = lastReset + 1; i < events.size(); i++) {
                MarketEvent e = events.get(i);
                if (e.kind() == EventKind.BOOK_SNAPSHOT && e.symbol().equals(s)) ok = true;
            }
            if (!ok) return false;
        }
        return true;
    }

    /** Updates of the latest connection the client has taken (a loaded machine may overflow the small queue again). */
    private long appliedUpdatesOfLastSession() {
        int last = 0;
        for (Object[] u : intended) last = Math.max(last, (int) u[0]);
        if (last == 0) return -1;
        java.util.Set<String> later = new java.util.HashSet<>();
        for (Object[] u : intended) if ((int) u[0] == last) later.add((String) u[3]);
        return lines.stream().filter(l -> later.contains(l.frame())).count();
    }

    /** Event time of the first snapshot of {@code symbol} the client got after {@code t} (exchange clock). */
    private long nextSnapshotTime(String symbol, long t) {
        for (MarketEvent e : events) {
            if (e.kind() == EventKind.BOOK_SNAPSHOT && e.symbol().equals(symbol) && e.eventTimeMicros() > t) {
                return e.eventTimeMicros();
            }
        }
        return Long.MAX_VALUE;
    }

    /** The feed's records through the real book operator, with the production watermark generator. */
    private List<Microstructure> runBookOperator() throws Exception {
        OrderBookFunction f = new OrderBookFunction();
        try (var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(f), OrderBookFunction.KEY_SELECTOR,
                Types.STRING)) {
            h.open();
            ExchangeClockWatermarks wm = new ExchangeClockWatermarks(MarketEventWatermarks.DEFAULT_OUT_OF_ORDERNESS.toMillis());
            long[] current = {Long.MIN_VALUE};
            WatermarkOutput out = new WatermarkOutput() {
                @Override
                public void emitWatermark(Watermark w) {
                    current[0] = Math.max(current[0], w.getTimestamp());
                }

                @Override
                public void markIdle() {}

                @Override
                public void markActive() {}
            };
            for (MarketEvent e : events) {
                if (e.kind() == EventKind.QUARANTINE) continue;
                long ts = MarketEventWatermarks.timestampMillis(e);
                wm.onEvent(e, ts, out);
                if (VenueBookRules.isRuleInput(e)) h.processElement(new StreamRecord<>(e, ts));
                long before = current[0];
                wm.onPeriodicEmit(out);
                if (current[0] > before) h.processWatermark(current[0]);
            }
            h.processWatermark(Long.MAX_VALUE);
            return new ArrayList<>(h.extractOutputValues());
        }
    }
}
