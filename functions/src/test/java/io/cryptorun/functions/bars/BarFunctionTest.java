package io.cryptorun.functions.bars;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptorun.sources.decimal.Decimal;
import io.cryptorun.sources.model.Bar;
import io.cryptorun.sources.model.EventHeader;
import io.cryptorun.sources.model.MarketEvent;
import io.cryptorun.sources.model.Quarantine;
import io.cryptorun.sources.model.QuarantineReason;
import io.cryptorun.sources.model.Side;
import io.cryptorun.sources.model.Trade;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Queue;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.contrib.streaming.state.EmbeddedRocksDBStateBackend;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

@SuppressWarnings("try") // harness close() declares Exception; nothing to handle in a test
class BarFunctionTest {
    /** 2023-11-14T00:00:00Z, a UTC day boundary. */
    static final long D = 1_699_920_000_000_000L;
    static final long SEC = 1_000_000L;
    static final long MIN = 60 * SEC;
    static final long HOUR = 60 * MIN;

    sealed interface Step permits Tr, Hist, Wm {}

    record Tr(MarketEvent e) implements Step {}

    record Hist(Bar b) implements Step {}

    /** A watermark on both inputs, in ms. */
    record Wm(long millis) implements Step {}

    static final class Harness extends KeyedTwoInputStreamOperatorTestHarness<String, MarketEvent, Bar, Bar> {
        Harness(BarFunction f, boolean rocks) throws Exception {
            super(new KeyedCoProcessOperator<>(f), BarFunction.TRADE_KEY, BarFunction.HISTORY_KEY, Types.STRING);
            if (rocks) {
                setStateBackend(new EmbeddedRocksDBStateBackend());
            }
        }

        void run(List<Step> steps) throws Exception {
            for (Step s : steps) {
                if (s instanceof Tr t) {
                    processElement1(new StreamRecord<>(t.e(), t.e().eventTimeMicros() / 1000));
                } else if (s instanceof Hist h) {
                    processElement2(new StreamRecord<>(h.b(), h.b().openTimeMicros() / 1000));
                } else if (s instanceof Wm w) {
                    processBothWatermarks(new Watermark(w.millis()));
                }
            }
        }

        List<Quarantine> quarantine() {
            Queue<StreamRecord<Quarantine>> q = getSideOutput(BarFunction.QUARANTINE);
            List<Quarantine> out = new ArrayList<>();
            if (q != null) {
                q.forEach(r -> out.add(r.getValue()));
            }
            return out;
        }
    }

    private static long ordinal;

    static Tr trade(long t, String price, String qty) {
        EventHeader h = new EventHeader("kraken", "BTC/USD", t, t + 2_000, "c1", ordinal++);
        return new Tr(MarketEvent.of(new Trade(h, Decimal.parse(price), Decimal.parse(qty), Side.BUY, "id" + ordinal,
                "limit")));
    }

    static Decimal d(String s) {
        return Decimal.parse(s);
    }

    static Bar bar(String interval, long open, String o, String h, String l, String c, String v, long n, String vwap) {
        return new Bar("kraken", "BTC/USD", interval, open, d(o), d(h), d(l), d(c), d(v), n, d(vwap), Bar.ORIGIN_TRADES);
    }

    static final Bar HISTORY_02 = new Bar("kraken", "BTC/USD", Bar.H1, D + 2 * HOUR, d("104"), d("106"), d("103"),
            d("105"), d("10"), 7, d("105.0"), Bar.ORIGIN_HISTORY);

    static List<Step> scenario() {
        return List.of(
                trade(D + 10 * SEC, "100.0", "1.0"),
                trade(D + 20 * SEC, "102.5", "2"),
                trade(D + 50 * SEC, "99.75", "0.5"),
                trade(D + 65 * SEC, "101.0", "1.0"), // later minute: closes 00:00
                new Wm((D + 2 * MIN) / 1000), // closes 00:01
                trade(D + 90 * SEC, "1", "1"), // late: 00:01 is closed
                trade(D + HOUR + 5 * SEC, "103.0", "2.0"),
                new Wm((D + HOUR) / 1000), // decides hour 00
                trade(D + 59 * MIN, "1", "1"), // late: before the open minute 01:00
                new Hist(HISTORY_02),
                trade(D + 2 * HOUR + 10 * MIN, "200.0", "1"), // closes 01:00; its hour 02 has history
                new Wm(Long.MAX_VALUE));
    }

