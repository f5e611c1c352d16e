package io.cryptorun.sources.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptorun.sources.live.loopback.LoopbackExchange.Session;
import io.cryptorun.sources.model.EventKind;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Per-symbol recovery on one connection against a real WebSocket server on loopback (issue 10):
 * a resubscribe the venue never answers counts towards the dark limit after the resubscribe
 * timeout, and a Coinbase subscribe refusal is retried for the refused product alone.
 */
class PerSymbolRecoveryTest {
    private static final String BTC = "BTC/USD";
    private static final int FRAMES = 300;
    private static final long SCRIPT_WAIT = 10_000;

    private LiveHarness h;
    private LogCapture log;

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

    /** Client frames of {@code s} that subscribe {@code symbolList} (e.g. {@code ["ETH/USD"]}) on a book channel. */
    private static long subscribes(Session s, String marker, String symbolList) {
        return s.received().stream().filter(t -> t.contains("subscribe") && !t.contains("unsubscribe") && t.contains(marker)
                && t.contains(symbolList)).count();
    }

    /**
     * Kraken: ETH/USD's snapshot is lost (an update comes first), so the client resubscribes it alone
     * — and the venue never answers (no ack, no refusal, no book). After the resubscribe timeout each
     * attempt counts as a failure and the next follows with the symbol's backoff; at the dark limit
     * (3: the lost snapshot and two unanswered resubscribes) ETH/USD is reported dark — gauge and
     * {@code symbol_dark} line — and asked for no more. BTC/USD's book is untouched, one connection.
     */
    @Test
    void aResubscribeTheVenueNeverAnswersCountsTowardsTheDarkLimit() throws Exception {
        String eth = "ETH/USD";
        int limit = 3;
        List<String> kraken = LiveHarness.krakenFrames(FRAMES);
        String ethUpdate = "{\"channel\":\"book\",\"type\":\"update\",\"data\":[{\"symbol\":\"ETH/USD\",\"bids\":"
                + "[{\"price\":2999.00,\"qty\":1.00000000}],\"asks\":[],\"checksum\":0,\"timestamp\":\"2025-01-06T00:00:01.000000Z\"}]}";
        h.server.onWebSocket("/kraken", s -> {
            s.awaitText(t -> t.contains("\"channel\":\"book\""), SCRIPT_WAIT);
            for (String f : kraken.subList(0, FRAMES / 2)) s.send(f);
            s.send(ethUpdate); // no snapshot before it: ETH/USD is resubscribed alone; its resubscribes are ignored
            for (String f : kraken.subList(FRAMES / 2, FRAMES)) s.send(f);
            s.holdUntilClientCloses(SCRIPT_WAIT * 3);
        });
        h.start(Venue.KRAKEN, List.of(BTC, eth), c -> c.withDarkAfterAttempts(limit).withResubscribeTimeoutMillis(300));
        h.pollUntil(() -> h.metrics(Venue.KRAKEN).darkSymbols.get() == 1 && h.feed.booksValid("kraken-0")
                && h.lines.size() >= FRAMES + 1, "ETH/USD dark, BTC/USD valid, every frame");
        Session s = h.server.sessions().get(0);
        // dark: asked for no more, however long we wait (two more timeouts' worth)
        long until = System.currentTimeMillis() + 800;
        while (System.currentTimeMillis() < until) h.pollUntil(() -> true, "");
        Thread.sleep(800);
        h.pollUntil(() -> true, "");

        var m = h.metrics(Venue.KRAKEN);
        assertThat(subscribes(s, "\"channel\":\"book\"", "[\"" + eth + "\"]")).as("resubscribes of ETH/USD alone").isEqualTo(limit - 1);
        assertThat(m.resubscribeTimeouts.getCount()).isEqualTo(limit - 1);
        assertThat(m.snapshotsMissing.getCount()).isEqualTo(1);
        assertThat(h.feed.darkSymbols("kraken-0")).containsExactly(eth);
        assertThat(log.matching("event=symbol_dark", "symbol=" + eth, "after " + limit + " resubscribes")).hasSize(1);
        assertThat(log.matching("event=resubscribe_timeout", "symbol=" + eth)).hasSize(limit - 1);
        // the last thing said about ETH/USD is its unsubscribe
        List<String> received = s.received();
        assertThat(received.get(received.size() - 1)).contains("\"method\":\"unsubscribe\"").contains(eth);
        // one connection; BTC/USD untouched: its one snapshot, no reset but the connection's first
        assertThat(h.server.requests("/kraken")).isEqualTo(1);
        assertThat(m.reconnects.getCount()).isZero();
        assertThat(h.markers(BTC)).singleElement().satisfies(e -> assertThat(e.reset().reason()).isEqualTo("connected"));
        assertThat(h.count(EventKind.BOOK_SNAPSHOT, BTC)).isEqualTo(1);
        assertThat(h.feed.booksValid("kraken-0")).isTrue();
    }

