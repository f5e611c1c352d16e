package io.cryptorun.sources.live;

import io.cryptorun.sources.fixture.FixtureLine;
import static org.assertj.core.api.Assertions.assertThat;

import io.cryptorun.sources.live.loopback.LoopbackExchange.HttpReply;
import io.cryptorun.sources.live.loopback.LoopbackExchange.Session;
import io.cryptorun.sources.live.loopback.LoopbackExchange;
import io.cryptorun.sources.model.EventKind;
import io.cryptorun.sources.model.MarketEvent;
import io.cryptorun.sources.model.QuarantineReason;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The live feed against a real WebSocket server on loopback, one fault per test. Each ends with
 * valid books rebuilt from a fresh snapshot, the fault counted, and nothing thrown.
 */
class LiveFeedFaultTest {
    private static final String BTC = "BTC/USD";
    private static final int FRAMES = 300;
    private static final long SCRIPT_WAIT = 10_000;

    private LiveHarness h;
    private List<String> kraken;

    @BeforeEach
    void setUp() throws Exception {
        h = new LiveHarness();
        kraken = LiveHarness.krakenFrames(FRAMES);
    }

    @AfterEach
    void tearDown() throws Exception {
        h.close();
    }

    private static void awaitBookSubscribe(Session s) throws Exception {
        s.awaitText(t -> t.contains("\"channel\":\"book\""), SCRIPT_WAIT);
    }

    private static void send(Session s, List<String> frames) throws Exception {
        for (String f : frames) s.send(f);
    }

    private LiveFeed startKraken(UnaryOperator<LiveSourceConfig> tweak) {
        return h.start(Venue.KRAKEN, List.of(BTC), tweak);
    }

    private LiveFeed startKraken(UnaryOperator<LiveSourceConfig> tweak, java.util.function.LongSupplier clock) {
        return h.start(Venue.KRAKEN, List.of(BTC), tweak, clock);
    }

    private boolean krakenValidAfter(int sessions) {
        return h.server.requests("/kraken") >= sessions && h.feed.booksValid("kraken-0")
                && h.lastIndex(EventKind.BOOK_SNAPSHOT, BTC) > h.lastMarkerIndex(BTC);
    }

    @Test
    void normalStreamBuildsTheBookAndStampsProvenance() throws Exception {
        h.server.onWebSocket("/kraken", s -> {
            awaitBookSubscribe(s);
            send(s, kraken);
        });
        startKraken(c -> c);
        h.pollUntil(() -> h.lines.size() == FRAMES && h.feed.booksValid("kraken-0"), "all frames, valid book");

        var m = h.metrics(Venue.KRAKEN);
        assertThat(m.framesReceived.getCount()).isEqualTo(FRAMES);
        assertThat(m.reconnects.getCount()).isZero();
        assertThat(m.checksumMismatches.getCount()).isZero();
        assertThat(m.framesQuarantined.getCount()).isZero();
        assertThat(m.freshnessMillis(BTC)).isGreaterThanOrEqualTo(0);
        // the raw frames, in order, as fixture lines of one connection
        assertThat(h.lines).extracting(l -> l.frame()).containsExactlyElementsOf(kraken);
        assertThat(h.lines).allSatisfy(l -> assertThat(l.conn()).isEqualTo("kraken-0"));
        // the first record of the book is the "connected" resync marker; then the snapshot
        assertThat(h.markers(BTC)).singleElement().satisfies(e -> assertThat(e.reset().reason()).isEqualTo("connected"));
        assertThat(h.count(EventKind.BOOK_SNAPSHOT, BTC)).isEqualTo(1);
        long[] ordinals = h.events.stream().filter(e -> e.kind() == EventKind.BOOK_DELTA)
                .mapToLong(e -> e.header().frameOrdinal()).toArray();
        assertThat(ordinals).isSorted().doesNotHaveDuplicates();
        // the client subscribed to instrument, book (depth 10), trade and ticker
        Session s = h.server.sessions().get(0);
        assertThat(s.received()).anyMatch(t -> t.contains("\"channel\":\"instrument\""))
                .anyMatch(t -> t.contains("\"channel\":\"book\",\"depth\":10") && t.contains("\"BTC/USD\""))
                .anyMatch(t -> t.contains("\"channel\":\"trade\"")).anyMatch(t -> t.contains("\"channel\":\"ticker\""));
        assertThat(h.feed.snapshot()).singleElement().satisfies(sp -> assertThat(sp.nextOrdinal()).isEqualTo(FRAMES));
    }

