package io.cryptorun.sources.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptorun.sources.fixture.FixtureLine;
import io.cryptorun.sources.model.EventKind;
import io.cryptorun.sources.model.MarketEvent;
import io.cryptorun.sources.time.Rfc3339;
import io.cryptorun.sources.model.QuarantineReason;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The live feed on Coinbase Advanced Trade against a real WebSocket server on loopback: the
 * subscribe (heartbeats, level2, market_trades) arrives within the venue's 5 s, and a message the
 * server never sends — a skipped {@code sequence_num}, noticed on the next heartbeat even though
 * the lost message belonged to a quiet book — invalidates every book of the connection, which
 * resubscribes on a new connection and is valid again from its fresh snapshots.
 */
class AdvancedTradeLiveFeedTest {
    private static final long SCRIPT_WAIT = 10_000;
    private static final long T = 1_700_000_000_000_000L;
    private LiveHarness h;

    @BeforeEach
    void setUp() throws Exception {
        h = new LiveHarness();
    }

    @AfterEach
    void tearDown() throws Exception {
        h.close();
    }

    static String env(String channel, long seq, String events) {
        return "{\"channel\":\"" + channel + "\",\"client_id\":\"\",\"timestamp\":\"" + Rfc3339.formatMicros(T + seq * 100_000)
                + "\",\"sequence_num\":" + seq + ",\"events\":[" + events + "]}";
    }

    static String snapshot(long seq, String product, String bid, String ask) {
        return env("l2_data", seq, "{\"type\":\"snapshot\",\"product_id\":\"" + product + "\",\"updates\":["
                + "{\"side\":\"bid\",\"event_time\":\"2023-02-09T20:32:50Z\",\"price_level\":\"" + bid + "\",\"new_quantity\":\"1\"},"
                + "{\"side\":\"offer\",\"event_time\":\"2023-02-09T20:32:50Z\",\"price_level\":\"" + ask + "\",\"new_quantity\":\"2\"}]}");
    }

    static String update(long seq, String product, String bid) {
        return env("l2_data", seq, "{\"type\":\"update\",\"product_id\":\"" + product + "\",\"updates\":["
                + "{\"side\":\"bid\",\"event_time\":\"2023-02-09T20:32:50Z\",\"price_level\":\"" + bid + "\",\"new_quantity\":\"3\"}]}");
    }

    static String heartbeat(long seq) {
        return env("heartbeats", seq, "{\"current_time\":\"x\",\"heartbeat_counter\":" + seq + "}");
    }

    static String subscriptions(long seq) {
        return env("subscriptions", seq, "{\"subscriptions\":{\"heartbeats\":[\"heartbeats\"],"
                + "\"level2\":[\"BTC-USD\",\"ETH-USD\"],\"market_trades\":[\"BTC-USD\",\"ETH-USD\"]}}");
    }

    static boolean isSequenceGap(MarketEvent e) {
        return e.kind() == EventKind.QUARANTINE && e.quarantine().reason().equals(QuarantineReason.SEQUENCE_GAP);
    }

