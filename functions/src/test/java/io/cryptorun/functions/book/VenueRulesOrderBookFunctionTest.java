package io.cryptorun.functions.book;

import static io.cryptorun.functions.book.OrderBookFunctionTest.S;
import static io.cryptorun.functions.book.OrderBookFunctionTest.T;
import static io.cryptorun.functions.book.OrderBookFunctionTest.harness;
import static io.cryptorun.functions.book.OrderBookFunctionTest.runRestoredAt;
import static io.cryptorun.functions.book.VenueEvents.iso;
import static org.assertj.core.api.Assertions.assertThat;

import io.cryptorun.functions.book.OrderBookFunctionTest.Ev;
import io.cryptorun.functions.book.OrderBookFunctionTest.Harness;
import io.cryptorun.functions.book.OrderBookFunctionTest.Split;
import io.cryptorun.functions.book.OrderBookFunctionTest.Step;
import io.cryptorun.functions.book.OrderBookFunctionTest.Wm;
import io.cryptorun.functions.micro.Microstructure;
import io.cryptorun.sources.model.BookSnapshot;
import io.cryptorun.sources.model.EventHeader;
import io.cryptorun.sources.model.MarketEvent;
import io.cryptorun.sources.model.Quarantine;
import io.cryptorun.sources.model.QuarantineReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The book operator applies each venue's own integrity rule (SPEC §4) to books built from
 * venue-native frames: Coinbase sequence and trade-id gaps, Bitstamp REST snapshot with buffered
 * diffs (stale and out-of-order diffs), Gemini's initial full book — each fault invalidates the
 * book (no microstructure while invalid, counted per reason) and the next snapshot recovers it.
 * Rule state that lives next to the book (Coinbase baselines, Bitstamp buffer) survives a
 * snapshot/restore at every point, on the heap and on RocksDB.
 */
@SuppressWarnings("try")
class VenueRulesOrderBookFunctionTest {

    // ---- Coinbase ---------------------------------------------------------------------------

    static String cbSnapshot() {
        return "{\"type\":\"snapshot\",\"product_id\":\"BTC-USD\",\"bids\":[[\"100.00\",\"1.5\"],[\"99.00\",\"2\"]],"
                + "\"asks\":[[\"101.00\",\"1\"],[\"102.00\",\"3\"]]}";
    }

    static String cbUpdate(long t, String side, String price, String size) {
        return "{\"type\":\"l2update\",\"product_id\":\"BTC-USD\",\"time\":\"" + iso(t) + "\",\"changes\":[[\"" + side
                + "\",\"" + price + "\",\"" + size + "\"]]}";
    }

    static String cbMatch(long t, long tradeId) {
        return "{\"type\":\"match\",\"trade_id\":" + tradeId + ",\"maker_order_id\":\"m\",\"taker_order_id\":\"t\","
                + "\"side\":\"sell\",\"size\":\"0.1\",\"price\":\"101.00\",\"product_id\":\"BTC-USD\",\"sequence\":"
                + (9000 + tradeId) + ",\"time\":\"" + iso(t) + "\"}";
    }

    static String cbHeartbeat(long t, long sequence, long lastTradeId) {
        return "{\"type\":\"heartbeat\",\"last_trade_id\":" + lastTradeId + ",\"product_id\":\"BTC-USD\",\"sequence\":"
                + sequence + ",\"time\":\"" + iso(t) + "\"}";
    }

    /** Exchange time 2 ms before the receive time, as on the wire. */
    static List<Step> coinbaseScenario() {
        VenueEvents v = new VenueEvents();
        long x = 2_000;
        return List.of(
                new Ev(v.coinbase(T + 100_000, cbSnapshot())),
                new Ev(v.coinbase(T + 500_000, cbHeartbeat(T + 500_000 - x, 500, 100))),
                new Ev(v.coinbase(T + 600_000, cbMatch(T + 600_000 - x, 101))),
                new Ev(v.coinbase(T + 1_200_000, cbUpdate(T + 1_200_000 - x, "buy", "100.50", "0.5"))),
                new Ev(v.coinbase(T + 1_700_000, cbMatch(T + 1_700_000 - x, 102))),
                new Ev(v.coinbase(T + 2_300_000, cbMatch(T + 2_300_000 - x, 104))), // 103 was missed
                new Ev(v.coinbase(T + 2_600_000, cbUpdate(T + 2_600_000 - x, "sell", "101.00", "0"))),
                new Ev(v.coinbase(T + 4_200_000, cbSnapshot())), // the resubscription's snapshot
                new Ev(v.coinbase(T + 4_400_000, cbMatch(T + 4_400_000 - x, 105))),
                new Ev(v.coinbase(T + 5_300_000, cbHeartbeat(T + 5_300_000 - x, 520, 105))),
                new Wm(Long.MAX_VALUE));
    }