    @Test
    void serverClosingMidStreamReconnectsAndRebuildsFromAFreshSnapshot() throws Exception {
        h.server.onWebSocket("/kraken", s -> {
            awaitBookSubscribe(s);
            if (s.index() == 0) {
                send(s, kraken.subList(0, FRAMES / 2));
                s.close(1001, "going away");
            } else {
                send(s, kraken);
            }
        });
        startKraken(c -> c);
        h.pollUntil(() -> krakenValidAfter(2) && h.lines.size() >= FRAMES / 2 + FRAMES, "second connection's book");

        var m = h.metrics(Venue.KRAKEN);
        assertThat(m.reconnects.getCount()).as("%s %s", h.markers(BTC).stream().map(e -> e.reset().reason()).toList(),
                        h.server.sessions().stream().map(x -> x.index() + ":" + x.received().size() + ":" + x.clientClosed() + ":" + x.scriptError()).toList())
                .isEqualTo(1);
        // one marker per connection change; which reason the first frame of each connection carries
        // depends on whether the task saw the close before that frame (both are correct)
        assertThat(h.markers(BTC)).extracting(e -> e.reset().reason())
                .hasSize(2)
                .containsOnlyOnce("closed by server: 1001 going away")
                .allMatch(r -> r.equals("connected") || r.equals("reconnected")
                        || r.equals("closed by server: 1001 going away"));
        assertThat(h.count(EventKind.BOOK_SNAPSHOT, BTC)).isEqualTo(2);
        // frame ordinals keep counting across the reconnect (provenance stays unique)
        assertThat(h.feed.snapshot().get(0).nextOrdinal()).isEqualTo(FRAMES / 2 + FRAMES);
    }

    @Test
    void stallPastTheIdleTimeoutIsDetectedAndReplaced() throws Exception {
        h.server.onWebSocket("/kraken", s -> {
            awaitBookSubscribe(s);
            if (s.index() == 0) {
                send(s, kraken.subList(0, FRAMES / 2));
                s.holdUntilClientCloses(SCRIPT_WAIT); // silent, connection open: a stall
            } else {
                send(s, kraken);
            }
        });
        startKraken(c -> c.withLimits(10_000, 400, 20, 200));
        h.pollUntil(() -> krakenValidAfter(2), "book after the stall");

        var m = h.metrics(Venue.KRAKEN);
        assertThat(m.stalls.getCount()).isEqualTo(1);
        assertThat(m.reconnects.getCount()).isEqualTo(1);
        assertThat(h.markers(BTC).get(1).reset().reason()).startsWith("idle for");
        assertThat(h.server.sessions().get(0).clientClosed()).isTrue();
    }

    @Test
    void corruptFrameIsAGapResyncedFromAFreshSnapshot() throws Exception {
        List<String> withGarbage = new ArrayList<>(kraken);
        withGarbage.add(FRAMES / 2, "{\"channel\":\"book\",\"type\":\"update\",\"data\":[{\"symbol\":");
        h.server.onWebSocket("/kraken", s -> {
            awaitBookSubscribe(s);
            send(s, s.index() == 0 ? withGarbage : kraken);
        });
        startKraken(c -> c);
        h.pollUntil(() -> krakenValidAfter(2), "reconnected, book rebuilt");

        var m = h.metrics(Venue.KRAKEN);
        assertThat(m.framesQuarantined.getCount()).isEqualTo(1);
        assertThat(m.frameGaps.getCount()).isEqualTo(1);
        assertThat(m.resyncs.getCount()).isEqualTo(1);
        // the unparseable frame may have been a book update: the book is reset at it, never continued
        assertThat(h.markers(BTC)).extracting(e -> e.reset().reason()).contains(QuarantineReason.MALFORMED_JSON);
        assertThat(h.events).filteredOn(e -> e.kind() == EventKind.QUARANTINE).singleElement()
                .satisfies(e -> {
                    assertThat(e.quarantine().reason()).isEqualTo(QuarantineReason.MALFORMED_JSON);
                    assertThat(e.quarantine().frameOrdinal()).isEqualTo(FRAMES / 2);
                });
    }