    @Test
    void aDroppedMessageInvalidatesTheConnectionsBooksUntilTheResubscriptionSnapshots() throws Exception {
        Map<Integer, Long> subscribeMillis = new ConcurrentHashMap<>();
        h.server.onWebSocket("/coinbase-advanced", s -> {
            long open = System.nanoTime();
            s.awaitText(t -> t.contains("\"channel\":\"heartbeats\""), SCRIPT_WAIT);
            s.awaitText(t -> t.contains("\"channel\":\"level2\"") && t.contains("\"BTC-USD\",\"ETH-USD\""), SCRIPT_WAIT);
            s.awaitText(t -> t.contains("\"channel\":\"market_trades\""), SCRIPT_WAIT);
            subscribeMillis.put(s.index(), (System.nanoTime() - open) / 1_000_000);
            s.send(subscriptions(0));
            s.send(heartbeat(1));
            s.send(snapshot(2, "BTC-USD", "100.00", "101.00"));
            s.send(snapshot(3, "ETH-USD", "10.00", "10.10"));
            if (s.index() == 0) {
                s.send(update(4, "BTC-USD", "100.50"));
                // 5 (an ETH update) is dropped by the server
                s.send(heartbeat(6));
                s.send(update(7, "BTC-USD", "100.60"));
            } else {
                s.send(update(4, "ETH-USD", "10.01"));
                s.send(heartbeat(5));
            }
        });
        h.start(Venue.COINBASE_ADVANCED, List.of("BTC/USD", "ETH/USD"), c -> c);
        h.pollUntil(() -> h.server.requests("/coinbase-advanced") >= 2 && h.feed.booksValid("coinbase-advanced-0")
                && h.lastIndex(EventKind.HEARTBEAT, "") > h.lastMarkerIndex("ETH/USD")
                && h.lastIndex(EventKind.BOOK_DELTA, "ETH/USD") > h.lastMarkerIndex("ETH/USD"), "books rebuilt after the gap");

        assertThat(subscribeMillis.values()).as("subscribed within the venue's 5 s").allSatisfy(ms -> assertThat(ms).isLessThan(5_000));
        var m = h.metrics(Venue.COINBASE_ADVANCED);
        assertThat(m.sequenceGaps.getCount()).as("one per book of the connection").isEqualTo(2);
        assertThat(m.resyncs.getCount()).isEqualTo(1);
        assertThat(m.reconnects.getCount()).isGreaterThanOrEqualTo(1);

        List<MarketEvent> ev = h.events;
        // one sequence_gap quarantine, after the resets of both books and the frame that revealed the gap
        List<MarketEvent> gaps = ev.stream().filter(AdvancedTradeLiveFeedTest::isSequenceGap).toList();
        assertThat(gaps).hasSize(1);
        assertThat(gaps.get(0).quarantine().detail()).isEqualTo("sequence_num 6 where 5 was due: books reset BTC/USD,ETH/USD");
        assertThat(gaps.get(0).quarantine().venue()).isEqualTo("coinbase");
        int gap = ev.indexOf(gaps.get(0));
        // the connection's book resets go before the frame that revealed the gap (the gap rule), stamped
        // with each symbol's last book data
        assertThat(ev.get(gap - 1).kind()).isEqualTo(EventKind.BOOK_RESET);
        assertThat(ev.get(gap - 2).kind()).isEqualTo(EventKind.BOOK_RESET);
        assertThat(List.of(ev.get(gap - 2), ev.get(gap - 1))).extracting(MarketEvent::symbol).containsExactly("BTC/USD", "ETH/USD");
        assertThat(ev.get(gap - 2).header().exchangeTimeMicros()).as("BTC's last data: message 4").isEqualTo(T + 4 * 100_000);
        assertThat(ev.get(gap - 1).header().exchangeTimeMicros()).as("ETH's last data: its snapshot").isEqualTo(T + 3 * 100_000);
        assertThat(List.of(ev.get(gap - 2), ev.get(gap - 1))).allSatisfy(r -> assertThat(r.reset().reason())
                .isEqualTo("sequence_gap: sequence_num 6 where 5 was due: books reset BTC/USD,ETH/USD"));
        assertThat(ev.get(gap - 3).kind()).isEqualTo(EventKind.BOOK_DELTA); // message 4
        assertThat(ev.get(gap + 1).kind()).isEqualTo(EventKind.HEARTBEAT); // message 6
        assertThat(ev).noneMatch(e -> e.kind() == EventKind.HEARTBEAT && !e.symbol().isEmpty()); // no product heartbeats
        assertThat(h.count(EventKind.BOOK_SNAPSHOT, "BTC/USD")).isEqualTo(2);
        assertThat(h.count(EventKind.BOOK_SNAPSHOT, "ETH/USD")).isEqualTo(2);
        // recorded as the feed's lines: frames and resync lines of coinbase-advanced, records of coinbase
        assertThat(h.lines).extracting(FixtureLine::venue).containsOnly("coinbase-advanced");
        assertThat(h.resyncLines).extracting(FixtureLine::venue).containsOnly("coinbase-advanced");
        assertThat(h.markers("BTC/USD")).allSatisfy(e -> assertThat(e.venue()).isEqualTo("coinbase"));
        // the new connection numbers from 0 again: no second gap
        assertThat(ev.stream().filter(AdvancedTradeLiveFeedTest::isSequenceGap).count()).isEqualTo(1);
    }