    /**
     * Gemini v2 acknowledges nothing: after ETH/USD's book is lost (an update before its full book) it
     * is resubscribed alone, and the venue never sends the book again. The resubscribe timeout ends
     * each wait; at the default limit (5: the lost book and four unanswered resubscribes) it is dark.
     */
    @Test
    void aGeminiResubscribeWithoutItsBookIsRetriedUntilDarkAtTheDefaultLimit() throws Exception {
        String eth = "ETH/USD";
        int limit = LiveSourceConfig.DEFAULT_DARK_AFTER_ATTEMPTS;
        h.server.onWebSocket("/gemini", s -> {
            s.awaitText(t -> t.contains("\"name\":\"l2\"") && t.contains("ETHUSD"), SCRIPT_WAIT);
            s.send("{\"type\":\"l2_updates\",\"symbol\":\"BTCUSD\",\"changes\":[[\"buy\",\"9122.04\",\"0.00121425\"],"
                    + "[\"sell\",\"9122.07\",\"0.98942292\"]],\"trades\":[]}");
            s.send("{\"type\":\"l2_updates\",\"symbol\":\"ETHUSD\",\"changes\":[[\"buy\",\"3000.00\",\"1.5\"]]}"); // no book before it
            s.send("{\"type\":\"l2_updates\",\"symbol\":\"BTCUSD\",\"changes\":[[\"sell\",\"9160.20\",\"0.1921229751\"]]}");
            s.holdUntilClientCloses(SCRIPT_WAIT * 3);
        });
        h.start(Venue.GEMINI, List.of(BTC, eth), c -> c.withResubscribeTimeoutMillis(200));
        h.pollUntil(() -> h.metrics(Venue.GEMINI).darkSymbols.get() == 1 && h.feed.booksValid("gemini-0")
                && h.count(EventKind.BOOK_DELTA, BTC) == 1, "ETH/USD dark, BTC/USD valid and updated");
        Thread.sleep(600); // two more timeouts' worth: nothing more is asked
        h.pollUntil(() -> true, "");

        var m = h.metrics(Venue.GEMINI);
        Session s = h.server.sessions().get(0);
        assertThat(subscribes(s, "\"name\":\"l2\"", "[\"ETHUSD\"]")).as("resubscribes of ETH/USD alone").isEqualTo(limit - 1);
        assertThat(m.resubscribeTimeouts.getCount()).isEqualTo(limit - 1);
        assertThat(h.feed.darkSymbols("gemini-0")).containsExactly(eth);
        assertThat(log.matching("event=symbol_dark", "symbol=" + eth, "after " + limit + " resubscribes")).hasSize(1);
        assertThat(h.server.requests("/gemini")).isEqualTo(1);
        assertThat(m.reconnects.getCount()).isZero();
        assertThat(h.markers(BTC)).singleElement().satisfies(e -> assertThat(e.reset().reason()).isEqualTo("connected"));
        // one reset of ETH/USD (the lost book): an unanswered attempt resets nothing new
        assertThat(h.markers(eth)).extracting(e -> e.reset().reason()).hasSize(2).first().isEqualTo("connected");
    }