    @Test
    void aPauseOfThisJvmLongerThanTheIdleTimeoutIsNotAStall() throws Exception {
        java.util.concurrent.atomic.AtomicLong clock = new java.util.concurrent.atomic.AtomicLong(LiveFeed.systemMicros());
        CountDownLatch resume = new CountDownLatch(1);
        h.server.onWebSocket("/kraken", s -> {
            awaitBookSubscribe(s);
            send(s, kraken.subList(0, FRAMES / 2));
            resume.await();
            send(s, kraken.subList(FRAMES / 2, FRAMES));
            s.holdUntilClientCloses(SCRIPT_WAIT);
        });
        // idle timeout 1 s on the feed's clock; the watchdog ticks every 250 ms of real time
        startKraken(c -> c.withLimits(10_000, 1_000, 20, 200), clock::get);
        h.pollUntil(() -> h.lines.size() == FRAMES / 2, "first half");
        long ticksBefore = h.feed.metrics().pauses.getCount();
        clock.addAndGet(20_000_000); // 20 s pass at once: the whole process (sockets too) was frozen
        h.pollUntil(() -> h.feed.metrics().pauses.getCount() > ticksBefore, "the pause noticed");
        resume.countDown(); // the data resumes
        h.pollUntil(() -> h.lines.size() == FRAMES, "second half");

        var m = h.metrics(Venue.KRAKEN);
        assertThat(m.stalls.getCount()).isZero();
        assertThat(m.reconnects.getCount()).isZero();
        assertThat(h.markers(BTC)).singleElement(); // "connected" only: no gap
        // a real silence is still found, one timeout (on the feed's clock) later
        for (int i = 0; i < 12 && m.stalls.getCount() == 0; i++) {
            clock.addAndGet(300_000);
            Thread.sleep(300);
        }
        assertThat(m.stalls.getCount()).isEqualTo(1);
    }

    /** A fault in the middle of the first connection, a clean stream on the next; polls until the book is rebuilt. */
    private void faultThenRebuild(LoopbackExchange.Handler fault) throws Exception {
        h.server.onWebSocket("/kraken", s -> {
            awaitBookSubscribe(s);
            if (s.index() == 0) {
                send(s, kraken.subList(0, FRAMES / 2));
                fault.run(s);
                s.holdUntilClientCloses(SCRIPT_WAIT);
            } else {
                send(s, kraken);
            }
        });
        startKraken(c -> c);
        // the loss's reset, then a fresh snapshot after it (the reconnect alone may be seen first)
        h.pollUntil(() -> h.markers(BTC).size() >= 2 && krakenValidAfter(2), "reconnected, book rebuilt");
    }

