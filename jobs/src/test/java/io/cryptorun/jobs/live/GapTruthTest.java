package io.cryptorun.jobs.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.cryptorun.functions.book.OrderBookFunction;
import io.cryptorun.functions.micro.Microstructure;
import io.cryptorun.sources.book.VenueBookRules;
import io.cryptorun.sources.fixture.FixtureLine;
import io.cryptorun.sources.live.LiveFeed;
import io.cryptorun.sources.live.LiveSourceConfig;
import io.cryptorun.sources.live.Venue;
import io.cryptorun.sources.live.loopback.LoopbackExchange.Session;
import io.cryptorun.sources.live.loopback.LoopbackExchange;
import io.cryptorun.sources.model.EventKind;
import io.cryptorun.sources.model.MarketEvent;
import io.cryptorun.sources.watermark.ExchangeClockWatermarks;
import io.cryptorun.sources.watermark.MarketEventWatermarks;
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
 * Issue 10's truth-checked fault suite for Kraken, Coinbase {@code level2_batch}, Bitstamp and
 * Gemini (their dialects below; Bitstamp's snapshot comes from the loopback's REST order book,
 * Gemini's truth is kept on the client's clock): a loopback venue server that keeps the
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

    enum Fault {
        QUEUE_OVERFLOW, CLOCK_SKEW, RECONNECT, CORRUPT_FRAME, OVERSIZE_FRAME, CHECKSUM, LOST_SNAPSHOT, SUBSCRIBE_ERROR,
        /** Bitstamp: one diff held back and sent after a later one of its pair (the rule's out-of-order check). */
        OUT_OF_ORDER,
        /** Gemini: an update that crosses the book is sent instead of the true one (the venue's only integrity check). */
        CROSSED_BOOK,
        /**
         * Bitstamp: one change of BTC/USD's best bid is never sent (and no later change touches that
         * side of that book, so it never heals or crosses): only the periodic REST comparison can find it.
         */
        DROPPED_DIFF
    }

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
            if (s.equals(hidden)) bid = false; // the lost change stays the one difference
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

        /** The symbol whose bid side changed without a diff ({@link Fault#DROPPED_DIFF}); its later changes are asks only. */
        String hidden;

        /** A change of {@code s}'s best bid quantity the venue makes but never sends; returns its exchange time. */
        long hide(String s) {
            long t = exchangeMicros.addAndGet(STEP);
            BigDecimal p = bids.get(s).firstKey();
            BigDecimal q = qty();
            bids.get(s).put(p, q);
            log.add(new Object[] {t, s, true, p, q});
            hidden = s;
            return t;
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
                if (clientTime((long) c[0]) >= t) continue;
                if (!c[1].equals(s)) continue;
                TreeMap<BigDecimal, BigDecimal> side = (boolean) c[2] ? b : a;
                if (((BigDecimal) c[4]).signum() == 0) side.remove(c[3]);
                else side.put((BigDecimal) c[3], (BigDecimal) c[4]);
            }
            return new Truth(b, a);
        }

        final Map<String, NavigableMap<BigDecimal, BigDecimal>[]> initial = new HashMap<>();
        /**
         * Venues whose book updates carry no exchange time (Gemini): each change's time on the client's
         * clock — the receive stamp of the frame that carried it, or, for a change the client never
         * got or could not use, the reset that told it (nothing earlier can know). Empty: the
         * exchange's own times are the truth (Kraken, Coinbase, Bitstamp).
         */
        final Map<Long, Long> clientTimes = new HashMap<>();

        long clientTime(long exchangeMicros) {
            return clientTimes.getOrDefault(exchangeMicros, exchangeMicros);
        }

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
    private volatile LiveFeed feed;
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
    /** Exchange time of the change {@link Fault#DROPPED_DIFF} never sent. */
    private volatile long hiddenMicros = -1;
    /** The diff held back by {@link Fault#OUT_OF_ORDER} (guarded by venue). */
    private String held;
    private long heldMicros;

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

        /** A heartbeat about {@code symbol} (Kraken's is connection-level and receive-stamped); null: the venue sends none. */
        abstract String heartbeat(String symbol, long sequence, long exchangeMicros);

        /** False when the book snapshot does not come on the WebSocket (Bitstamp: REST). */
        boolean wsSnapshot() {
            return true;
        }

        /** True when the venue's book updates carry no exchange time (the client stamps them on receipt). */
        boolean receiveStamped() {
            return false;
        }

        /**
         * True for the client's subscribe of {@code symbol}'s book alone (a per-symbol resubscribe);
         * {@link #firstSubscribes} such frames belong to the connection's first subscription.
         */
        abstract boolean isSymbolResubscribe(String clientText, String symbol);

        /** Frames of the first subscription that {@link #isSymbolResubscribe} matches too (Bitstamp subscribes per pair). */
        int firstSubscribes() {
            return 0;
        }

        /** The venue's answers to a per-symbol resubscribe, before the book ({@code unsubscribed}: an unsubscribe came first). */
        abstract List<String> resubscribeAcks(String symbol, boolean unsubscribed);

        /** An update for the {@link Fault#CROSSED_BOOK} fault: a bid at the best ask (never a true change). */
        String crossing(Venue0 v, String symbol) {
            throw new UnsupportedOperationException(venue + " has no crossed-book fault here");
        }
    }

    static final Dialect KRAKEN = new Dialect(Venue.KRAKEN, "\"channel\":\"book\"") {
        @Override
        List<String> preamble(List<String> symbols, String refused) {
            List<String> out = new ArrayList<>();
            out.add(instrument());
            for (String sym : symbols) {
                // Kraken's refusal: no result, the symbol only in the answer's own "symbol" field
                out.add(sym.equals(refused) ? "{\"error\":\"Currency pair not supported\",\"method\":\"subscribe\",\"req_id\":1,"
                        + "\"success\":false,\"symbol\":\"" + sym + "\",\"time_in\":\"2025-01-06T00:00:00.000000Z\","
                        + "\"time_out\":\"2025-01-06T00:00:00.000001Z\"}" : ack(sym));
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

        @Override
        boolean isSymbolResubscribe(String t, String symbol) {
            return t.contains("\"method\":\"subscribe\"") && t.contains("\"channel\":\"book\"") && t.contains("[\"" + symbol + "\"]");
        }

        @Override
        List<String> resubscribeAcks(String symbol, boolean unsubscribed) {
            List<String> out = new ArrayList<>();
            if (unsubscribed) {
                out.add("{\"method\":\"unsubscribe\",\"result\":{\"channel\":\"book\",\"depth\":10,\"symbol\":\"" + symbol + "\"},"
                        + "\"success\":true}");
            }
            out.add(ack(symbol));
            return out;
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
        boolean isSymbolResubscribe(String t, String symbol) {
            return t.contains("\"type\":\"subscribe\"") && t.contains("level2_batch") && t.contains("[\"" + symbol.replace('/', '-') + "\"]");
        }

        /** Coinbase answers each (un)subscribe with the connection's subscriptions as they now stand. */
        @Override
        List<String> resubscribeAcks(String symbol, boolean unsubscribed) {
            List<String> out = new ArrayList<>();
            List<String> others = new ArrayList<>(SYMBOLS);
            others.remove(symbol);
            if (unsubscribed) out.addAll(preamble(others, null));
            out.addAll(preamble(SYMBOLS, null));
            return out;
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

    /**
     * Bitstamp v2: {@code diff_order_book_<pair>} diffs stamped with the exchange's
     * {@code microtimestamp}, no sequence, no checksum; the book snapshot is the REST order book
     * ({@code GET /api/v2/order_book/<pair>/}), which the loopback serves from the same true books
     * ({@link #restSnapshot}). Diffs sent before the REST answer are buffered by the client and those
     * the snapshot already contains dropped as stale — every case goes through that flow.
     */
    static final Dialect BITSTAMP = new Dialect(Venue.BITSTAMP, "diff_order_book_") {
        @Override
        List<String> preamble(List<String> symbols, String refused) {
            List<String> out = new ArrayList<>();
            for (String sym : symbols) {
                String pair = Venue.BITSTAMP.venueSymbol(sym);
                if (sym.equals(refused)) {
                    out.add("{\"event\":\"bts:error\",\"channel\":\"diff_order_book_" + pair
                            + "\",\"data\":{\"code\":null,\"message\":\"Bad subscription string.\"}}");
                    continue;
                }
                out.add("{\"event\":\"bts:subscription_succeeded\",\"channel\":\"diff_order_book_" + pair + "\",\"data\":{}}");
                out.add("{\"event\":\"bts:subscription_succeeded\",\"channel\":\"live_trades_" + pair + "\",\"data\":{}}");
            }
            return out;
        }

        @Override
        boolean wsSnapshot() {
            return false;
        }

        @Override
        boolean isSymbolResubscribe(String t, String symbol) {
            return t.contains("\"bts:subscribe\"") && t.contains("\"diff_order_book_" + Venue.BITSTAMP.venueSymbol(symbol) + "\"");
        }

        @Override
        int firstSubscribes() {
            return 1;
        }

        @Override
        List<String> resubscribeAcks(String symbol, boolean unsubscribed) {
            String channel = "diff_order_book_" + Venue.BITSTAMP.venueSymbol(symbol);
            List<String> out = new ArrayList<>();
            if (unsubscribed) out.add("{\"event\":\"bts:unsubscription_succeeded\",\"channel\":\"" + channel + "\",\"data\":{}}");
            out.add("{\"event\":\"bts:subscription_succeeded\",\"channel\":\"" + channel + "\",\"data\":{}}");
            return out; // the client fetches the REST snapshot on the second
        }

        @Override
        String snapshot(Venue0 v, String s, List<String[]> bids, List<String[]> asks) {
            long t = v.exchangeMicros.get(); // every change up to now is in it
            return "{\"timestamp\":\"" + t / 1_000_000 + "\",\"microtimestamp\":\"" + t + "\",\"bids\":" + pairs(bids)
                    + ",\"asks\":" + pairs(asks) + "}";
        }

        @Override
        String update(Venue0 v, String s, boolean bid, List<String[]> changes, long t) {
            return "{\"data\":{\"timestamp\":\"" + t / 1_000_000 + "\",\"microtimestamp\":\"" + t + "\",\"bids\":"
                    + pairs(bid ? changes : List.of()) + ",\"asks\":" + pairs(bid ? List.of() : changes)
                    + "},\"channel\":\"diff_order_book_" + Venue.BITSTAMP.venueSymbol(s) + "\",\"event\":\"data\"}";
        }

        @Override
        String heartbeat(String symbol, long sequence, long t) {
            return null; // Bitstamp sends none
        }
    };

    /**
     * Gemini market data v2 {@code l2}: the first {@code l2_updates} of a symbol (with {@code trades})
     * is the full book, later ones are changes — with no exchange time, no sequence, no checksum.
     * The client stamps them on receipt, so this venue's truth is kept on the client's clock
     * ({@link Venue0#clientTimes}): a change counts from the receive stamp of the frame that carried
     * it, a change never received or unusable from the reset that told the client of the gap. That
     * is all a client can know (a silently lost update is undetectable, docs/DATA_SOURCES.md);
     * what is checked is that every record equals the book of the changes received before it, and
     * that after a detected fault (garbage, crossed book, update without book, reconnect, overflow)
     * nothing is emitted until the next full book.
     */
    static final Dialect GEMINI = new Dialect(Venue.GEMINI, "\"l2\"") {
        @Override
        List<String> preamble(List<String> symbols, String refused) {
            return List.of();
        }

        @Override
        boolean receiveStamped() {
            return true;
        }

        @Override
        boolean isSymbolResubscribe(String t, String symbol) {
            return t.contains("\"type\":\"subscribe\"") && t.contains("[\"" + Venue.GEMINI.venueSymbol(symbol) + "\"]");
        }

        @Override
        List<String> resubscribeAcks(String symbol, boolean unsubscribed) {
            return List.of(); // v2 acknowledges neither: the full book is the answer
        }

        @Override
        String snapshot(Venue0 v, String s, List<String[]> bids, List<String[]> asks) {
            List<String[]> all = new ArrayList<>();
            for (String[] b : bids) all.add(new String[] {"buy", b[0], b[1]});
            for (String[] a : asks) all.add(new String[] {"sell", a[0], a[1]});
            return "{\"type\":\"l2_updates\",\"symbol\":\"" + Venue.GEMINI.venueSymbol(s) + "\",\"changes\":" + changes(all)
                    + ",\"trades\":[],\"auction_events\":[]}";
        }

        @Override
        String update(Venue0 v, String s, boolean bid, List<String[]> changes, long t) {
            List<String[]> all = new ArrayList<>();
            for (String[] c : changes) all.add(new String[] {bid ? "buy" : "sell", c[0], c[1]});
            return "{\"type\":\"l2_updates\",\"symbol\":\"" + Venue.GEMINI.venueSymbol(s) + "\",\"changes\":" + changes(all) + "}";
        }

        @Override
        String crossing(Venue0 v, String s) {
            BigDecimal ask = v.asks.get(s).firstKey();
            return update(v, s, true, List.<String[]>of(new String[] {ask.add(BigDecimal.ONE).toPlainString(), "0.5"}), 0);
        }

        @Override
        String heartbeat(String symbol, long sequence, long t) {
            return "{\"type\":\"heartbeat\"}";
        }

        private String changes(List<String[]> ls) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < ls.size(); i++) {
                if (i > 0) sb.append(',');
                sb.append("[\"").append(ls.get(i)[0]).append("\",\"").append(ls.get(i)[1]).append("\",\"").append(ls.get(i)[2]).append("\"]");
            }
            return sb.append(']').toString();
        }
    };

    /** Bitstamp's {@code [["price","amount"], ...]}. */
    private static String pairs(List<String[]> ls) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < ls.size(); i++) {
            if (i > 0) sb.append(',');
            sb.append("[\"").append(ls.get(i)[0]).append("\",\"").append(ls.get(i)[1]).append("\"]");
        }
        return sb.append(']').toString();
    }

    /**
     * The loopback's Bitstamp REST order book of {@code symbol}: the true book now, under the venue's
     * lock (no change is made half-way). {@link Fault#LOST_SNAPSHOT}: the first ETH/USD answer is
     * cut short (a corrupt body), so the client must notice and fetch again on a new connection.
     */
    private LoopbackExchange.HttpReply restSnapshot(String symbol, int index, Fault fault) {
        synchronized (venue) {
            String body = venue.snapshot(symbol);
            if (fault == Fault.LOST_SNAPSHOT && symbol.equals("ETH/USD") && index == 0) {
                missed(symbol, venue.exchangeMicros.get());
                return new LoopbackExchange.HttpReply(200, body.substring(0, body.length() / 2));
            }
            return new LoopbackExchange.HttpReply(200, body);
        }
    }

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
                if (venue.dialect.wsSnapshot()) s.send(venue.snapshot(sym));
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
            if (faulty && (fault == Fault.OUT_OF_ORDER || fault == Fault.DROPPED_DIFF) && i == FAULT_AT) {
                // (a dropped diff: likewise, or the REST snapshot made after it would simply contain it)
                // the pair's book must be built (REST snapshot applied) for a late diff to be out of order:
                // diffs buffered before the snapshot are put in microtimestamp order and are no gap
                long until = System.currentTimeMillis() + DEADLINE_MILLIS;
                while (!feed.booksValid(venue.dialect.venue().id() + "-0") && System.currentTimeMillis() < until) Thread.sleep(5);
            }
            if (!faulty && fault == Fault.QUEUE_OVERFLOW && i % 8 == 7) {
                Thread.sleep(2); // the recovery connection is not a second overflow test: the 48-frame queue keeps up
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
                String hb = i % 10 == 9 ? venue.dialect.heartbeat(sym, ++heartbeatSequence, t) : null;
                if (hb != null) s.send(hb);
                if (!sendUpdate(s, fault, faulty, i, sym, frame, t)) return;
            }
        }
        if (faulty && perSymbol(fault)) {
            firstSessionDone.set(true);
            recoverOnTheSameConnection(s, faultSymbol(fault), fault == Fault.DROPPED_DIFF);
        } else if (faulty) {
            firstSessionDone.set(true);
            s.holdUntilClientCloses(DEADLINE_MILLIS);
        } else {
            lastSessionDone.set(true);
            s.holdUntilClientCloses(DEADLINE_MILLIS);
        }
    }

    /**
     * True when the client recovers from {@code fault} by resubscribing the one symbol on the same
     * connection, not by reconnecting: what the venue's adapter retries per symbol
     * ({@link Venue#resubscribeBook}) — a lost snapshot (Kraken, Coinbase, Bitstamp's REST body,
     * Gemini) and a refused subscription (Kraken, Bitstamp, Coinbase: the refused product alone).
     */
    private boolean perSymbol(Fault fault) {
        return fault == Fault.DROPPED_DIFF || (fault == Fault.LOST_SNAPSHOT || fault == Fault.SUBSCRIBE_ERROR)
                && venue.dialect.venue().resubscribeBook("ETH/USD", fault == Fault.LOST_SNAPSHOT) != null;
    }

    /** The symbol a per-symbol fault is about: the dropped diff's (update {@link #FAULT_AT}'s), else ETH/USD. */
    private static String faultSymbol(Fault fault) {
        return fault == Fault.DROPPED_DIFF ? SYMBOLS.get(FAULT_AT % 2) : "ETH/USD";
    }

    /**
     * The per-symbol recovery: waits for the client's own subscribe of ETH/USD (after an
     * unsubscribe when the subscription was live), answers it as the venue does and with the true
     * book now (Bitstamp: the REST snapshot the ack makes the client fetch), then sends another
     * {@link #UPDATES} updates of both symbols — counted as the recovery "session" 1 of
     * {@link #intended}, as a reconnect's would be.
     */
    private void recoverOnTheSameConnection(Session s, String symbol, boolean keepSending) throws Exception {
        Dialect d = venue.dialect;
        long until = System.currentTimeMillis() + DEADLINE_MILLIS;
        int n = 0;
        while (s.received().stream().filter(t -> d.isSymbolResubscribe(t, symbol)).count() <= d.firstSubscribes()) {
            if (System.currentTimeMillis() > until || s.clientClosed()) fail("no resubscribe of " + symbol + " from the client");
            if (keepSending) { // the market goes on (the REST comparison needs the venue's clock and diffs to move)
                String sym = SYMBOLS.get(n++ % 2);
                synchronized (venue) {
                    String frame = venue.update(sym);
                    intended.add(new Object[] {0, sym, venue.exchangeMicros.get(), frame});
                    s.send(frame);
                }
            }
            Thread.sleep(5);
        }
        String base = symbol.substring(0, symbol.indexOf('/'));
        synchronized (venue) {
            boolean unsubscribed = s.received().stream().anyMatch(t -> t.contains("unsubscribe")
                    && (t.contains(symbol) || t.contains(base + "-USD") || t.contains(base.toLowerCase() + "usd") || t.contains(base + "USD")));
            for (String m : d.resubscribeAcks(symbol, unsubscribed)) s.send(m);
            if (d.wsSnapshot()) s.send(venue.snapshot(symbol));
        }
        for (int i = 0; i < UPDATES; i++) {
            String sym = SYMBOLS.get(i % 2);
            synchronized (venue) {
                String frame = venue.update(sym);
                long t = venue.exchangeMicros.get();
                intended.add(new Object[] {1, sym, t, frame});
                String hb = i % 10 == 9 ? venue.dialect.heartbeat(sym, ++heartbeatSequence, t) : null;
                if (hb != null) s.send(hb); // Bitstamp sends none
                s.send(frame);
            }
        }
        lastSessionDone.set(true);
        s.holdUntilClientCloses(DEADLINE_MILLIS);
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
                    case OUT_OF_ORDER -> {
                        held = frame; // sent after the pair's next diff, 1.6 s later
                        heldMicros = t;
                        missed(sym, t);
                        return true;
                    }
                    case CROSSED_BOOK -> {
                        s.send(venue.dialect.crossing(venue, sym)); // instead of the true change
                        return true;
                    }
                    case DROPPED_DIFF -> {
                        s.send(frame);
                        hiddenMicros = venue.hide(sym); // then a change that is lost on the way
                        missed(sym, hiddenMicros);
                        return true;
                    }
                    default -> { }
                }
            }
            if (faulty && fault == Fault.SUBSCRIBE_ERROR && sym.equals("ETH/USD")) return true;
            s.send(frame);
            if (faulty && fault == Fault.OUT_OF_ORDER && i == FAULT_AT + 2 && held != null) {
                s.send(held);
                held = null;
                // Bitstamp diffs have no sequence: nothing tells the client a diff is late until it comes,
                // and the diff that overtook it has already closed a second from the book without it
                // (docs/DATA_SOURCES.md, "what cannot be detected"). The late change counts from its
                // arrival; from there the client must not use the book until a fresh REST snapshot
                venue.clientTimes.put(heldMicros, t);
            }
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
            if (System.currentTimeMillis() > deadline) {
                fail("not reached: " + what + " after " + events.size() + " events; resets "
                        + events.stream().filter(e -> e.kind() == EventKind.BOOK_RESET).map(e -> e.symbol() + " " + e.reset().reason()).toList()
                        + ", snapshots " + events.stream().filter(e -> e.kind() == EventKind.BOOK_SNAPSHOT).map(MarketEvent::symbol).toList()
                        + ", sessions " + server.requests("/" + venue.dialect.venue().id()) + ", last session done " + lastSessionDone.get());
            }
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
    @EnumSource(value = Fault.class, names = {"OUT_OF_ORDER", "CROSSED_BOOK", "DROPPED_DIFF"}, mode = EnumSource.Mode.EXCLUDE)
    void kraken(Fault fault) throws Exception {
        everyMicrostructureRecordEqualsTheTrueBookAndNoneFallsInAGap(KRAKEN, fault);
    }

    /** Coinbase {@code level2_batch}: every fault but the checksum one (the feed has none, nor an update sequence). */
    @ParameterizedTest
    @EnumSource(value = Fault.class, names = {"CHECKSUM", "OUT_OF_ORDER", "CROSSED_BOOK", "DROPPED_DIFF"}, mode = EnumSource.Mode.EXCLUDE)
    void coinbaseLevel2Batch(Fault fault) throws Exception {
        everyMicrostructureRecordEqualsTheTrueBookAndNoneFallsInAGap(COINBASE, fault);
    }

    /**
     * Bitstamp: every fault but the checksum (none on this feed) and the crossed book (Gemini's case); plus
     * out-of-order diffs and a dropped diff (found by the periodic REST comparison, every 1 s of the venue's clock).
     */
    @ParameterizedTest
    @EnumSource(value = Fault.class, names = {"CHECKSUM", "CROSSED_BOOK"}, mode = EnumSource.Mode.EXCLUDE)
    void bitstamp(Fault fault) throws Exception {
        everyMicrostructureRecordEqualsTheTrueBookAndNoneFallsInAGap(BITSTAMP, fault);
    }

    /**
     * Gemini v2 {@code l2}: every fault but the checksum and out-of-order diffs (the feed has neither a
     * checksum nor any time or sequence on its updates) and the subscribe error (v2 has no per-symbol
     * refusal the adapter maps: such a symbol simply never gets a book, docs/DATA_SOURCES.md), plus the
     * crossed book.
     */
    @ParameterizedTest
    @EnumSource(value = Fault.class, names = {"CHECKSUM", "OUT_OF_ORDER", "SUBSCRIBE_ERROR", "DROPPED_DIFF"}, mode = EnumSource.Mode.EXCLUDE)
    void gemini(Fault fault) throws Exception {
        everyMicrostructureRecordEqualsTheTrueBookAndNoneFallsInAGap(GEMINI, fault);
    }

    private void everyMicrostructureRecordEqualsTheTrueBookAndNoneFallsInAGap(Dialect dialect, Fault fault) throws Exception {
        venue = new Venue0(dialect);
        venue.freezeInitial();
        String path = "/" + dialect.venue().id();
        server.onWebSocket(path, s -> script(s, fault));
        long skew = fault == Fault.CLOCK_SKEW ? 3_000_000 : 0; // the exchange's clock is 3 s behind ours
        Map<String, String> env = Map.of(dialect.venue().urlEnv(), server.wsUrl(path), Venue.BITSTAMP_API_BASE_ENV, server.httpBase());
        if (!dialect.wsSnapshot()) {
            for (String sym : SYMBOLS) {
                server.onHttp("/api/v2/order_book/" + dialect.venue().venueSymbol(sym) + "/", i -> restSnapshot(sym, i, fault));
            }
        }
        LiveSourceConfig config = LiveSourceConfig.of(Map.of(dialect.venue(), SYMBOLS), env)
                .withLimits(fault == Fault.QUEUE_OVERFLOW ? 48 : 10_000, 10_000, 20, 200).withJitterSeed(1)
                .withMaxFrameBytes(4096).withBitstampRestCheckMillis(fault == Fault.DROPPED_DIFF ? 1_000 : 0);
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

        if (dialect.receiveStamped()) clientClock(skew);
        List<Microstructure> records = runBookOperator();
        assertThat(records).as("records").isNotEmpty();
        assertThat(events.stream().filter(e -> e.kind() == EventKind.BOOK_RESET).map(e -> e.reset().reason()).toList())
                .as("a gap was detected").anyMatch(r -> !r.equals("connected"));
        if (perSymbol(fault)) {
            // recovered by resubscribing ETH/USD alone: one connection, BTC/USD never reset after it connected
            assertThat(server.requests(path)).as("connections").isEqualTo(1);
            assertThat(events).filteredOn(e -> e.kind() == EventKind.BOOK_RESET && !e.reset().reason().equals("connected"))
                    .extracting(MarketEvent::symbol).containsOnly(faultSymbol(fault));
        }
        // a dropped diff: nothing can know of it before the REST comparison finds it — the seconds from the
        // loss to that reset show the book as received (excluded below); from the reset on, the gap rule holds
        long detected = -1;
        if (fault == Fault.DROPPED_DIFF) {
            List<MarketEvent> found = events.stream().filter(e -> e.kind() == EventKind.BOOK_RESET
                    && e.reset().reason().startsWith("rest_mismatch")).toList();
            assertThat(found).as("the comparison found the lost diff, once").singleElement()
                    .satisfies(e -> assertThat(e.symbol()).isEqualTo(faultSymbol(fault)));
            assertThat(feed.metrics().venue(Venue.BITSTAMP).bitstampRestMismatches.getCount()).isEqualTo(1);
            detected = found.get(0).eventTimeMicros();
            assertThat(detected).as("the reset is stamped after the loss").isGreaterThanOrEqualTo(hiddenMicros);
        }
        long detectedAt = detected;

        // every record equals the venue's true book at its second
        for (Microstructure m : records) {
            if (detectedAt >= 0 && m.symbol().equals(faultSymbol(fault)) && m.tsMicros() > hiddenMicros && m.tsMicros() <= detectedAt) {
                continue; // the book as received, between an undetectable loss and its detection
            }
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
            long from = detectedAt >= 0 && sym.equals(faultSymbol(fault)) ? detectedAt : venue.clientTime(gap.getValue());
            long to = nextSnapshotTime(sym, from);
            assertThat(records).filteredOn(m -> m.symbol().equals(sym) && m.tsMicros() > from && m.tsMicros() <= to)
                    .as("%s records inside its gap (%s, %s]", sym, from, to).isEmpty();
        }
        System.out.printf("gap-truth venue=%s fault=%s records=%d resets=%s scenario_ms=%d gap_to_valid_ms=%d%n", dialect.venue().id(), fault, records.size(),
                events.stream().filter(e -> e.kind() == EventKind.BOOK_RESET).map(e -> e.reset().reason()).distinct().toList(),
                elapsedMs, gapToValidMillis());
    }

    /**
     * Puts the venue's changes on the client's clock ({@link Venue0#clientTimes}): the receive stamp
     * of the frame that carried a change, or for a change the client never applied (not sent, lost,
     * garbled, or dropped after the gap), the first gap reset of its symbol at or after it, or the first
     * full book after that reset (a full book received before any gap reset was made before the change).
     */
    private void clientClock(long skew) {
        Map<String, Long> received = new HashMap<>();
        for (FixtureLine l : lines) received.putIfAbsent(l.frame(), l.ts());
        for (Object[] u : intended) {
            long t = (long) u[2];
            Long r = received.get((String) u[3]);
            if (r == null) {
                if ((int) u[0] == 0) missed((String) u[1], t);
                r = Long.MAX_VALUE;
                boolean afterGap = false;
                for (MarketEvent e : events) {
                    if (!e.symbol().equals(u[1])) continue;
                    boolean gapReset = e.kind() == EventKind.BOOK_RESET && !e.reset().reason().equals("connected");
                    afterGap |= gapReset;
                    // a change made after the reset is in the next full book; a full book from before the gap
                    // (the connection's first one, received late on a loaded machine) never holds it, however
                    // late its receive stamp
                    boolean told = gapReset || e.kind() == EventKind.BOOK_SNAPSHOT && afterGap;
                    if (told && e.eventTimeMicros() >= t + skew) {
                        r = e.eventTimeMicros();
                        break;
                    }
                }
            }
            venue.clientTimes.put(t, r);
        }
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
        // per symbol reset from the gap on (all of them on a reconnect, one on a per-symbol resubscribe):
        // its first snapshot after its last reset; the latest of those
        Map<String, Integer> lastReset = new HashMap<>();
        for (int i = gap; i < events.size(); i++) {
            if (events.get(i).kind() == EventKind.BOOK_RESET) lastReset.put(events.get(i).symbol(), i);
        }
        long worst = -1;
        for (var r : lastReset.entrySet()) {
            int valid = -1;
            for (int i = r.getValue() + 1; i < events.size() && valid < 0; i++) {
                MarketEvent e = events.get(i);
                if (e.kind() == EventKind.BOOK_SNAPSHOT && e.symbol().equals(r.getKey())) valid = i;
            }
            if (valid < 0) return -1;
            worst = Math.max(worst, TimeUnit.NANOSECONDS.toMillis(eventNanos.get(valid) - eventNanos.get(gap)));
        }
        return worst;
    }

    /** True when every symbol got a snapshot after its last reset (a per-symbol resubscribe resets only its own). */
    private boolean lastSnapshotAfterLastReset() {
        for (String s : SYMBOLS) {
            int lastReset = -1;
            for (int i = 0; i < events.size(); i++) {
                if (events.get(i).kind() == EventKind.BOOK_RESET && events.get(i).symbol().equals(s)) lastReset = i;
            }
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
            // a snapshot may carry the very time of the first change the client missed: a receive-stamped
            // one (Kraken, Coinbase level2_batch, Gemini) read the venue's clock before any later change
            // (the faulty session makes none once the new connection exists), and Bitstamp's REST
            // microtimestamp is the clock when it was made — either way it already holds that change,
            // which the truth comparison above checks record by record
            if (e.kind() == EventKind.BOOK_SNAPSHOT && e.symbol().equals(symbol) && e.eventTimeMicros() >= t) {
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
