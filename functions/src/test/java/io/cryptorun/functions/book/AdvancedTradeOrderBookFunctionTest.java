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
import io.cryptorun.sources.model.EventKind;
import io.cryptorun.sources.model.MarketEvent;
import io.cryptorun.sources.model.Quarantine;
import io.cryptorun.sources.model.QuarantineReason;
import io.cryptorun.sources.venue.coinbase.AdvancedTradeParser;
import io.cryptorun.sources.venue.coinbase.AdvancedTradeSequence;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Coinbase Advanced Trade books in the book operator: frames through the real parser and the
 * connection's {@code sequence_num} rule ({@link AdvancedTradeSequence}), as the fixture decoder
 * and the live source run them. A skipped or repeated number invalidates every book of the
 * connection — also a quiet one, found by the heartbeats — until its next snapshot; the rule's
 * effect on keyed state survives a snapshot/restore at every point, on the heap and on RocksDB.
 */
@SuppressWarnings("try")
class AdvancedTradeOrderBookFunctionTest {

    /** One connection: frames with their sequence numbers, turned into steps the way the decoder does. */
    static final class Conn {
        final AdvancedTradeParser parser = new AdvancedTradeParser();
        final AdvancedTradeSequence sequence = new AdvancedTradeSequence();
        final List<Step> steps = new ArrayList<>();
        long ordinal;

        Conn frame(long receiveMicros, String frame) {
            List<MarketEvent> events = new ArrayList<>();
            long o = ordinal++;
            parser.parse(frame, receiveMicros, "coinbase-advanced-0", o, events::add);
            if (events.size() != 1 && events.stream().anyMatch(e -> e.kind() == EventKind.QUARANTINE)
                    || events.isEmpty() || events.get(0).kind() == EventKind.QUARANTINE) {
                throw new AssertionError("test frame did not parse: " + events + " <" + frame + ">");
            }
            for (MarketEvent m : sequence.onFrame(parser.sequenceNum(), events, receiveMicros, "coinbase-advanced-0", o)) {
                steps.add(new Ev(m));
            }
            events.forEach(e -> steps.add(new Ev(e)));
            return this;
        }

        /** A frame the connection never received: its number is used up. */
        Conn lost() {
            ordinal++; // not really received; keeps ordinals distinct in the assertions below
            return this;
        }

        List<Step> end() {
            steps.add(new Wm(Long.MAX_VALUE));
            return steps;
        }
    }

    static String envelope(String channel, long t, long seq, String events) {
        return "{\"channel\":\"" + channel + "\",\"client_id\":\"\",\"timestamp\":\"" + iso(t) + "\",\"sequence_num\":" + seq
                + ",\"events\":[" + events + "]}";
    }

    static String snapshot(String product, long t, long seq, String bid, String ask) {
        return envelope("l2_data", t, seq, "{\"type\":\"snapshot\",\"product_id\":\"" + product + "\",\"updates\":["
                + "{\"side\":\"bid\",\"event_time\":\"" + iso(t) + "\",\"price_level\":\"" + bid + "\",\"new_quantity\":\"1.5\"},"
                + "{\"side\":\"offer\",\"event_time\":\"" + iso(t) + "\",\"price_level\":\"" + ask + "\",\"new_quantity\":\"2\"}]}");
    }

    static String update(String product, long t, long seq, String side, String price, String qty) {
        return envelope("l2_data", t, seq, "{\"type\":\"update\",\"product_id\":\"" + product + "\",\"updates\":["
                + "{\"side\":\"" + side + "\",\"event_time\":\"" + iso(t) + "\",\"price_level\":\"" + price
                + "\",\"new_quantity\":\"" + qty + "\"}]}");
    }

    static String heartbeat(long t, long seq) {
        return envelope("heartbeats", t, seq, "{\"current_time\":\"" + iso(t) + "\",\"heartbeat_counter\":" + seq + "}");
    }

    /**
     * BTC and ETH on one connection. Message 5 (an ETH update at T+2.1) is lost: ETH is quiet after
     * it, and the heartbeat numbered 6 reveals the gap for both books.
     */
    static List<Step> droppedMessageScenario() {
        long x = 2_000; // exchange time 2 ms before receive time
        return new Conn()
                .frame(T + 50_000, envelope("subscriptions", T + 50_000 - x, 0,
                        "{\"subscriptions\":{\"level2\":[\"BTC-USD\",\"ETH-USD\"],\"heartbeats\":[\"heartbeats\"]}}"))
                .frame(T + 100_000, snapshot("BTC-USD", T + 100_000 - x, 1, "100.00", "101.00"))
                .frame(T + 200_000, snapshot("ETH-USD", T + 200_000 - x, 2, "10.00", "10.10"))
                .frame(T + 1_200_000, update("BTC-USD", T + 1_200_000 - x, 3, "bid", "100.50", "0.5"))
                .frame(T + 1_500_000, heartbeat(T + 1_500_000 - x, 4))
                .lost() // 5: ETH offer 10.05 at T+2.1
                .frame(T + 2_500_000, heartbeat(T + 2_500_000 - x, 6))
                .frame(T + 2_800_000, update("BTC-USD", T + 2_800_000 - x, 7, "offer", "101.00", "0"))
                .frame(T + 4_200_000, snapshot("BTC-USD", T + 4_200_000 - x, 8, "100.50", "101.50"))
                .frame(T + 4_300_000, snapshot("ETH-USD", T + 4_300_000 - x, 9, "10.00", "10.05"))
                .frame(T + 5_300_000, heartbeat(T + 5_300_000 - x, 10))
                .end();
    }