    @Test
    void coinbaseTradeIdGapInvalidatesUntilTheNextSnapshot() throws Exception {
        OrderBookFunction f = OrderBookFunctionTest.oneSecondClock();
        try (Harness h = harness(f, false)) {
            h.open();
            h.run(coinbaseScenario());
            // T+1 (snapshot), T+2 (after the update); gap at T+2.3 silences T+3, T+4; T+5, T+6 after the new snapshot
            assertThat(h.extractOutputValues()).extracting(Microstructure::tsMicros)
                    .containsExactly(T + S, T + 2 * S, T + 5 * S, T + 6 * S);
            assertThat(h.extractOutputValues()).extracting(m -> m.bid().toPlainString() + "/" + m.ask().toPlainString())
                    .containsExactly("100.00/101.00", "100.50/101.00", "100.00/101.00", "100.00/101.00");
            assertThat(h.extractOutputValues()).allSatisfy(m -> assertThat(m.venue()).isEqualTo("coinbase"));
            List<Quarantine> q = h.quarantine();
            assertThat(q).extracting(Quarantine::reason)
                    .containsExactly(QuarantineReason.SEQUENCE_GAP, QuarantineReason.BOOK_INVALID);
            assertThat(q.get(0).detail()).startsWith("trade revealed a venue sequence gap");
            assertThat(q.get(0).frameOrdinal()).isEqualTo(5);
            assertThat(f.counts()).containsEntry("sequence_gap", 1L).containsEntry("books_invalidated", 1L)
                    .containsEntry("books_recovered", 1L).containsEntry("book_snapshots", 2L)
                    .containsEntry("book_updates", 2L).containsEntry("checksum_mismatch", 0L)
                    .containsEntry("checksum_ok", 0L).containsEntry("book_quarantined", 2L);
        }
    }

    @Test
    void coinbaseHeartbeatsRevealMissedMessages() throws Exception {
        VenueEvents v = new VenueEvents();
        // a sequence that goes backwards, and a last_trade_id ahead of the matches seen
        List<List<String>> faults = List.of(
                List.of(cbHeartbeat(T + 500_000, 500, 100), cbHeartbeat(T + 1_500_000, 499, 100)),
                List.of(cbMatch(T + 500_000, 100), cbHeartbeat(T + 1_500_000, 510, 102)));
        for (List<String> fault : faults) {
            List<Step> steps = new ArrayList<>();
            steps.add(new Ev(v.coinbase(T + 100_000, cbSnapshot())));
            steps.add(new Ev(v.coinbase(T + 500_000, fault.get(0))));
            steps.add(new Ev(v.coinbase(T + 1_500_000, fault.get(1))));
            steps.add(new Ev(v.coinbase(T + 3_200_000, cbUpdate(T + 3_200_000, "buy", "100.50", "1"))));
            steps.add(new Wm(Long.MAX_VALUE));
            OrderBookFunction f = OrderBookFunctionTest.oneSecondClock();
            try (Harness h = harness(f, false)) {
                h.open();
                h.run(steps);
                // T+1 from the snapshot; the heartbeat at T+1.5 invalidates: nothing at T+2, T+3, T+4
                assertThat(h.extractOutputValues()).as(fault.toString()).extracting(Microstructure::tsMicros)
                        .containsExactly(T + S);
                assertThat(h.quarantine()).extracting(Quarantine::reason)
                        .containsExactly(QuarantineReason.SEQUENCE_GAP, QuarantineReason.BOOK_INVALID);
                assertThat(h.quarantine().get(0).detail()).startsWith("heartbeat revealed");
                assertThat(f.counts()).containsEntry("sequence_gap", 1L);
            }
        }
    }

    // ---- Bitstamp ---------------------------------------------------------------------------

    static String bsDiff(long micros, String bids, String asks) {
        return "{\"data\":{\"timestamp\":\"" + micros / 1_000_000 + "\",\"microtimestamp\":\"" + micros + "\",\"bids\":["
                + bids + "],\"asks\":[" + asks + "]},\"channel\":\"diff_order_book_btcusd\",\"event\":\"data\"}";
    }