    /**
     * Coinbase Exchange refuses one product of the subscribe ({@code {"type":"error"}} naming it): only
     * that product is subscribed again, alone, on the same connection with its backoff — twice refused,
     * the third time answered with its book — while BTC-USD's book goes on untouched.
     */
    @Test
    void aCoinbaseRefusalResubscribesTheRefusedProductAloneOnTheSameConnection() throws Exception {
        String xyz = "XYZ/USD";
        int refusals = 2;
        AtomicInteger asked = new AtomicInteger();
        h.server.onWebSocket("/coinbase", s -> {
            s.awaitText(t -> t.contains("\"type\":\"subscribe\"") && t.contains("XYZ-USD"), SCRIPT_WAIT);
            s.send(refusal());
            s.send("{\"type\":\"subscriptions\",\"channels\":[{\"name\":\"level2_batch\",\"product_ids\":[\"BTC-USD\"]}]}");
            s.send("{\"type\":\"snapshot\",\"product_id\":\"BTC-USD\",\"bids\":[[\"37500.00\",\"0.5\"]],\"asks\":[[\"37520.00\",\"0.25\"]]}");
            long micros = 1_700_000_000_000_000L;
            for (int n = 1; ; n++) {
                int k = n;
                // the n-th subscribe of XYZ-USD alone
                s.awaitText(new java.util.function.Predicate<String>() {
                    int seen;

                    @Override
                    public boolean test(String t) {
                        return t.contains("\"type\":\"subscribe\"") && t.contains("[\"XYZ-USD\"]") && ++seen == k;
                    }
                }, SCRIPT_WAIT);
                asked.incrementAndGet();
                s.send(update("BTC-USD", "37501.00", micros += 1000)); // BTC-USD's book moves on meanwhile
                if (n < refusals) {
                    s.send(refusal());
                    continue;
                }
                s.send("{\"type\":\"subscriptions\",\"channels\":[{\"name\":\"level2_batch\",\"product_ids\":[\"BTC-USD\",\"XYZ-USD\"]}]}");
                s.send("{\"type\":\"snapshot\",\"product_id\":\"XYZ-USD\",\"bids\":[[\"1.50\",\"10\"]],\"asks\":[[\"1.60\",\"20\"]]}");
                s.send(update("XYZ-USD", "1.51", micros += 1000));
                s.send(update("BTC-USD", "37502.00", micros += 1000));
                break;
            }
            s.holdUntilClientCloses(SCRIPT_WAIT * 3);
        });
        h.start(Venue.COINBASE, List.of(BTC, xyz), c -> c);
        h.pollUntil(() -> h.count(EventKind.BOOK_DELTA, xyz) == 1 && h.count(EventKind.BOOK_DELTA, BTC) == refusals + 1
                && h.feed.booksValid("coinbase-0"), "XYZ/USD rebuilt, BTC/USD updated throughout");

        var m = h.metrics(Venue.COINBASE);
        assertThat(asked.get()).as("subscribes of XYZ-USD alone").isEqualTo(refusals);
        assertThat(m.subscribeErrors.getCount()).isEqualTo(refusals);
        assertThat(h.server.requests("/coinbase")).as("one connection").isEqualTo(1);
        assertThat(m.reconnects.getCount()).isZero();
        assertThat(h.feed.darkSymbols("coinbase-0")).isEmpty();
        // the resets are XYZ/USD's: one per refusal, each before the fresh snapshot that ends the wait
        assertThat(h.events).filteredOn(e -> e.kind() == EventKind.BOOK_RESET && !e.reset().reason().equals("connected"))
                .hasSize(refusals).allMatch(e -> e.symbol().equals(xyz) && e.reset().reason().contains("Failed to subscribe"));
        assertThat(h.lastIndex(EventKind.BOOK_SNAPSHOT, xyz)).isGreaterThan(h.lastMarkerIndex(xyz));
        // BTC-USD untouched: its one snapshot, no reset but the connection's first, every update applied
        assertThat(h.markers(BTC)).singleElement().satisfies(e -> assertThat(e.reset().reason()).isEqualTo("connected"));
        assertThat(h.count(EventKind.BOOK_SNAPSHOT, BTC)).isEqualTo(1);
        // the resubscribe named XYZ-USD alone, on every channel (its first subscribe was refused as a whole)
        assertThat(h.server.sessions().get(0).received()).anyMatch(t -> t.equals(
                "{\"type\":\"subscribe\",\"product_ids\":[\"XYZ-USD\"],\"channels\":[\"level2_batch\",\"matches\",\"heartbeat\"]}"));
        assertThat(log.matching("event=resubscribe", "symbol=" + xyz)).hasSize(refusals);
    }

