package io.cryptorun.functions.book;

import static io.cryptorun.functions.book.BookEvents.lv;
import static org.assertj.core.api.Assertions.assertThat;

import io.cryptorun.functions.micro.Microstructure;
import io.cryptorun.sources.decimal.Decimal;
import io.cryptorun.sources.model.MarketEvent;
import io.cryptorun.sources.model.Quarantine;
import io.cryptorun.sources.model.QuarantineReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.contrib.streaming.state.EmbeddedRocksDBStateBackend;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

@SuppressWarnings("try") // harness close() declares Exception; nothing to handle in a test
class OrderBookFunctionTest {
    /** 2023-11-14T22:13:20Z, on a second boundary. */
    static final long T = 1_700_000_000_000_000L;
    static final long S = 1_000_000L;

    /** An input step: an event, or a watermark (ms). */
    sealed interface Step permits Ev, Wm {}

    record Ev(MarketEvent e) implements Step {}

    record Wm(long millis) implements Step {}

    static Harness harness(OrderBookFunction f, boolean rocks) throws Exception {
        Harness h = new Harness(f);
        if (rocks) {
            h.setStateBackend(new EmbeddedRocksDBStateBackend());
        }
        return h;
    }

    static final class Harness extends KeyedOneInputStreamOperatorTestHarness<String, MarketEvent, Microstructure> {
        Harness(OrderBookFunction f) throws Exception {
            super(new KeyedProcessOperator<>(f), OrderBookFunction.KEY_SELECTOR, Types.STRING);
        }

        void run(List<Step> steps) throws Exception {
            for (Step s : steps) {
                if (s instanceof Ev ev) {
                    processElement(new StreamRecord<>(ev.e(), Math.floorDiv(ev.e().eventTimeMicros(), 1000L)));
                } else if (s instanceof Wm wm) {
                    processWatermark(new Watermark(wm.millis()));
                }
            }
        }

        List<Quarantine> quarantine() {
            Queue<StreamRecord<Quarantine>> q = getSideOutput(OrderBookFunction.QUARANTINE);
            List<Quarantine> out = new ArrayList<>();
            if (q != null) {
                q.forEach(r -> out.add(r.getValue()));
            }
            return out;
        }
    }

    static Decimal d(String s) {
        return Decimal.parse(s);
    }

    static Microstructure ms(long ts, String bid, String ask, String mid, String spread, String dBid, String dAsk,
            String dTotal, String imb, long ageMs, long frame) {
        return new Microstructure("kraken", "BTC/USD", ts, d(bid), d(ask), d(mid), d(spread), d(dBid), d(dAsk),
                d(dTotal), d(imb), ageMs, true, "c1", frame);
    }

    /**
     * instrument @0, snapshot @0.25 s, delta @1.75 s (bid 100.0 -> 3), delta @2.35 s (ask 101.0 deleted),
     * then end of input. Frames are numbered 0.. in that order.
     */
    static List<Step> basicScenario() {
        BookEvents b = new BookEvents("kraken", "BTC/USD");
        return List.of(
                new Ev(b.instrument(T)),
                new Ev(b.snapshot(T + 250_000, lv("100.0", "1", "99.0", "2", "97.0", "5"),
                        lv("101.0", "1.5", "102.0", "1", "104.0", "3"))),
                new Ev(b.delta(T + 1_750_000, lv("100.0", "3"), lv())),
                new Ev(b.delta(T + 2_350_000, lv(), lv("101.0", "0"))),
                new Wm(Long.MAX_VALUE));
    }

