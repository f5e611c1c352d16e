package io.cryptorun.sources.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptorun.sources.live.loopback.LoopbackExchange.HttpReply;
import io.cryptorun.sources.model.EventKind;
import io.cryptorun.sources.model.MarketEvent;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bitstamp's periodic REST comparison against a loopback venue that keeps a true book, streams its
 * diffs while REST requests are answered (the two are not atomic), and silently drops one diff.
 */
class BitstampRestCheckTest {
    private static final String BTC = "BTC/USD";
    private static final String ETH = "ETH/USD";
    private static final long SCRIPT_WAIT = 10_000;

    /** One pair's true book on the venue and its clock. */
    static final class Pair {
        final TreeMap<BigDecimal, BigDecimal> bids = new TreeMap<>(Comparator.reverseOrder());
        final TreeMap<BigDecimal, BigDecimal> asks = new TreeMap<>();
        final String pair;

        Pair(String pair, String mid) {
            this.pair = pair;
            BigDecimal m = new BigDecimal(mid);
            for (int i = 1; i <= 15; i++) {
                bids.put(m.subtract(BigDecimal.valueOf(i)), new BigDecimal("1.00000000"));
                asks.put(m.add(BigDecimal.valueOf(i)), new BigDecimal("2.00000000"));
            }
        }

        String rest(long micros) {
            return "{\"timestamp\":\"" + micros / 1_000_000 + "\",\"microtimestamp\":\"" + micros + "\",\"bids\":" + levels(bids)
                    + ",\"asks\":" + levels(asks) + "}";
        }

        /** A diff setting one bid level (qty 0 removes), applied to the true book. */
        String diff(long micros, BigDecimal price, BigDecimal qty) {
            if (qty.signum() == 0) bids.remove(price);
            else bids.put(price, qty);
            return "{\"data\":{\"timestamp\":\"" + micros / 1_000_000 + "\",\"microtimestamp\":\"" + micros + "\",\"bids\":[[\""
                    + price.toPlainString() + "\",\"" + qty.toPlainString() + "\"]],\"asks\":[]},\"channel\":\"diff_order_book_"
                    + pair + "\",\"event\":\"data\"}";
        }

        private static String levels(TreeMap<BigDecimal, BigDecimal> side) {
            StringBuilder b = new StringBuilder("[");
            for (Map.Entry<BigDecimal, BigDecimal> e : side.entrySet()) {
                if (b.length() > 1) b.append(',');
                b.append("[\"").append(e.getKey().toPlainString()).append("\",\"").append(e.getValue().toPlainString()).append("\"]");
            }
            return b.append(']').toString();
        }
    }

    private LiveHarness h;
    private LogCapture log;
    private final Object venue = new Object();
    private long micros = 1_700_000_000_000_000L;

    @BeforeEach
    void setUp() throws Exception {
        h = new LiveHarness();
        log = new LogCapture(LiveFeed.class);
    }

    @AfterEach
    void tearDown() throws Exception {
        log.close();
        h.close();
    }