    /**
     * By hand:
     * <pre>
     * 1m 00:00  100.0x1.0, 102.5x2, 99.75x0.5: O 100.0 H 102.5 L 99.75 C 99.75 V 3.5, notional 354.875,
     *           vwap 354.875/3.5 = 101.3928571.. -> (scale 2 + 4) 101.392857
     * 1m 00:01  101.0x1.0 -> vwap 101.00000
     * 1h 00:00  V 4.5, 4 trades, notional 455.875, vwap 101.305555.. -> 101.305556
     * history 02:00 passes through as it arrives
     * 1m 01:00, 1h 01:00  103.0x2.0 -> vwap 103.00000
     * 1m 02:10  200.0x1 -> vwap 200.00000; hour 02 is the history bar's (trade-built 02:00 superseded)
     * 4h/1d 00:00  hours 00 (trade), 01 (trade), 02 (history): O 100.0 H 106 L 99.75 C 105 V 16.5,
     *           12 trades, notional 455.875 + 206.00 + 105.0x10 = 1711.875, vwap 103.75 -> 103.750000
     * </pre>
     */
    static final List<Bar> EXPECTED = List.of(
            bar("1m", D, "100.0", "102.5", "99.75", "99.75", "3.5", 3, "101.392857"),
            bar("1m", D + MIN, "101.0", "101.0", "101.0", "101.0", "1.0", 1, "101.00000"),
            bar("1h", D, "100.0", "102.5", "99.75", "101.0", "4.5", 4, "101.305556"),
            HISTORY_02,
            bar("1m", D + HOUR, "103.0", "103.0", "103.0", "103.0", "2.0", 1, "103.00000"),
            bar("1h", D + HOUR, "103.0", "103.0", "103.0", "103.0", "2.0", 1, "103.00000"),
            bar("1m", D + 2 * HOUR + 10 * MIN, "200.0", "200.0", "200.0", "200.0", "1", 1, "200.00000"),
            bar("4h", D, "100.0", "106", "99.75", "105", "16.5", 12, "103.750000"),
            bar("1d", D, "100.0", "106", "99.75", "105", "16.5", 12, "103.750000"));

    @Test
    void minutesHoursRollupsHistoryAndLateTrades() throws Exception {
        BarFunction f = new BarFunction();
        try (Harness h = new Harness(f, false)) {
            h.open();
            h.run(scenario());
            assertThat(h.extractOutputValues()).containsExactlyElementsOf(EXPECTED);
            assertThat(h.quarantine()).extracting(Quarantine::reason)
                    .containsExactly(QuarantineReason.LATE_TRADE, QuarantineReason.LATE_TRADE);
            assertThat(h.quarantine().get(0).detail()).contains("before " + (D + 2 * MIN) + " us");
            assertThat(h.quarantine().get(1).receiveTimeMicros()).isEqualTo(D + 59 * MIN + 2_000);
            assertThat(f.counts()).containsEntry("bars_1m", 4L).containsEntry("bars_1h", 2L)
                    .containsEntry("bars_4h", 1L).containsEntry("bars_1d", 1L).containsEntry("trades", 6L)
                    .containsEntry("late_trades", 2L).containsEntry("history_bars", 1L)
                    .containsEntry("bars_1h_superseded", 1L).containsEntry("history_late", 0L)
                    .containsEntry("volume_rounded", 0L);
            assertThat(h.numEventTimeTimers()).isZero();
            // once everything closed only the two lateness positions (frontier, decided) remain
            assertThat(h.numKeyedStateEntries()).isEqualTo(2);
        }
    }

    @Test
    void sameOnRocksDb() throws Exception {
        try (Harness h = new Harness(new BarFunction(), true)) {
            h.open();
            h.run(scenario());
            assertThat(h.extractOutputValues()).containsExactlyElementsOf(EXPECTED);
        }
    }

    @Test
    void snapshotRestoreAtAnyPointGivesTheSameBars() throws Exception {
        for (boolean rocks : new boolean[] {false, true}) {
            List<Step> steps = scenario();
            for (int k = 0; k <= steps.size(); k++) {
                List<Bar> out = new ArrayList<>();
                List<Quarantine> q = new ArrayList<>();
                OperatorSubtaskState snap;
                try (Harness h1 = new Harness(new BarFunction(), rocks)) {
                    h1.open();
                    h1.run(steps.subList(0, k));
                    out.addAll(h1.extractOutputValues());
                    q.addAll(h1.quarantine());
                    snap = h1.snapshot(1L, 1L);
                }
                try (Harness h2 = new Harness(new BarFunction(), rocks)) {
                    h2.initializeState(snap);
                    h2.open();
                    h2.run(steps.subList(k, steps.size()));
                    out.addAll(h2.extractOutputValues());
                    q.addAll(h2.quarantine());
                }
                assertThat(out).as("rocks %s split %d", rocks, k).containsExactlyElementsOf(EXPECTED);
                assertThat(q).as("rocks %s split %d", rocks, k).hasSize(2);
            }
        }
    }