    /**
     * By hand (see MicrostructureCalculatorTest for the first book):
     * <pre>
     * T+1  book after the snapshot: mid 100.50, spread 1/100.5 x 1e4 = 99.5025, bid 298.00, ask 253.50,
     *      imbalance 44.5/551.5 = 0.0807, age 1.0 - 0.25 = 750 ms, frame 1
     * T+2  bid 100.0 now 3: bid depth 300 + 198 = 498.00, ask 253.50, total 751.50,
     *      imbalance 244.5/751.5 = 0.32535 -> 0.3253, age 2.0 - 1.75 = 250 ms, frame 2
     * T+3  best ask 102.0: mid 101.00, spread 2/101 x 1e4 = 198.0198; bands 98.98 / 103.02:
     *      bid 498.00, ask 102.00, total 600.00, imbalance 396/600 = 0.6600, age 650 ms, frame 3
     * and nothing after T+3: the flush stops at the last input's second + 1.
     * </pre>
     */
    static final List<Microstructure> BASIC_EXPECTED = List.of(
            ms(T + S, "100.0", "101.0", "100.50", "99.5025", "298.00", "253.50", "551.50", "0.0807", 750, 1),
            ms(T + 2 * S, "100.0", "101.0", "100.50", "99.5025", "498.00", "253.50", "751.50", "0.3253", 250, 2),
            ms(T + 3 * S, "100.0", "102.0", "101.00", "198.0198", "498.00", "102.00", "600.00", "0.6600", 650, 3));

    /**
     * A book whose clock stops one second after its last input: the emission rule in its simplest
     * form, which most cases here test (the job uses the default one-minute quiet horizon).
     */
    static OrderBookFunction oneSecondClock() {
        return new OrderBookFunction(OrderBookFunction.DEFAULT_MAX_CATCH_UP_SECONDS, 1);
    }

    @Test
    void snapshotAndDeltasGiveOneMicrostructurePerSecond() throws Exception {
        OrderBookFunction f = oneSecondClock();
        try (Harness h = harness(f, false)) {
            h.open();
            h.run(basicScenario());
            assertThat(h.extractOutputValues()).containsExactlyElementsOf(BASIC_EXPECTED);
            assertThat(h.quarantine()).isEmpty();
            Map<String, Long> c = f.counts();
            assertThat(c).containsEntry("book_snapshots", 1L).containsEntry("book_updates", 2L)
                    .containsEntry("checksum_ok", 3L).containsEntry("checksum_mismatch", 0L)
                    .containsEntry("books_invalidated", 0L).containsEntry("microstructure", 3L);
        }
    }

    @Test
    void sameOnRocksDb() throws Exception {
        try (Harness h = harness(oneSecondClock(), true)) {
            h.open();
            h.run(basicScenario());
            assertThat(h.extractOutputValues()).containsExactlyElementsOf(BASIC_EXPECTED);
        }
    }

    @Test
    void watermarksChangeWhenNotWhat() throws Exception {
        // the same inputs with a watermark after every event (as a live source would send them)
        List<Step> withWatermarks = new ArrayList<>();
        for (Step s : basicScenario()) {
            withWatermarks.add(s);
            if (s instanceof Ev ev) {
                withWatermarks.add(new Wm(ev.e().eventTimeMicros() / 1000));
            }
        }
        try (Harness h = harness(oneSecondClock(), false)) {
            h.open();
            h.run(withWatermarks);
            assertThat(h.extractOutputValues()).containsExactlyElementsOf(BASIC_EXPECTED);
        }
    }