    static String bsBook(long micros) {
        return "{\"timestamp\":\"" + micros / 1_000_000 + "\",\"microtimestamp\":\"" + micros + "\","
                + "\"bids\":[[\"100.00\",\"3.00000000\"],[\"99.00\",\"1.00000000\"]],"
                + "\"asks\":[[\"101.00\",\"1.00000000\"],[\"102.00\",\"1.00000000\"]]}";
    }

    static List<Step> bitstampScenario() {
        VenueEvents v = new VenueEvents();
        return List.of(
                new Ev(v.bitstamp(T + 100_000, bsDiff(T + 50_000, "[\"100.00\",\"1.00000000\"]", ""))), // buffered, in the snapshot
                new Ev(v.bitstamp(T + 200_000, bsDiff(T + 150_000, "", "[\"101.50\",\"2.00000000\"]"))), // buffered, newer
                new Ev(v.bitstampRest(T + 450_000, "btcusd", bsBook(T + 100_000))),
                new Ev(v.bitstamp(T + 1_300_000, bsDiff(T + 1_250_000, "[\"100.00\",\"0.00000000\"]", ""))),
                new Ev(v.bitstamp(T + 1_400_000, bsDiff(T + 80_000, "[\"98.00\",\"1.00000000\"]", ""))), // stale: live, older than the snapshot
                new Ev(v.bitstamp(T + 2_300_000, bsDiff(T + 2_200_000, "", "[\"101.00\",\"0.00000000\"]"))),
                new Ev(v.bitstamp(T + 2_500_000, bsDiff(T + 2_100_000, "[\"99.50\",\"1.00000000\"]", ""))), // out of order
                new Ev(v.bitstamp(T + 3_600_000, bsDiff(T + 3_500_000, "[\"99.50\",\"2.00000000\"]", ""))), // buffered, in the next snapshot
                new Ev(v.bitstampRest(T + 4_100_000, "btcusd", bsBook(T + 4_000_000))),
                new Ev(v.bitstamp(T + 5_200_000, bsDiff(T + 5_100_000, "[\"100.50\",\"1.00000000\"]", ""))),
                new Wm(Long.MAX_VALUE));
    }

    @Test
    void bitstampSnapshotOrdersBufferedDiffsDropsStaleOnesAndResyncsAfterDisorder() throws Exception {
        OrderBookFunction f = OrderBookFunctionTest.oneSecondClock();
        try (Harness h = harness(f, false)) {
            h.open();
            h.run(bitstampScenario());
            assertThat(h.extractOutputValues()).extracting(Microstructure::tsMicros)
                    .containsExactly(T + S, T + 2 * S, T + 5 * S, T + 6 * S);
            // T+1: snapshot + the newer buffered diff (ask 101.50); T+2: bid 100 deleted; T+5: fresh snapshot;
            // T+6: + bid 100.50
            assertThat(h.extractOutputValues()).extracting(m -> m.bid().toPlainString() + "/" + m.ask().toPlainString())
                    .containsExactly("100.00/101.00", "99.00/101.00", "100.00/101.00", "100.50/101.00");
            assertThat(h.quarantine()).extracting(Quarantine::reason)
                    .containsExactly(QuarantineReason.STALE_UPDATE, QuarantineReason.OUT_OF_ORDER);
            assertThat(f.counts()).containsEntry("stale_dropped", 3L).containsEntry("book_out_of_order", 1L)
                    .containsEntry("books_invalidated", 1L).containsEntry("books_recovered", 1L)
                    .containsEntry("book_snapshots", 2L).containsEntry("book_updates", 8L)
                    .containsEntry("book_quarantined", 2L);
        }
    }

    // ---- Gemini -----------------------------------------------------------------------------

    static String gmInitial(String bid, String ask) {
        return "{\"type\":\"l2_updates\",\"symbol\":\"BTCUSD\",\"changes\":[[\"buy\",\"" + bid + "\",\"1\"],[\"sell\",\""
                + ask + "\",\"2\"]],\"trades\":[{\"type\":\"trade\",\"symbol\":\"BTCUSD\",\"event_id\":1,"
                + "\"timestamp\":1700000000200,\"price\":\"100.50\",\"quantity\":\"0.1\",\"side\":\"buy\",\"tid\":7}]}";
    }

    static String gmUpdate(String side, String price, String qty) {
        return "{\"type\":\"l2_updates\",\"symbol\":\"BTCUSD\",\"changes\":[[\"" + side + "\",\"" + price + "\",\"" + qty
                + "\"]]}";
    }