    /** Where the history bar lands among the trades must not matter, only the watermarks do. */
    @Test
    void historyArrivalOrderDoesNotChangeTheBars() throws Exception {
        List<Step> base = new ArrayList<>(scenario());
        int at = base.indexOf(new Hist(HISTORY_02));
        base.remove(at);
        Comparator<Bar> order = Comparator.comparing(Bar::interval).thenComparingLong(Bar::openTimeMicros)
                .thenComparing(Bar::origin);
        List<Bar> expected = new ArrayList<>(EXPECTED);
        expected.sort(order);
        for (int pos = 0; pos < base.size(); pos++) { // anywhere before the final watermark
            List<Step> steps = new ArrayList<>(base);
            steps.add(pos, new Hist(HISTORY_02));
            try (Harness h = new Harness(new BarFunction(), false)) {
                h.open();
                h.run(steps);
                List<Bar> got = new ArrayList<>(h.extractOutputValues());
                got.sort(order);
                assertThat(got).as("history at %d", pos).containsExactlyElementsOf(expected);
            }
        }
    }

    @Test
    void minuteClosesWhenTheWatermarkPassesItsEnd() throws Exception {
        try (Harness h = new Harness(new BarFunction(), false)) {
            h.open();
            h.run(List.of(trade(D + 10 * SEC, "5", "1")));
            h.processBothWatermarks(new Watermark((D + MIN) / 1000 - 1));
            assertThat(h.extractOutputValues()).isEmpty();
            h.processWatermark1(new Watermark((D + MIN) / 1000)); // one input alone does not move time
            assertThat(h.extractOutputValues()).isEmpty();
            h.processWatermark2(new Watermark((D + MIN) / 1000));
            assertThat(h.extractOutputValues()).containsExactly(bar("1m", D, "5", "5", "5", "5", "1", 1, "5.0000"));
            // the hour is still open: its timer is at D + 1h
            h.processBothWatermarks(new Watermark((D + HOUR) / 1000));
            assertThat(h.extractOutputValues()).hasSize(2);
            assertThat(h.extractOutputValues().get(1).interval()).isEqualTo("1h");
        }
    }

    /**
     * SPEC §5 end of input: the input ends at D + 1h 2m 30s. At the final (MAX) watermark the
     * minute, hour, 4h and day still open are not emitted; the minute that ended before the input
     * did is. Without the end (unbounded input) the MAX watermark closes them all.
     */
    @Test
    void barsOpenAtTheEndOfInputAreNeverEmittedAsClosed() throws Exception {
        long end = D + HOUR + 2 * MIN + 30 * SEC;
        List<Step> steps = List.of(trade(D + 10 * SEC, "5", "1"), trade(D + HOUR + MIN + 5 * SEC, "6", "1"),
                trade(D + HOUR + 2 * MIN + 10 * SEC, "7", "1"), new Wm(Long.MAX_VALUE));
        try (Harness h = new Harness(new BarFunction(end), false)) {
            h.open();
            h.run(steps);
            List<Bar> out = h.extractOutputValues();
            assertThat(out).extracting(b -> b.interval() + "@" + (b.openTimeMicros() - D) / MIN)
                    .containsExactlyInAnyOrder("1m@0", "1h@0", "1m@61");
            for (Bar b : out) {
                long len = switch (b.interval()) {
                    case "1m" -> MIN;
                    case "1h" -> HOUR;
                    default -> throw new AssertionError(b);
                };
                assertThat(b.openTimeMicros() + len).isLessThanOrEqualTo(end);
            }
        }
        try (Harness h = new Harness(new BarFunction(), false)) {
            h.open();
            h.run(steps);
            assertThat(h.extractOutputValues()).extracting(Bar::interval)
                    .containsExactlyInAnyOrder("1m", "1h", "1m", "1m", "1h", "4h", "1d");
        }
    }