    /**
     * Coinbase refuses the whole subscribe message though its error names one product: BTC-USD, in the
     * same message, never gets a book either. After the refusal BTC-USD gets the resubscribe timeout;
     * when it expires without a book, BTC-USD alone is retried (its book channel unsubscribed, then
     * the product on every channel) — one connection throughout, both books rebuilt.
     */
    @Test
    void afterACoinbaseRefusalAProductOfTheSameMessageWithoutABookIsRetriedAfterTheTimeout() throws Exception {
        String xyz = "XYZ/USD";
        h.server.onWebSocket("/coinbase", s -> {
            s.awaitText(t -> t.contains("\"type\":\"subscribe\"") && t.contains("XYZ-USD"), SCRIPT_WAIT);
            s.send(refusal()); // the whole message: nothing of it is subscribed
            s.awaitText(t -> t.equals("{\"type\":\"subscribe\",\"product_ids\":[\"XYZ-USD\"],\"channels\":[\"level2_batch\",\"matches\",\"heartbeat\"]}"),
                    SCRIPT_WAIT);
            s.send("{\"type\":\"subscriptions\",\"channels\":[{\"name\":\"level2_batch\",\"product_ids\":[\"XYZ-USD\"]}]}");
            s.send("{\"type\":\"snapshot\",\"product_id\":\"XYZ-USD\",\"bids\":[[\"1.50\",\"10\"]],\"asks\":[[\"1.60\",\"20\"]]}");
            s.awaitText(t -> t.equals("{\"type\":\"subscribe\",\"product_ids\":[\"BTC-USD\"],\"channels\":[\"level2_batch\",\"matches\",\"heartbeat\"]}"),
                    SCRIPT_WAIT);
            s.send("{\"type\":\"subscriptions\",\"channels\":[{\"name\":\"level2_batch\",\"product_ids\":[\"BTC-USD\",\"XYZ-USD\"]}]}");
            s.send("{\"type\":\"snapshot\",\"product_id\":\"BTC-USD\",\"bids\":[[\"37500.00\",\"0.5\"]],\"asks\":[[\"37520.00\",\"0.25\"]]}");
            s.send(update("BTC-USD", "37501.00", 1_700_000_000_001_000L));
            s.holdUntilClientCloses(SCRIPT_WAIT * 3);
        });
        h.start(Venue.COINBASE, List.of(BTC, xyz), c -> c.withResubscribeTimeoutMillis(300));
        h.pollUntil(() -> h.count(EventKind.BOOK_DELTA, BTC) == 1 && h.count(EventKind.BOOK_SNAPSHOT, xyz) == 1
                && h.feed.booksValid("coinbase-0"), "both books rebuilt on the one connection");

        var m = h.metrics(Venue.COINBASE);
        assertThat(m.resubscribeTimeouts.getCount()).as("BTC-USD's wait").isEqualTo(1);
        assertThat(m.subscribeErrors.getCount()).isEqualTo(1);
        assertThat(h.server.requests("/coinbase")).isEqualTo(1);
        assertThat(m.reconnects.getCount()).isZero();
        assertThat(h.server.sessions().get(0).received())
                .contains("{\"type\":\"unsubscribe\",\"product_ids\":[\"BTC-USD\"],\"channels\":[\"level2_batch\"]}");
        assertThat(log.matching("event=resubscribe_timeout", "symbol=" + BTC, "no book after the refusal of " + xyz)).hasSize(1);
        assertThat(h.feed.darkSymbols("coinbase-0")).isEmpty();
    }