    static List<String> rows(List<Microstructure> out) {
        return out.stream().map(m -> m.symbol() + "@" + (m.tsMicros() - T) / S + " " + m.bid().toPlainString() + "/"
                + m.ask().toPlainString()).toList();
    }

    @Test
    void aLostMessageInvalidatesEveryBookOfTheConnectionUntilItsNextSnapshot() throws Exception {
        OrderBookFunction f = OrderBookFunctionTest.oneSecondClock();
        try (Harness h = harness(f, false)) {
            h.open();
            h.run(droppedMessageScenario());
            // the true books: BTC 100.00/101.00, from T+1.2 100.50/101.00; ETH 10.00/10.10, from T+2.1 (lost) 10.00/10.05.
            // Nothing after the last data before the gap (T+1.5) until each book's new snapshot (T+4.2, T+4.3).
            assertThat(rows(h.extractOutputValues())).containsExactlyInAnyOrder(
                    "BTC/USD@1 100.00/101.00", "ETH/USD@1 10.00/10.10",
                    "BTC/USD@5 100.50/101.50", "ETH/USD@5 10.00/10.05");
            // (T+6 would need a book input after T+5: connection heartbeats are not book inputs, and this
            // operator's quiet horizon is one second)
            assertThat(h.extractOutputValues()).allSatisfy(m -> assertThat(m.venue()).isEqualTo("coinbase"));
            // the gap reached the operator as one BookReset per book (the rule's quarantine is the source's,
            // not a book input), stamped with the last data before the gap
            List<MarketEvent> resets = droppedMessageScenario().stream().filter(s -> s instanceof Ev ev
                    && ev.e().kind() == EventKind.BOOK_RESET).map(s -> ((Ev) s).e()).toList();
            assertThat(resets).extracting(MarketEvent::symbol).containsExactly("BTC/USD", "ETH/USD");
            assertThat(resets).allSatisfy(r -> {
                assertThat(r.reset().reason()).isEqualTo(QuarantineReason.SEQUENCE_GAP);
                assertThat(r.header().exchangeTimeMicros()).isEqualTo(T + 1_500_000 - 2_000);
            });
            List<Quarantine> q = h.quarantine();
            assertThat(q).extracting(r -> r.symbol() + " " + r.reason()).containsExactly("BTC/USD " + QuarantineReason.BOOK_INVALID);
            assertThat(f.counts()).containsEntry("sequence_gap", 0L).containsEntry("books_invalidated", 2L)
                    .containsEntry("books_recovered", 2L).containsEntry("book_snapshots", 4L)
                    .containsEntry("book_updates", 2L).containsEntry("book_quarantined", 1L);
        }
    }

    @Test
    void aRepeatedOrBackwardsNumberIsAGapAndConsecutiveNumbersAreNot() throws Exception {
        for (long[] seqs : new long[][] {{1, 2, 3}, {1, 2, 2}, {1, 2, 1}, {1, 2, 4}}) {
            List<Step> steps = new Conn()
                    .frame(T + 100_000, snapshot("BTC-USD", T + 100_000, seqs[0], "100.00", "101.00"))
                    .frame(T + 1_100_000, heartbeat(T + 1_100_000, seqs[1]))
                    .frame(T + 1_500_000, heartbeat(T + 1_500_000, seqs[2]))
                    .frame(T + 2_200_000, update("BTC-USD", T + 2_200_000, seqs[2] + 1, "bid", "100.50", "1"))
                    .end();
            OrderBookFunction f = OrderBookFunctionTest.oneSecondClock();
            try (Harness h = harness(f, false)) {
                h.open();
                h.run(steps);
                boolean gap = seqs[2] != seqs[1] + 1;
                assertThat(f.counts()).as("%s", java.util.Arrays.toString(seqs)).containsEntry("books_invalidated", gap ? 1L : 0L);
                // the heartbeat at T+1.5 carries the gap: T+1 from the snapshot either way; T+2, T+3 only without a gap
                assertThat(rows(h.extractOutputValues())).as("%s", java.util.Arrays.toString(seqs)).containsExactlyElementsOf(gap
                        ? List.of("BTC/USD@1 100.00/101.00")
                        : List.of("BTC/USD@1 100.00/101.00", "BTC/USD@2 100.00/101.00", "BTC/USD@3 100.50/101.00"));
            }
        }
    }

    /** The invalid book and the Coinbase rule's baselines are keyed state: any split point gives the same result. */
    @Test
    void gapStateSurvivesSnapshotRestoreAtEveryPoint() throws Exception {
        List<Step> steps = droppedMessageScenario();
        Split whole = runRestoredAt(steps, steps.size(), false);
        assertThat(whole.quarantine()).hasSize(1);
        for (boolean rocks : new boolean[] {false, true}) {
            for (int k = 0; k < steps.size(); k++) {
                Split split = runRestoredAt(steps, k, rocks);
                assertThat(split.out()).as("rocks %s split %d", rocks, k).containsExactlyElementsOf(whole.out());
                assertThat(split.quarantine()).as("rocks %s split %d", rocks, k).containsExactlyElementsOf(whole.quarantine());
            }
        }
    }
}