    @Test
    void timersKeepTheMarketsClockUpToTheWatermarkAndAMinutePastTheLastInput() throws Exception {
        List<Step> steps = new ArrayList<>(basicScenario());
        steps.remove(steps.size() - 1);
        try (Harness h = harness(new OrderBookFunction(), false)) {
            h.open();
            h.run(steps);
            assertThat(h.extractOutputValues()).hasSize(2); // T+1, T+2 by catch-up
            h.processWatermark(new Watermark((T + 2 * S) / 1000 + 999));
            assertThat(h.extractOutputValues()).hasSize(2);
            h.processWatermark(new Watermark((T + 10 * S) / 1000)); // passes T+3 .. T+10: every second, by timers
            List<Microstructure> out = h.extractOutputValues();
            assertThat(out.subList(0, BASIC_EXPECTED.size())).containsExactlyElementsOf(BASIC_EXPECTED);
            assertThat(out).extracting(Microstructure::tsMicros).containsExactly(
                    T + S, T + 2 * S, T + 3 * S, T + 4 * S, T + 5 * S, T + 6 * S, T + 7 * S, T + 8 * S, T + 9 * S, T + 10 * S);
            assertThat(out.get(out.size() - 1)).isEqualTo(BASIC_EXPECTED.get(BASIC_EXPECTED.size() - 1).at(T + 10 * S));
            h.processWatermark(new Watermark(Long.MAX_VALUE)); // the chain runs out at the last input's second + 60 s
            assertThat(h.extractOutputValues()).extracting(Microstructure::tsMicros).hasSize(62).last().isEqualTo(T + 62 * S);
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }

    /** Where the clock stops at end of input depends on the input only, not on the watermarks before it. */
    @Test
    void theEndOfInputFlushDoesNotDependOnTheLastWatermark() throws Exception {
        List<Step> steps = new ArrayList<>(basicScenario());
        steps.remove(steps.size() - 1);
        List<List<Microstructure>> outs = new ArrayList<>();
        for (long lastWatermarkSeconds : new long[] {-1, 2, 7, 30, 61, 90}) {
            try (Harness h = harness(new OrderBookFunction(), false)) {
                h.open();
                h.run(steps);
                if (lastWatermarkSeconds >= 0) h.processWatermark(new Watermark((T + lastWatermarkSeconds * S) / 1000));
                h.processWatermark(new Watermark(Long.MAX_VALUE));
                outs.add(h.extractOutputValues());
            }
        }
        assertThat(outs).allSatisfy(o -> assertThat(o).isEqualTo(outs.get(0)));
        assertThat(outs.get(0)).extracting(Microstructure::tsMicros).last().isEqualTo(T + 62 * S);
    }

    @Test
    void checksumMismatchQuarantinesAndSilencesUntilNextSnapshot() throws Exception {
        BookEvents b = new BookEvents("kraken", "BTC/USD");
        String[][] bids = lv("100.0", "1", "99.0", "2");
        String[][] asks = lv("101.0", "1", "102.0", "1");
        MarketEvent instrument = b.instrument(T);
        MarketEvent snapshot = b.snapshot(T + 250_000, bids, asks);
        MarketEvent bad = b.corruptDelta(T + 1_500_000, lv("99.5", "1"), lv()); // built in order: the reference book follows
        List<Step> steps = List.of(
                new Ev(instrument),
                new Ev(snapshot),
                new Ev(bad),
                new Ev(b.delta(T + 2_500_000, lv("99.0", "0"), lv())),
                new Ev(b.snapshot(T + 5_500_000, bids, asks)),
                new Wm(Long.MAX_VALUE));
        OrderBookFunction f = oneSecondClock();
        try (Harness h = harness(f, false)) {
            h.open();
            h.run(steps);
            // T+1 (before the bad delta), nothing at T+2..T+5 (invalid), T+6 after the new snapshot
            assertThat(h.extractOutputValues()).extracting(Microstructure::tsMicros).containsExactly(T + S, T + 6 * S);
            assertThat(h.extractOutputValues()).allMatch(Microstructure::valid);
            List<Quarantine> q = h.quarantine();
            assertThat(q).extracting(Quarantine::reason)
                    .containsExactly(QuarantineReason.CHECKSUM_MISMATCH, QuarantineReason.BOOK_INVALID);
            Quarantine mismatch = q.get(0);
            long sent = bad.delta().checksum();
            assertThat(mismatch.detail()).contains("expected " + sent, "computed " + ((sent - 1) & 0xFFFFFFFFL));
            assertThat(mismatch.venue()).isEqualTo("kraken");
            assertThat(mismatch.symbol()).isEqualTo("BTC/USD");
            assertThat(mismatch.conn()).isEqualTo("c1");
            assertThat(mismatch.frameOrdinal()).isEqualTo(2);
            assertThat(mismatch.receiveTimeMicros()).isEqualTo(T + 1_503_000);
            assertThat(mismatch.frame()).isEmpty();
            assertThat(f.counts()).containsEntry("checksum_mismatch", 1L).containsEntry("books_invalidated", 1L)
                    .containsEntry("checksum_ok", 2L).containsEntry("book_snapshots", 2L)
                    .containsEntry("book_updates", 2L).containsEntry("book_quarantined", 2L)
                    .containsEntry("microstructure", 2L);
        }
    }

    @Test
    void liveResyncMarkerDropsTheBookUntilTheFreshSnapshot() throws Exception {
        BookEvents b = new BookEvents("kraken", "BTC/USD");
        String[][] bids = lv("100.0", "1", "99.0", "2");
        String[][] asks = lv("101.0", "1", "102.0", "1");
        MarketEvent marker = MarketEvent.of(new io.cryptorun.sources.model.BookReset(new io.cryptorun.sources.model.EventHeader(
                "kraken", "BTC/USD", T + 1_500_000, T + 1_503_000, "c1", -1), "closed by server: 1001 going away", true));
        List<Step> steps = List.of(
                new Ev(b.instrument(T)),
                new Ev(b.snapshot(T + 250_000, bids, asks)),
                new Ev(marker), // the live source lost the stream: nothing after it continues this book
                new Ev(b.delta(T + 2_500_000, lv("99.5", "1"), lv())),
                new Ev(b.snapshot(T + 4_500_000, bids, asks)),
                new Wm(Long.MAX_VALUE));
        OrderBookFunction f = oneSecondClock();
        try (Harness h = harness(f, false)) {
            h.open();
            h.run(steps);
            // T+1 from the first book; nothing while invalid (T+2..T+4); T+5 from the fresh snapshot
            assertThat(h.extractOutputValues()).extracting(Microstructure::tsMicros).containsExactly(T + S, T + 5 * S);
            assertThat(h.quarantine()).extracting(Quarantine::reason).containsExactly(QuarantineReason.BOOK_INVALID);
            assertThat(f.counts()).containsEntry("books_invalidated", 1L).containsEntry("book_snapshots", 2L);
        }
    }

    @Test
    void updateBeforeSnapshotAndBeforeInstrumentAreQuarantined() throws Exception {
        BookEvents b = new BookEvents("kraken", "BTC/USD");
        List<Step> steps = List.of(
                new Ev(b.delta(T, lv("100.0", "1"), lv())), // no instrument yet
                new Ev(b.instrument(T + 100_000)),
                new Ev(b.delta(T + 1_200_000, lv("100.0", "2"), lv())), // no snapshot yet
                new Wm(Long.MAX_VALUE));
        try (Harness h = harness(oneSecondClock(), false)) {
            h.open();
            h.run(steps);
            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(h.quarantine()).extracting(Quarantine::reason)
                    .containsExactly(QuarantineReason.INSTRUMENT_UNKNOWN, QuarantineReason.UPDATE_BEFORE_SNAPSHOT);
            assertThat(h.quarantine()).extracting(Quarantine::frameOrdinal).containsExactly(0L, 2L);
        }
    }

    @Test
    void crossedBookIsQuarantinedWithBothPrices() throws Exception {
        BookEvents b = new BookEvents("kraken", "BTC/USD");
        List<Step> steps = List.of(
                new Ev(b.instrument(T)),
                new Ev(b.snapshot(T + 1, lv("100.0", "1"), lv("101.0", "1"))),
                new Ev(b.delta(T + 2, lv("101.5", "1"), lv())),
                new Wm(Long.MAX_VALUE));
        try (Harness h = harness(oneSecondClock(), false)) {
            h.open();
            h.run(steps);
            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(h.quarantine()).singleElement().satisfies(q -> {
                assertThat(q.reason()).isEqualTo(QuarantineReason.CROSSED_BOOK);
                assertThat(q.detail()).contains("best bid 101.5 >= best ask 101.0");
            });
        }
    }

    /** Every split point: run, snapshot state + timers, restore into a fresh operator, continue. */
    @Test
    void snapshotRestoreAtAnyPointContinuesTheBook() throws Exception {
        for (boolean rocks : new boolean[] {false, true}) {
            List<Step> steps = basicScenario();
            for (int k = 0; k <= steps.size(); k++) {
                Split split = runRestoredAt(steps, k, rocks);
                assertThat(split.quarantine()).as("split %d", k).isEmpty(); // restored book verifies the next checksum
                assertThat(split.out()).as("rocks %s split %d", rocks, k).containsExactlyElementsOf(BASIC_EXPECTED);
            }
        }
    }

    /** What a run emitted: microstructure and quarantine. */
    record Split(List<Microstructure> out, List<Quarantine> quarantine) {}

    /** Runs {@code steps[0, k)}, snapshots state and timers, restores into a fresh operator, runs the rest. */
    static Split runRestoredAt(List<Step> steps, int k, boolean rocks) throws Exception {
        List<Microstructure> out = new ArrayList<>();
        List<Quarantine> q = new ArrayList<>();
        OperatorSubtaskState snap;
        try (Harness h1 = harness(oneSecondClock(), rocks)) {
            h1.open();
            h1.run(steps.subList(0, k));
            out.addAll(h1.extractOutputValues());
            q.addAll(h1.quarantine());
            snap = h1.snapshot(1L, 1L);
        }
        try (Harness h2 = harness(oneSecondClock(), rocks)) {
            h2.initializeState(snap);
            h2.open();
            h2.run(steps.subList(k, steps.size()));
            out.addAll(h2.extractOutputValues());
            q.addAll(h2.quarantine());
        }
        return new Split(out, q);
    }

    @Test
    void restoredTimerStillFlushes() throws Exception {
        List<Step> steps = basicScenario().subList(0, 3); // up to the delta at T+1.75: timer waits at T+2
        OperatorSubtaskState snap;
        try (Harness h1 = harness(oneSecondClock(), false)) {
            h1.open();
            h1.run(steps);
            snap = h1.snapshot(1L, 1L);
        }
        try (Harness h2 = harness(oneSecondClock(), false)) {
            h2.initializeState(snap);
            h2.open();
            h2.processWatermark(new Watermark(Long.MAX_VALUE));
            assertThat(h2.extractOutputValues()).containsExactly(BASIC_EXPECTED.get(1));
        }
    }

    @Test
    void catchUpIsCappedAndCounted() throws Exception {
        BookEvents b = new BookEvents("kraken", "BTC/USD");
        List<Step> steps = List.of(
                new Ev(b.instrument(T)),
                new Ev(b.snapshot(T + 250_000, lv("100.0", "1"), lv("101.0", "1"))),
                new Ev(b.delta(T + 10_500_000, lv("100.0", "2"), lv())), // boundaries T+1 .. T+10 due: 10
                new Wm(Long.MAX_VALUE));
        OrderBookFunction f = new OrderBookFunction(3, 1);
        try (Harness h = harness(f, false)) {
            h.open();
            h.run(steps);
            // the last 3 of the gap (same book, ageing), then T+11 after the delta
            assertThat(h.extractOutputValues()).extracting(Microstructure::tsMicros)
                    .containsExactly(T + 8 * S, T + 9 * S, T + 10 * S, T + 11 * S);
            assertThat(h.extractOutputValues()).extracting(Microstructure::bookAgeMs)
                    .containsExactly(7750L, 8750L, 9750L, 500L);
            assertThat(f.counts()).containsEntry("microstructure_skipped", 7L).containsEntry("microstructure", 4L);
        }
    }

    @Test
    void otherKindsNeitherMoveTimeNorChangeTheBook() throws Exception {
        BookEvents b = new BookEvents("kraken", "BTC/USD");
        List<Step> steps = List.of(
                new Ev(b.instrument(T)),
                new Ev(b.snapshot(T + 250_000, lv("100.0", "1"), lv("101.0", "1"))),
                new Ev(b.trade(T + 5_000_000, "100.5", "1")),
                new Wm(Long.MAX_VALUE));
        try (Harness h = harness(oneSecondClock(), false)) {
            h.open();
            h.run(steps);
            assertThat(h.extractOutputValues()).extracting(Microstructure::tsMicros).containsExactly(T + S);
        }
    }

    @Test
    void subscribedDepthKeepsDeeperLevels() throws Exception {
        BookEvents b = new BookEvents("kraken", "BTC/USD");
        String[] bids = new String[24];
        String[] asks = new String[24];
        for (int i = 0; i < 12; i++) { // 12 levels a side 0.1 apart, all inside ±2 %: depth 10 would drop two
            bids[2 * i] = Decimal.of(1000 - i, 1).toPlainString();
            bids[2 * i + 1] = "1";
            asks[2 * i] = Decimal.of(1001 + i, 1).toPlainString();
            asks[2 * i + 1] = "1";
        }
        List<Step> steps = List.of(
                new Ev(b.instrument(T)),
                new Ev(b.subscription(T + 1, 25)),
                new Ev(b.snapshot(T + 2, lv(bids), lv(asks))),
                new Wm(Long.MAX_VALUE));
        try (Harness h = harness(oneSecondClock(), false)) {
            h.open();
            h.run(steps);
            // bids 100.0 + 99.9 + ... + 98.9 = 1200 - 6.6 = 1193.40; asks 100.1 + ... + 101.2 = 1201.2 + 6.6 = 1207.80
            assertThat(h.extractOutputValues()).singleElement().satisfies(m -> {
                assertThat(m.depthBidUsd()).isEqualTo(d("1193.40"));
                assertThat(m.depthAskUsd()).isEqualTo(d("1207.80"));
            });
            assertThat(h.quarantine()).isEmpty();
        }
    }

    @Test
    void precisionChangeDropsTheBookUntilTheNextSnapshot() throws Exception {
        BookEvents b = new BookEvents("kraken", "BTC/USD");
        MarketEvent finer = MarketEvent.of(new io.cryptorun.sources.model.Instrument(
                b.header(T + 1_500_000), "BTC", "USD", 2, 8, "online"));
        List<Step> steps = List.of(
                new Ev(b.instrument(T)),
                new Ev(b.snapshot(T + 250_000, lv("100.0", "1"), lv("101.0", "1"))),
                new Ev(finer),
                new Wm(Long.MAX_VALUE));
        try (Harness h = harness(oneSecondClock(), false)) {
            h.open();
            h.run(steps);
            assertThat(h.extractOutputValues()).extracting(Microstructure::tsMicros).containsExactly(T + S);
        }
    }

    @Test
    void keysAreIndependent() throws Exception {
        BookEvents btc = new BookEvents("kraken", "BTC/USD");
        BookEvents eth = new BookEvents("kraken", "ETH/USD");
        List<Step> steps = List.of(
                new Ev(btc.instrument(T)),
                new Ev(eth.instrument(T)),
                new Ev(btc.snapshot(T + 100_000, lv("100.0", "1"), lv("101.0", "1"))),
                new Ev(eth.delta(T + 200_000, lv("10.0", "1"), lv())),
                new Ev(eth.snapshot(T + 2_300_000, lv("10.0", "1"), lv("11.0", "1"))),
                new Wm(Long.MAX_VALUE));
        try (Harness h = harness(oneSecondClock(), false)) {
            h.open();
            h.run(steps);
            assertThat(h.extractOutputValues()).extracting(m -> m.symbol() + "@" + (m.tsMicros() - T) / S)
                    .containsExactlyInAnyOrder("BTC/USD@1", "ETH/USD@3");
            assertThat(h.quarantine()).extracting(Quarantine::symbol).containsExactly("ETH/USD");
        }
    }
}