    static List<Step> geminiScenario() {
        VenueEvents v = new VenueEvents();
        List<Step> steps = new ArrayList<>();
        v.gemini(T + 100_000, gmUpdate("buy", "99.00", "1")).forEach(e -> steps.add(new Ev(e))); // before the book
        v.gemini(T + 300_000, gmInitial("100.00", "101.00")).forEach(e -> steps.add(new Ev(e)));
        v.gemini(T + 1_400_000, gmUpdate("buy", "100.20", "1")).forEach(e -> steps.add(new Ev(e)));
        v.gemini(T + 2_200_000, gmUpdate("buy", "101.50", "1")).forEach(e -> steps.add(new Ev(e))); // crosses
        v.gemini(T + 2_500_000, gmUpdate("sell", "101.00", "0")).forEach(e -> steps.add(new Ev(e)));
        v.gemini(T + 4_300_000, gmInitial("100.10", "100.90")).forEach(e -> steps.add(new Ev(e))); // resubscribed
        steps.add(new Wm(Long.MAX_VALUE));
        return steps;
    }

    @Test
    void geminiInitialBookSeedsAndRecoversTheBook() throws Exception {
        OrderBookFunction f = OrderBookFunctionTest.oneSecondClock();
        try (Harness h = harness(f, false)) {
            h.open();
            h.run(geminiScenario());
            assertThat(h.extractOutputValues()).extracting(Microstructure::tsMicros)
                    .containsExactly(T + S, T + 2 * S, T + 5 * S);
            assertThat(h.extractOutputValues()).extracting(m -> m.bid().toPlainString() + "/" + m.ask().toPlainString())
                    .containsExactly("100.00/101.00", "100.20/101.00", "100.10/100.90");
            assertThat(h.quarantine()).extracting(Quarantine::reason).containsExactly(
                    QuarantineReason.UPDATE_BEFORE_SNAPSHOT, QuarantineReason.CROSSED_BOOK, QuarantineReason.BOOK_INVALID);
            assertThat(f.counts()).containsEntry("crossed_book", 1L).containsEntry("books_recovered", 1L)
                    .containsEntry("book_snapshots", 2L).containsEntry("book_updates", 4L);
        }
    }

    // ---- restore ----------------------------------------------------------------------------

    /** Coinbase baselines and the Bitstamp diff buffer are keyed state: any split point gives the same result. */
    @Test
    void ruleStateSurvivesSnapshotRestoreAtEveryPoint() throws Exception {
        for (List<Step> steps : List.of(coinbaseScenario(), bitstampScenario(), geminiScenario())) {
            Split whole = runRestoredAt(steps, steps.size(), false); // uninterrupted (restored after the end)
            for (boolean rocks : new boolean[] {false, true}) {
                for (int k = 0; k < steps.size(); k++) {
                    Split split = runRestoredAt(steps, k, rocks);
                    assertThat(split.out()).as("rocks %s split %d", rocks, k).containsExactlyElementsOf(whole.out());
                    assertThat(split.quarantine()).as("rocks %s split %d", rocks, k).containsExactlyElementsOf(whole.quarantine());
                }
            }
        }
    }

    // ---- venue-native books only ------------------------------------------------------------

    @Test
    void bookRecordOfAVenueWithoutABookRuleIsRefused() throws Exception {
        EventHeader h0 = new EventHeader("coingecko", "BTC/USD", EventHeader.NO_TIME, T, "agg-0", 0);
        MarketEvent aggregated = MarketEvent.of(new BookSnapshot(h0, 2, 8, new long[] {10000}, new long[] {100000000},
                new long[] {10100}, new long[] {100000000}, BookSnapshot.NO_CHECKSUM));
        OrderBookFunction f = OrderBookFunctionTest.oneSecondClock();
        try (Harness h = harness(f, false)) {
            h.open();
            h.run(List.of(new Ev(aggregated), new Wm(Long.MAX_VALUE)));
            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(h.quarantine()).singleElement().satisfies(q -> {
                assertThat(q.reason()).isEqualTo(QuarantineReason.UNKNOWN_VENUE);
                assertThat(q.venue()).isEqualTo("coingecko");
                assertThat(q.detail()).contains("venue-native books only");
            });
            assertThat(h.numKeyedStateEntries()).isZero();
            Map<String, Long> c = f.counts();
            assertThat(c).containsEntry("book_snapshots", 0L).containsEntry("book_quarantined", 1L);
        }
    }
}