    /** A Coinbase refusal that reaches the dark limit: the product is dark, asked for no more; the connection stays. */
    @Test
    void aProductCoinbaseKeepsRefusingIsReportedDarkWithoutAReconnect() throws Exception {
        String xyz = "XYZ/USD";
        int limit = 3;
        AtomicInteger asked = new AtomicInteger();
        h.server.onWebSocket("/coinbase", s -> {
            s.awaitText(t -> t.contains("\"type\":\"subscribe\"") && t.contains("XYZ-USD"), SCRIPT_WAIT);
            s.send(refusal());
            s.send("{\"type\":\"subscriptions\",\"channels\":[{\"name\":\"level2_batch\",\"product_ids\":[\"BTC-USD\"]}]}");
            s.send("{\"type\":\"snapshot\",\"product_id\":\"BTC-USD\",\"bids\":[[\"37500.00\",\"0.5\"]],\"asks\":[[\"37520.00\",\"0.25\"]]}");
            for (int n = 1; ; n++) {
                int k = n;
                try {
                    s.awaitText(new java.util.function.Predicate<String>() {
                        int seen;

                        @Override
                        public boolean test(String t) {
                            return t.contains("\"type\":\"subscribe\"") && t.contains("[\"XYZ-USD\"]") && ++seen == k;
                        }
                    }, 2_000);
                } catch (java.io.IOException none) {
                    break;
                }
                asked.incrementAndGet();
                s.send(refusal());
            }
            s.send(update("BTC-USD", "37501.00", 1_700_000_000_001_000L));
            s.holdUntilClientCloses(SCRIPT_WAIT * 3);
        });
        h.start(Venue.COINBASE, List.of(BTC, xyz), c -> c.withDarkAfterAttempts(limit));
        h.pollUntil(() -> h.metrics(Venue.COINBASE).darkSymbols.get() == 1 && h.count(EventKind.BOOK_DELTA, BTC) == 1
                && h.feed.booksValid("coinbase-0"), "XYZ/USD dark, BTC/USD valid and updated");

        var m = h.metrics(Venue.COINBASE);
        assertThat(asked.get()).as("subscribes of XYZ-USD alone: limit - 1").isEqualTo(limit - 1);
        assertThat(m.subscribeErrors.getCount()).isEqualTo(limit);
        assertThat(h.server.requests("/coinbase")).isEqualTo(1);
        assertThat(m.reconnects.getCount()).isZero();
        assertThat(h.feed.darkSymbols("coinbase-0")).containsExactly(xyz);
        assertThat(log.matching("event=symbol_dark", "symbol=" + xyz)).hasSize(1);
        assertThat(h.markers(BTC)).singleElement().satisfies(e -> assertThat(e.reset().reason()).isEqualTo("connected"));
    }

    private static String refusal() {
        return "{\"type\":\"error\",\"message\":\"Failed to subscribe\",\"reason\":\"XYZ-USD is not a valid product\"}";
    }

    private static String update(String product, String bid, long micros) {
        return "{\"type\":\"l2update\",\"product_id\":\"" + product + "\",\"changes\":[[\"buy\",\"" + bid + "\",\"0.1\"]],\"time\":\""
                + java.time.Instant.ofEpochSecond(0, micros * 1000) + "\"}";
    }
}