    /**
     * Four history hours and nothing else:
     * <pre>
     * 00 O 10 H 12 L 9  C 11 V 2 n 3 vwap 10.5  notional 21.0
     * 01 O 11 H 13 L 10 C 12 V 4 n 1 vwap 12    notional 48
     * 02 O 12 H 12 L 8  C 9  V 1 n 2 vwap 9.25  notional 9.25
     * 03 O 9  H 11 L 9  C 10 V 3 n 5 vwap 10    notional 30
     * 4h O 10 H 13 L 8 C 10 V 10 n 11 vwap 108.25 / 10 = 10.825 -> (scale 0 + 4) 10.8250
     * </pre>
     */
    @Test
    void historyAloneRollsUp() throws Exception {
        String[][] hours = {
            {"10", "12", "9", "11", "2", "3", "10.5"}, {"11", "13", "10", "12", "4", "1", "12"},
            {"12", "12", "8", "9", "1", "2", "9.25"}, {"9", "11", "9", "10", "3", "5", "10"},
        };
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < hours.length; i++) {
            String[] x = hours[i];
            steps.add(new Hist(new Bar("kraken", "BTC/USD", "1h", D + i * HOUR, d(x[0]), d(x[1]), d(x[2]), d(x[3]),
                    d(x[4]), Long.parseLong(x[5]), d(x[6]), Bar.ORIGIN_HISTORY)));
        }
        steps.add(new Wm(Long.MAX_VALUE));
        BarFunction f = new BarFunction();
        try (Harness h = new Harness(f, false)) {
            h.open();
            h.run(steps);
            List<Bar> out = h.extractOutputValues();
            assertThat(out).hasSize(6);
            assertThat(out.subList(0, 4)).allMatch(b -> b.origin().equals(Bar.ORIGIN_HISTORY));
            assertThat(out.get(4)).isEqualTo(bar("4h", D, "10", "13", "8", "10", "10", 11, "10.8250"));
            assertThat(out.get(5)).isEqualTo(bar("1d", D, "10", "13", "8", "10", "10", 11, "10.8250"));
            assertThat(f.counts()).containsEntry("bars_1h", 0L).containsEntry("history_bars", 4L);
        }
    }

    @Test
    void lateDuplicateAndOtherHistoryIsPassedOnButNotMerged() throws Exception {
        Bar h0 = new Bar("kraken", "BTC/USD", "1h", D, d("1"), d("1"), d("1"), d("1"), d("1"), 1, d("1"),
                Bar.ORIGIN_HISTORY);
        Bar h0again = new Bar("kraken", "BTC/USD", "1h", D, d("2"), d("2"), d("2"), d("2"), d("1"), 1, d("2"),
                Bar.ORIGIN_HISTORY);
        Bar daily = new Bar("kraken", "BTC/USD", "1d", D, d("3"), d("3"), d("3"), d("3"), d("1"), 1, d("3"),
                Bar.ORIGIN_HISTORY);
        Bar h1 = new Bar("kraken", "BTC/USD", "1h", D + HOUR, d("4"), d("4"), d("4"), d("4"), d("1"), 1, d("4"),
                Bar.ORIGIN_HISTORY);
        BarFunction f = new BarFunction();
        try (Harness h = new Harness(f, false)) {
            h.open();
            // the watermark at D + 4h fires the timers at D + 1h (hour 00) and D + 4h (the 4h bar), so
            // everything up to D + 4h is decided and hour 01 comes too late to be merged
            h.run(List.of(new Hist(h0), new Hist(h0again), new Hist(daily), new Wm((D + 4 * HOUR) / 1000),
                    new Hist(h1), new Wm(Long.MAX_VALUE)));
            assertThat(h.extractOutputValues()).containsExactly(h0, h0again, daily,
                    bar("4h", D, "1", "1", "1", "1", "1", 1, "1.0000"), h1,
                    bar("1d", D, "1", "1", "1", "1", "1", 1, "1.0000"));
            assertThat(f.counts()).containsEntry("history_duplicate", 1L).containsEntry("history_ignored", 1L)
                    .containsEntry("history_late", 1L).containsEntry("history_bars", 4L);
        }
    }

    @Test
    void unusableTradesAreQuarantined() throws Exception {
        BarFunction f = new BarFunction();
        try (Harness h = new Harness(f, false)) {
            h.open();
            h.run(List.of(trade(D, "0", "1"), trade(D, "1", "-1"), trade(D, "1", "0"), new Wm(Long.MAX_VALUE)));
            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(h.quarantine()).extracting(Quarantine::reason).containsExactly(
                    QuarantineReason.NON_POSITIVE_PRICE, QuarantineReason.NEGATIVE_QTY, QuarantineReason.INVALID_NUMBER);
            assertThat(f.counts()).containsEntry("trades_rejected", 3L).containsEntry("trades", 0L);
        }
    }

    @Test
    void barsSpanningDaysCloseInOrder() throws Exception {
        // one trade at 23:59:30 and one at 00:00:10 the next day
        try (Harness h = new Harness(new BarFunction(), false)) {
            h.open();
            h.run(List.of(trade(D + 24 * HOUR - 30 * SEC, "10", "1"), trade(D + 24 * HOUR + 10 * SEC, "20", "1"),
                    new Wm(Long.MAX_VALUE)));
            assertThat(h.extractOutputValues()).extracting(b -> b.interval() + "@" + (b.openTimeMicros() - D) / MIN)
                    .containsExactly("1m@1439", "1h@1380", "4h@1200", "1d@0", "1m@1440", "1h@1440", "4h@1440",
                            "1d@1440");
        }
    }
}