    /**
     * Diffs of both pairs flow every few ms while the client compares each pair's book with REST
     * every 150 ms. After three comparisons of BTC/USD the venue drops one BTC diff (a new level no
     * later diff touches, so the book does not cross and nothing else can notice). The next
     * comparison finds it: one {@code bitstampRestMismatches}, one {@code rest_mismatch} line, a reset
     * of BTC/USD alone — before any later diff of it — and BTC/USD resubscribed on the same
     * connection and rebuilt from a fresh REST snapshot; later comparisons agree again, ETH/USD is
     * never touched, and no comparison disagreed before the drop (the body and the stream are not
     * atomic, and that alone never makes a mismatch).
     */
    @Test
    void aDiffTheVenueDropsIsFoundByTheRestComparisonAndThePairIsResynced() throws Exception {
        Pair btc = new Pair("btcusd", "37500");
        Pair eth = new Pair("ethusd", "2500");
        java.util.concurrent.atomic.AtomicInteger btcRests = new java.util.concurrent.atomic.AtomicInteger();
        AtomicBoolean done = new AtomicBoolean();
        h.server.onHttp("/api/v2/order_book/btcusd/", i -> {
            synchronized (venue) {
                btcRests.incrementAndGet();
                return new HttpReply(200, btc.rest(micros));
            }
        });
        h.server.onHttp("/api/v2/order_book/ethusd/", i -> {
            synchronized (venue) {
                return new HttpReply(200, eth.rest(micros));
            }
        });
        long[] droppedAt = {-1};
        h.server.onWebSocket("/bitstamp", s -> {
            for (String p : List.of("btcusd", "ethusd")) {
                s.awaitText(t -> t.contains("diff_order_book_" + p), SCRIPT_WAIT);
                s.send("{\"event\":\"bts:subscription_succeeded\",\"channel\":\"diff_order_book_" + p + "\",\"data\":{}}");
            }
            boolean resubscribed = false;
            int afterRecovery = 0;
            for (int i = 0; afterRecovery < 400 && i < 20_000; i++) {
                synchronized (venue) {
                    micros += 1000;
                    Pair p = i % 2 == 0 ? btc : eth;
                    // levels 1..5 below the mid change all the time
                    BigDecimal price = (p == btc ? new BigDecimal("37500") : new BigDecimal("2500")).subtract(BigDecimal.valueOf(1 + i % 5));
                    BigDecimal qty = new BigDecimal("1.00000000").add(new BigDecimal(i % 7).movePointLeft(2));
                    if (p == btc && droppedAt[0] < 0 && btcRests.get() >= 4) {
                        // a new level between 3 and 4 below the mid, never touched again: lost on the way
                        btc.diff(micros, new BigDecimal("37496.5"), new BigDecimal("0.30000000"));
                        droppedAt[0] = micros;
                    } else {
                        s.send(p.diff(micros, price, qty));
                    }
                }
                if (!resubscribed && s.received().stream().anyMatch(t -> t.contains("bts:unsubscribe") && t.contains("btcusd"))) {
                    s.awaitText(t -> t.contains("bts:subscribe") && t.contains("diff_order_book_btcusd")
                            && s.received().stream().filter(x -> x.contains("bts:subscribe") && x.contains("diff_order_book_btcusd"))
                                    .count() >= 2, SCRIPT_WAIT);
                    s.send("{\"event\":\"bts:unsubscription_succeeded\",\"channel\":\"diff_order_book_btcusd\",\"data\":{}}");
                    s.send("{\"event\":\"bts:subscription_succeeded\",\"channel\":\"diff_order_book_btcusd\",\"data\":{}}");
                    resubscribed = true;
                }
                if (resubscribed) afterRecovery++;
                Thread.sleep(2);
            }
            done.set(true);
            s.holdUntilClientCloses(SCRIPT_WAIT * 3);
        });
        h.start(Venue.BITSTAMP, List.of(BTC, ETH), c -> c.withBitstampRestCheckMillis(150));
        var m = h.metrics(Venue.BITSTAMP);
        h.pollUntil(() -> done.get() && m.bitstampRestMismatches.getCount() >= 1 && h.feed.booksValid("bitstamp-0"),
                "the dropped diff found, BTC/USD resynced, the venue done");
        long checksAtEnd = m.bitstampRestChecks.getCount();
        h.pollUntil(() -> m.bitstampRestChecks.getCount() >= checksAtEnd + 2, "two more comparisons");

        assertThat(droppedAt[0]).as("the venue dropped a diff").isPositive();
        assertThat(m.bitstampRestMismatches.getCount()).isEqualTo(1);
        assertThat(m.bitstampRestChecks.getCount()).as("comparisons before and after").isGreaterThanOrEqualTo(6);
        assertThat(log.matching("event=rest_mismatch", "symbol=" + BTC, "bid level", "37496.5")).hasSize(1);
        // BTC/USD alone: one reset besides the connection's first, then a fresh REST snapshot
        List<MarketEvent> resets = h.events.stream().filter(e -> e.kind() == EventKind.BOOK_RESET
                && !e.reset().reason().equals("connected")).toList();
        assertThat(resets).singleElement().satisfies(r -> {
            assertThat(r.symbol()).isEqualTo(BTC);
            assertThat(r.reset().reason()).startsWith("rest_mismatch");
            // stamped with BTC/USD's last book data before the diff that completed the comparison, after the lost one
            assertThat(r.header().exchangeTimeMicros()).isGreaterThan(droppedAt[0]);
        });
        int reset = h.events.indexOf(resets.get(0));
        assertThat(h.lastIndex(EventKind.BOOK_SNAPSHOT, BTC)).isGreaterThan(reset);
        // the reset comes before every BTC diff whose exchange time is after the one that revealed the gap
        long resetTime = resets.get(0).header().exchangeTimeMicros();
        for (int i = 0; i < reset; i++) {
            MarketEvent e = h.events.get(i);
            if (e.kind() == EventKind.BOOK_DELTA && e.symbol().equals(BTC)) {
                assertThat(e.header().exchangeTimeMicros()).isLessThanOrEqualTo(resetTime);
            }
        }
        assertThat(h.count(EventKind.BOOK_SNAPSHOT, ETH)).isEqualTo(1);
        assertThat(h.server.requests("/bitstamp")).as("one connection").isEqualTo(1);
        assertThat(m.reconnects.getCount()).isZero();
        assertThat(h.feed.darkSymbols("bitstamp-0")).isEmpty();
    }

    /** The comparison is off with 0: the same dropped diff goes unnoticed (what the check adds). */
    @Test
    void withTheComparisonOffTheDroppedDiffGoesUnnoticed() throws Exception {
        Pair btc = new Pair("btcusd", "37500");
        AtomicBoolean done = new AtomicBoolean();
        h.server.onHttp("/api/v2/order_book/btcusd/", i -> {
            synchronized (venue) {
                return new HttpReply(200, btc.rest(micros));
            }
        });
        h.server.onWebSocket("/bitstamp", s -> {
            s.awaitText(t -> t.contains("diff_order_book_btcusd"), SCRIPT_WAIT);
            s.send("{\"event\":\"bts:subscription_succeeded\",\"channel\":\"diff_order_book_btcusd\",\"data\":{}}");
            Thread.sleep(300);
            for (int i = 0; i < 300; i++) {
                synchronized (venue) {
                    micros += 1000;
                    if (i == 100) btc.diff(micros, new BigDecimal("37496.5"), new BigDecimal("0.30000000"));
                    else s.send(btc.diff(micros, new BigDecimal("37500").subtract(BigDecimal.valueOf(1 + i % 5)), new BigDecimal("1.5")));
                }
                Thread.sleep(2);
            }
            done.set(true);
            s.holdUntilClientCloses(SCRIPT_WAIT * 3);
        });
        h.start(Venue.BITSTAMP, List.of(BTC), c -> c.withBitstampRestCheckMillis(0));
        h.pollUntil(() -> done.get() && h.count(EventKind.BOOK_DELTA, BTC) == 299, "every diff");
        Thread.sleep(300);
        h.pollUntil(() -> true, "");
        assertThat(h.metrics(Venue.BITSTAMP).bitstampRestChecks.getCount()).isZero();
        assertThat(h.metrics(Venue.BITSTAMP).bitstampRestMismatches.getCount()).isZero();
        assertThat(h.markers(BTC)).singleElement().satisfies(e -> assertThat(e.reset().reason()).isEqualTo("connected"));
    }
}