    @Test
    void invalidUtf8ClosesWith1007CountsAndRebuildsTheBook() throws Exception {
        faultThenRebuild(s -> s.sendRawText(new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', '}'})); // 0xC3 0x28: not UTF-8

        var m = h.metrics(Venue.KRAKEN);
        assertThat(m.invalidUtf8.getCount()).isEqualTo(1);
        assertThat(m.framesQuarantined.getCount()).isZero(); // never read as text
        assertThat(h.server.sessions().get(0).clientClosed()).isTrue();
        assertThat(h.markers(BTC)).extracting(e -> e.reset().reason()).anyMatch(r -> r.startsWith("invalid UTF-8"));
    }

    @Test
    void binaryFramesAreRejectedCountedAndAGap() throws Exception {
        faultThenRebuild(s -> s.sendBinary(kraken.get(FRAMES / 2).getBytes(java.nio.charset.StandardCharsets.UTF_8)));

        var m = h.metrics(Venue.KRAKEN);
        assertThat(m.binaryFrames.getCount()).isEqualTo(1);
        assertThat(h.markers(BTC)).extracting(e -> e.reset().reason()).anyMatch(r -> r.startsWith("binary frame"));
    }

    @Test
    void krakenChecksumMismatchResubscribesForAFreshSnapshot() throws Exception {
        List<String> corrupted = new ArrayList<>(kraken);
        int at = corruptFirstBtcUpdateChecksum(corrupted);
        h.server.onWebSocket("/kraken", s -> {
            awaitBookSubscribe(s);
            send(s, s.index() == 0 ? corrupted.subList(0, at + 10) : kraken);
        });
        startKraken(c -> c);
        h.pollUntil(() -> krakenValidAfter(2), "book rebuilt after the mismatch");

        var m = h.metrics(Venue.KRAKEN);
        assertThat(m.checksumMismatches.getCount()).isEqualTo(1);
        assertThat(m.invalidBooks.getCount()).isEqualTo(1);
        assertThat(m.resyncs.getCount()).isEqualTo(1);
        assertThat(m.reconnects.getCount()).isEqualTo(1);
        assertThat(h.markers(BTC).get(1).reset().reason()).isEqualTo("checksum_mismatch BTC/USD");
        // nothing of the broken connection after the mismatch reached the output
        assertThat(h.lines.stream().filter(l -> l.frame().equals(corrupted.get(at + 5))).count()).isLessThanOrEqualTo(1);
    }

    private static int corruptFirstBtcUpdateChecksum(List<String> frames) {
        Pattern checksum = Pattern.compile("\"checksum\":(\\d+)");
        for (int i = 0; i < frames.size(); i++) {
            String f = frames.get(i);
            if (f.contains("\"type\":\"update\"") && f.contains("\"symbol\":\"BTC/USD\"")) {
                Matcher mm = checksum.matcher(f);
                if (mm.find()) {
                    long wrong = Long.parseLong(mm.group(1)) ^ 1;
                    frames.set(i, f.substring(0, mm.start(1)) + wrong + f.substring(mm.end(1)));
                    return i;
                }
            }
        }
        throw new AssertionError("no BTC/USD update in the first frames");
    }

    static final String CB_SUBS = "{\"type\":\"subscriptions\",\"channels\":[{\"name\":\"level2_batch\",\"product_ids\":[\"BTC-USD\"]},"
            + "{\"name\":\"matches\",\"product_ids\":[\"BTC-USD\"]},{\"name\":\"heartbeat\",\"product_ids\":[\"BTC-USD\"]}]}";
    static final String CB_SNAPSHOT = "{\"type\":\"snapshot\",\"product_id\":\"BTC-USD\","
            + "\"bids\":[[\"10101.10\",\"0.45054140\"]],\"asks\":[[\"10102.55\",\"0.57753524\"]]}";
    static final String CB_UPDATE = "{\"type\":\"l2update\",\"product_id\":\"BTC-USD\",\"time\":\"2019-08-14T20:42:27.265Z\","
            + "\"changes\":[[\"buy\",\"10101.80000000\",\"0.162567\"]]}";

    static String cbMatch(long tradeId) {
        return "{\"type\":\"match\",\"trade_id\":" + tradeId + ",\"sequence\":" + (50 + tradeId) + ",\"maker_order_id\":\"a\","
                + "\"taker_order_id\":\"b\",\"time\":\"2019-08-14T20:42:28.000Z\",\"product_id\":\"BTC-USD\",\"size\":\"0.1\","
                + "\"price\":\"10102.00\",\"side\":\"sell\"}";
    }

    static String cbHeartbeat(long seq, long lastTradeId) {
        return "{\"type\":\"heartbeat\",\"sequence\":" + seq + ",\"last_trade_id\":" + lastTradeId
                + ",\"product_id\":\"BTC-USD\",\"time\":\"2019-08-14T20:42:29.000Z\"}";
    }

    @Test
    void coinbaseSequenceGapResyncs() throws Exception {
        h.server.onWebSocket("/coinbase", s -> {
            s.awaitText(t -> t.contains("level2_batch") && t.contains("\"BTC-USD\""), SCRIPT_WAIT);
            s.send(CB_SUBS);
            s.send(CB_SNAPSHOT);
            s.send(CB_UPDATE);
            if (s.index() == 0) {
                s.send(cbMatch(10));
                s.send(cbMatch(12)); // trade 11 never arrived: a gap
                s.send(CB_UPDATE);
            } else {
                s.send(cbMatch(20));
                s.send(cbHeartbeat(80, 20));
            }
        });
        h.start(Venue.COINBASE, List.of(BTC), c -> c);
        h.pollUntil(() -> h.server.requests("/coinbase") >= 2 && h.feed.booksValid("coinbase-0")
                && h.lastIndex(EventKind.HEARTBEAT, BTC) > h.lastMarkerIndex(BTC), "coinbase book rebuilt");

        var m = h.metrics(Venue.COINBASE);
        assertThat(m.sequenceGaps.getCount()).isEqualTo(1);
        assertThat(m.resyncs.getCount()).isEqualTo(1);
        assertThat(h.markers(BTC).get(1).reset().reason()).isEqualTo("sequence_gap BTC/USD");
        assertThat(h.count(EventKind.BOOK_SNAPSHOT, BTC)).isEqualTo(2);
    }

    @Test
    void coinbaseHeartbeatSequenceGoingBackwardsResyncs() throws Exception {
        h.server.onWebSocket("/coinbase", s -> {
            s.awaitText(t -> t.contains("level2_batch"), SCRIPT_WAIT);
            s.send(CB_SUBS);
            s.send(CB_SNAPSHOT);
            s.send(cbHeartbeat(90, 0));
            if (s.index() == 0) s.send(cbHeartbeat(80, 0)); // the product's sequence went back: messages were missed
            s.send(CB_UPDATE);
        });
        h.start(Venue.COINBASE, List.of(BTC), c -> c);
        h.pollUntil(() -> h.server.requests("/coinbase") >= 2 && h.feed.booksValid("coinbase-0")
                && h.lastIndex(EventKind.BOOK_DELTA, BTC) > h.lastMarkerIndex(BTC), "coinbase book rebuilt");
        var m = h.metrics(Venue.COINBASE);
        assertThat(m.sequenceGaps.getCount()).isEqualTo(1);
        assertThat(m.resyncs.getCount()).isEqualTo(1);
    }

    static String bsDiff(long micros, String bidPrice) {
        return "{\"data\":{\"timestamp\":\"" + micros / 1_000_000 + "\",\"microtimestamp\":\"" + micros + "\","
                + "\"bids\":[[\"" + bidPrice + "\",\"0.01200000\"]],\"asks\":[]},\"channel\":\"diff_order_book_btcusd\",\"event\":\"data\"}";
    }

    static final String BS_REST = "{\"timestamp\":\"1643643489\",\"microtimestamp\":\"1643643489400000\","
            + "\"bids\":[[\"37500.00\",\"0.50000000\"],[\"37499.50\",\"1.00000000\"]],\"asks\":[[\"37520.00\",\"0.25000000\"]]}";

    @Test
    void bitstampDiffsOlderThanTheRestSnapshotAreDroppedAndCounted() throws Exception {
        CountDownLatch restServed = new CountDownLatch(1);
        h.server.onHttp("/api/v2/order_book/btcusd/", i -> {
            restServed.countDown();
            return new HttpReply(200, BS_REST);
        });
        h.server.onWebSocket("/bitstamp", s -> {
            s.awaitText(t -> t.contains("diff_order_book_btcusd"), SCRIPT_WAIT);
            s.awaitText(t -> t.contains("live_trades_btcusd"), SCRIPT_WAIT);
            s.send(bsDiff(1643643489300000L, "37490.00")); // buffered; older than the snapshot
            s.send("{\"event\":\"bts:subscription_succeeded\",\"channel\":\"diff_order_book_btcusd\",\"data\":{}}");
            s.send("{\"event\":\"bts:subscription_succeeded\",\"channel\":\"live_trades_btcusd\",\"data\":{}}");
            s.send(bsDiff(1643643489500000L, "37501.00")); // buffered; newer: applied after the snapshot
            restServed.await();
            Thread.sleep(200); // let the REST body overtake the next diff on the client (order is by microtimestamp anyway)
            s.send(bsDiff(1643643489350000L, "37491.00")); // live, older than the snapshot: stale
            s.send(bsDiff(1643643489600000L, "37502.00"));
        });
        h.start(Venue.BITSTAMP, List.of(BTC), c -> c);
        h.pollUntil(() -> h.metrics(Venue.BITSTAMP).staleDiffs.getCount() == 2 && h.count(EventKind.BOOK_DELTA, BTC) == 4
                && h.feed.booksValid("bitstamp-0"), "bitstamp book with the stale diffs dropped");

        var m = h.metrics(Venue.BITSTAMP);
        assertThat(m.resyncs.getCount()).isZero();
        assertThat(m.invalidBooks.getCount()).isZero();
        assertThat(h.count(EventKind.BOOK_SNAPSHOT, BTC)).isEqualTo(1);
        assertThat(h.lines).anyMatch(l -> l.conn().equals("bitstamp-0#rest:btcusd") && l.frame().equals(BS_REST));
    }

    /**
     * Kraken v2 subscribes per symbol: a symbol it refuses ({@code success:false}, named only in the
     * answer's own {@code symbol} field) is resubscribed alone on the same connection, with its own
     * backoff, while the other symbol's book goes on untouched; after exactly
     * {@code darkAfterAttempts} refusals in a row (here 3: the first subscribe and two resubscribes)
     * it is reported dark and asked for no more. One connection throughout.
     */
    @Test
    void aSymbolKrakenRefusesIsResubscribedAloneThenReportedDarkExactlyAtTheLimit() throws Exception {
        String xyz = "XYZ/USD";
        int limit = 3;
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        h.server.onWebSocket("/kraken", s -> {
            awaitBookSubscribe(s);
            send(s, kraken.subList(0, FRAMES / 2));
            for (int n = 0; ; n++) {
                int k = n;
                try {
                    // the n-th book subscribe naming XYZ/USD (the first is the connection's own)
                    s.awaitText(new java.util.function.Predicate<String>() {
                        int seen;

                        @Override
                        public boolean test(String t) {
                            return t.contains("\"method\":\"subscribe\"") && t.contains("\"channel\":\"book\"") && t.contains(xyz)
                                    && seen++ == k;
                        }
                    }, 2_000);
                } catch (java.io.IOException none) {
                    break;
                }
                asked.incrementAndGet();
                s.send("{\"error\":\"Currency pair not supported\",\"method\":\"subscribe\",\"req_id\":7,\"success\":false,"
                        + "\"symbol\":\"" + xyz + "\",\"time_in\":\"2025-01-06T00:00:00.000000Z\","
                        + "\"time_out\":\"2025-01-06T00:00:00.000001Z\"}");
            }
            send(s, kraken.subList(FRAMES / 2, FRAMES));
            s.holdUntilClientCloses(SCRIPT_WAIT);
        });
        h.start(Venue.KRAKEN, List.of(BTC, xyz), c -> c.withDarkAfterAttempts(limit));
        h.pollUntil(() -> h.metrics(Venue.KRAKEN).darkSymbols.get() == 1 && h.feed.booksValid("kraken-0")
                && h.lines.size() >= FRAMES + limit, "XYZ/USD dark, BTC/USD valid, every frame");

        var m = h.metrics(Venue.KRAKEN);
        assertThat(asked.get()).as("subscribes of XYZ/USD: the first and limit - 1 resubscribes").isEqualTo(limit);
        assertThat(m.subscribeErrors.getCount()).isEqualTo(limit);
        assertThat(h.server.requests("/kraken")).as("one connection").isEqualTo(1);
        assertThat(m.reconnects.getCount()).isZero();
        assertThat(h.feed.darkSymbols("kraken-0")).containsExactly(xyz);
        // the refusal names its symbol: the subscription records and the resets are XYZ/USD's only
        assertThat(h.events).filteredOn(e -> e.kind() == EventKind.SUBSCRIPTION && !e.subscription().success())
                .hasSize(limit).allMatch(e -> e.symbol().equals(xyz));
        assertThat(h.events).filteredOn(e -> e.kind() == EventKind.BOOK_RESET && !e.reset().reason().equals("connected"))
                .hasSize(limit).allMatch(e -> e.symbol().equals(xyz));
        assertThat(h.events).filteredOn(e -> e.kind() == EventKind.BOOK_SNAPSHOT && e.symbol().equals(BTC)).hasSize(1);
        assertThat(m.freshnessMillis(xyz)).isGreaterThanOrEqualTo(0); // still reported by freshness and health
    }

    /**
     * Kraken, a lost snapshot: the symbol's first update reveals it; the symbol alone is unsubscribed
     * and subscribed again on the same connection and rebuilt from the snapshot that follows, its
     * updates in between ignored (not counted as new gaps), the other book untouched.
     */
    @Test
    void aKrakenSymbolWhoseSnapshotIsLostIsResubscribedAloneOnTheSameConnection() throws Exception {
        String eth = "ETH/USD";
        String ethSnapshot = "{\"channel\":\"book\",\"type\":\"snapshot\",\"data\":[{\"symbol\":\"ETH/USD\",\"bids\":"
                + "[{\"price\":3000.00,\"qty\":1.00000000}],\"asks\":[{\"price\":3001.00,\"qty\":2.00000000}],\"checksum\":2197116910}]}";
        String ethUpdate = "{\"channel\":\"book\",\"type\":\"update\",\"data\":[{\"symbol\":\"ETH/USD\",\"bids\":"
                + "[{\"price\":2999.00,\"qty\":1.00000000}],\"asks\":[],\"checksum\":0,\"timestamp\":\"2025-01-06T00:00:01.000000Z\"}]}";
        h.server.onWebSocket("/kraken", s -> {
            awaitBookSubscribe(s);
            send(s, kraken.subList(0, FRAMES / 2));
            s.send(ethUpdate); // no snapshot came before it
            s.send(ethUpdate); // in flight while the client resubscribes: expected, not a second gap
            s.awaitText(t -> t.contains("\"method\":\"unsubscribe\"") && t.contains(eth), SCRIPT_WAIT);
            s.awaitText(t -> t.contains("\"method\":\"subscribe\"") && t.contains("\"channel\":\"book\"") && t.contains("[\"" + eth + "\"]"),
                    SCRIPT_WAIT);
            s.send("{\"method\":\"unsubscribe\",\"result\":{\"channel\":\"book\",\"depth\":10,\"symbol\":\"ETH/USD\"},\"success\":true}");
            s.send("{\"method\":\"subscribe\",\"result\":{\"channel\":\"book\",\"depth\":10,\"snapshot\":true,\"symbol\":\"ETH/USD\"},"
                    + "\"success\":true}");
            s.send(ethSnapshot);
            send(s, kraken.subList(FRAMES / 2, FRAMES));
            s.holdUntilClientCloses(SCRIPT_WAIT);
        });
        h.start(Venue.KRAKEN, List.of(BTC, eth), c -> c);
        h.pollUntil(() -> h.lines.size() >= FRAMES + 5 && h.lastIndex(EventKind.BOOK_SNAPSHOT, eth) >= 0
                && h.feed.booksValid("kraken-0"), "every frame, ETH/USD's fresh snapshot, both books valid");

        var m = h.metrics(Venue.KRAKEN);
        assertThat(m.snapshotsMissing.getCount()).isEqualTo(1);
        assertThat(m.reconnects.getCount()).isZero();
        assertThat(h.server.requests("/kraken")).isEqualTo(1);
        assertThat(h.events).filteredOn(e -> e.kind() == EventKind.BOOK_RESET && !e.reset().reason().equals("connected"))
                .hasSize(1).allMatch(e -> e.symbol().equals(eth) && e.reset().reason().startsWith("update_before_snapshot"));
        assertThat(h.lastIndex(EventKind.BOOK_SNAPSHOT, eth)).isGreaterThan(h.lastMarkerIndex(eth));
        assertThat(h.feed.booksValid("kraken-0")).as("ETH/USD rebuilt with the instrument's precisions it had").isTrue();
        assertThat(h.feed.darkSymbols("kraken-0")).isEmpty();
    }

    /**
     * Bitstamp's {@code bts:error} names the refused channel: the same limit (the default, 5) applies
     * to the symbol of that channel.
     */
    @Test
    void aSymbolBitstampRefusesIsResubscribedAloneThenReportedDarkAtTheDefaultLimit() throws Exception {
        String eth = "ETH/USD";
        int limit = LiveSourceConfig.DEFAULT_DARK_AFTER_ATTEMPTS;
        h.server.onHttp("/api/v2/order_book/btcusd/", i -> new HttpReply(200, BS_REST));
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        h.server.onWebSocket("/bitstamp", s -> {
            s.awaitText(t -> t.contains("diff_order_book_btcusd"), SCRIPT_WAIT);
            s.send("{\"event\":\"bts:subscription_succeeded\",\"channel\":\"diff_order_book_btcusd\",\"data\":{}}");
            for (int n = 0; ; n++) {
                int k = n;
                try {
                    // the n-th bts:subscribe of ETH/USD's diff channel (the first is the connection's own)
                    s.awaitText(new java.util.function.Predicate<String>() {
                        int seen;

                        @Override
                        public boolean test(String t) {
                            return t.contains("\"bts:subscribe\"") && t.contains("diff_order_book_ethusd") && seen++ == k;
                        }
                    }, 3_000); // subscribes are rate-limited
                } catch (java.io.IOException none) {
                    break;
                }
                asked.incrementAndGet();
                s.send("{\"event\":\"bts:error\",\"channel\":\"diff_order_book_ethusd\",\"data\":{\"code\":null,"
                        + "\"message\":\"Bad subscription string.\"}}");
            }
            s.send(bsDiff(1643643489500000L, "37501.00"));
            s.holdUntilClientCloses(SCRIPT_WAIT);
        });
        h.start(Venue.BITSTAMP, List.of(BTC, eth), c -> c);
        h.pollUntil(() -> h.metrics(Venue.BITSTAMP).darkSymbols.get() == 1 && h.feed.booksValid("bitstamp-0")
                && h.count(EventKind.BOOK_DELTA, BTC) >= 1, "ETH/USD dark, BTC/USD valid and updated");

        var m = h.metrics(Venue.BITSTAMP);
        assertThat(asked.get()).as("subscribes of ETH/USD: the first and limit - 1 resubscribes").isEqualTo(limit);
        assertThat(m.subscribeErrors.getCount()).isEqualTo(limit);
        assertThat(h.server.requests("/bitstamp")).as("one connection").isEqualTo(1);
        assertThat(m.reconnects.getCount()).isZero();
        assertThat(h.feed.darkSymbols("bitstamp-0")).containsExactly(eth);
        assertThat(h.events).filteredOn(e -> e.kind() == EventKind.BOOK_RESET && !e.reset().reason().equals("connected"))
                .hasSize(limit).allMatch(e -> e.symbol().equals(eth));
        assertThat(h.feed.booksValid("bitstamp-0")).isTrue();
    }

    @Test
    void geminiL2StreamBuildsTheBook() throws Exception {
        h.server.onWebSocket("/gemini", s -> {
            s.awaitText(t -> t.contains("\"name\":\"l2\"") && t.contains("BTCUSD"), SCRIPT_WAIT);
            s.send("{\"type\":\"l2_updates\",\"symbol\":\"BTCUSD\",\"changes\":[[\"buy\",\"9122.04\",\"0.00121425\"],"
                    + "[\"sell\",\"9122.07\",\"0.98942292\"]],\"trades\":[]}");
            s.send("{\"type\":\"l2_updates\",\"symbol\":\"BTCUSD\",\"changes\":[[\"sell\",\"9160.20\",\"0.1921229751\"]]}");
            s.send("{\"type\":\"trade\",\"symbol\":\"BTCUSD\",\"event_id\":1,\"timestamp\":1560976400428,\"price\":\"9122.05\","
                    + "\"quantity\":\"0.01\",\"side\":\"buy\",\"tid\":5}");
        });
        h.start(Venue.GEMINI, List.of(BTC), c -> c);
        h.pollUntil(() -> h.count(EventKind.TRADE, BTC) == 1 && h.feed.booksValid("gemini-0"), "gemini book and trade");
        assertThat(h.count(EventKind.BOOK_SNAPSHOT, BTC)).isEqualTo(1);
        assertThat(h.count(EventKind.BOOK_DELTA, BTC)).isEqualTo(1);
    }

    @Test
    void slowDownstreamOverflowsTheBoundedQueueAndResyncs() throws Exception {
        CountDownLatch sent = new CountDownLatch(1);
        h.server.onWebSocket("/kraken", s -> {
            awaitBookSubscribe(s);
            if (s.index() == 0) {
                send(s, kraken);
                sent.countDown();
            } else {
                send(s, kraken.subList(0, 40)); // fits the queue
            }
        });
        startKraken(c -> c.withLimits(50, 10_000, 20, 200));
        // nobody polls: the socket thread fills the queue and must drop, not block or grow
        LiveHarness.awaitWithoutPolling(() -> h.metrics(Venue.KRAKEN).queueOverflows.getCount() >= 1, "queue overflow");
        sent.await();
        h.pollUntil(() -> krakenValidAfter(2), "book rebuilt after the overflow");

        var m = h.metrics(Venue.KRAKEN);
        assertThat(m.queueOverflows.getCount()).isEqualTo(1);
        assertThat(m.resyncs.getCount()).isEqualTo(1);
        assertThat(m.framesDropped.getCount()).isGreaterThan(0);
        // the overflow may come before the first frame was taken: then it is the only marker
        assertThat(h.markers(BTC)).extracting(e -> e.reset().reason()).contains("queue_overflow");
        // of the first connection, at most the queue's worth was handed on
        assertThat(h.lines.size()).isLessThanOrEqualTo(50 + 40);
    }

    @Test
    void rateLimitStormOpensTheCircuitThenAHalfOpenProbeClosesIt() throws Exception {
        h.server.onHttp("/kraken", i -> new HttpReply(429, "{\"error\":\"rate limited\"}"));
        startKraken(c -> c.withBreaker(new CircuitBreaker.Config(20, 10, 0.30, 5, 5_000, 300)));
        h.pollUntil(() -> h.metrics(Venue.KRAKEN).circuitOpened.getCount() >= 1, "circuit open");
        assertThat(h.metrics(Venue.KRAKEN).circuitState()).isEqualTo(CircuitBreaker.State.OPEN.code);
        int refusedWhileOpen = h.server.requests("/kraken");
        assertThat(refusedWhileOpen).isGreaterThanOrEqualTo(5);

        h.server.onWebSocket("/kraken", s -> {
            awaitBookSubscribe(s);
            send(s, kraken);
        });
        h.pollUntil(() -> h.feed.booksValid("kraken-0"), "book after the probe");
        assertThat(h.metrics(Venue.KRAKEN).circuitState()).isEqualTo(CircuitBreaker.State.CLOSED.code);
    }

    @Test
    void closeShutsTheConnectionsDown() throws Exception {
        h.server.onWebSocket("/kraken", s -> {
            awaitBookSubscribe(s);
            send(s, kraken.subList(0, 20));
        });
        startKraken(c -> c);
        h.pollUntil(() -> h.lines.size() == 20, "first frames");
        h.feed.close();
        Session s = h.server.sessions().get(0);
        s.holdUntilClientCloses(LiveHarness.DEADLINE_MILLIS);
        assertThat(s.clientClosed()).isTrue();
        assertThat(h.feed.poll(new LiveFeed.Output() {
            @Override
            public void event(MarketEvent e) {}

            @Override
            public void frame(io.cryptorun.sources.fixture.FixtureLine line, String symbol) {}
        }, 10)).isZero();
    }
}