    /**
     * A lost snapshot of one product: only that product's {@code level2} is taken afresh on the same
     * connection (unsubscribe, then subscribe), its fresh snapshot makes it valid, the other book is
     * never reset, and the connection's {@code sequence_num} goes on without a gap.
     */
    @Test
    void aLostSnapshotIsRecoveredByResubscribingThatProductAloneOnTheSameConnection() throws Exception {
        h.server.onWebSocket("/coinbase-advanced", s -> {
            s.awaitText(t -> t.contains("\"channel\":\"market_trades\""), SCRIPT_WAIT);
            s.send(subscriptions(0));
            s.send(heartbeat(1));
            s.send(snapshot(2, "BTC-USD", "100.00", "101.00"));
            // ETH-USD's snapshot is lost: its update comes first
            s.send(update(3, "ETH-USD", "10.01"));
            s.send(update(4, "BTC-USD", "100.50"));
            String sub = s.awaitText(t -> t.contains("\"type\":\"subscribe\"") && t.contains("[\"ETH-USD\"]"), SCRIPT_WAIT);
            assertThat(sub).isEqualTo("{\"type\":\"subscribe\",\"product_ids\":[\"ETH-USD\"],\"channel\":\"level2\"}");
            assertThat(s.received()).contains("{\"type\":\"unsubscribe\",\"product_ids\":[\"ETH-USD\"],\"channel\":\"level2\"}");
            s.send(subscriptions(5));
            s.send(snapshot(6, "ETH-USD", "10.00", "10.10"));
            s.send(update(7, "ETH-USD", "10.02"));
            s.send(heartbeat(8));
            s.holdUntilClientCloses(SCRIPT_WAIT);
        });
        h.start(Venue.COINBASE_ADVANCED, List.of("BTC/USD", "ETH/USD"), c -> c);
        h.pollUntil(() -> h.feed.booksValid("coinbase-advanced-0") && h.count(EventKind.HEARTBEAT, "") == 2
                && h.count(EventKind.BOOK_DELTA, "ETH/USD") == 2, "ETH/USD rebuilt on the same connection");

        var m = h.metrics(Venue.COINBASE_ADVANCED);
        assertThat(h.server.requests("/coinbase-advanced")).as("one connection").isEqualTo(1);
        assertThat(m.reconnects.getCount()).isZero();
        assertThat(m.snapshotsMissing.getCount()).isEqualTo(1);
        assertThat(m.sequenceGaps.getCount()).isZero();
        assertThat(h.events).filteredOn(e -> e.kind() == EventKind.BOOK_RESET && !e.reset().reason().equals("connected"))
                .extracting(e -> e.symbol() + " " + e.reset().reason()).containsExactly("ETH/USD update_before_snapshot ETH/USD");
        assertThat(h.events).noneMatch(AdvancedTradeLiveFeedTest::isSequenceGap);
        assertThat(h.count(EventKind.BOOK_SNAPSHOT, "ETH/USD")).isEqualTo(1);
        assertThat(h.count(EventKind.BOOK_SNAPSHOT, "BTC/USD")).isEqualTo(1);
    }

    @Test
    void venueOptionNamesSelectTheFeed() {
        assertThat(Venue.forOption("coinbase")).isEqualTo(Venue.COINBASE_ADVANCED);
        assertThat(Venue.forOption("coinbase-exchange")).isEqualTo(Venue.COINBASE);
        assertThat(Venue.forOption("Coinbase-Advanced")).isEqualTo(Venue.COINBASE_ADVANCED);
        assertThat(Venue.forOption("kraken")).isEqualTo(Venue.KRAKEN);
        for (Venue v : Venue.values()) assertThat(Venue.forOption(v.optionName())).isEqualTo(v);
        assertThat(Venue.COINBASE_ADVANCED.recordVenue()).isEqualTo("coinbase");
        assertThat(Venue.COINBASE_ADVANCED.subscribeBatches(List.of("BTC/USD", "ETH/USD"))).containsExactly(List.of(
                "{\"type\":\"subscribe\",\"channel\":\"heartbeats\"}",
                "{\"type\":\"subscribe\",\"product_ids\":[\"BTC-USD\",\"ETH-USD\"],\"channel\":\"level2\"}",
                "{\"type\":\"subscribe\",\"product_ids\":[\"BTC-USD\",\"ETH-USD\"],\"channel\":\"market_trades\"}"));
    }
}
