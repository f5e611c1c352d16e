package io.cryptorun.functions.universe;

import static io.cryptorun.functions.AnalyticsSamples.HOUR;
import static io.cryptorun.functions.AnalyticsSamples.MIN;
import static io.cryptorun.functions.AnalyticsSamples.SEC;
import static io.cryptorun.functions.AnalyticsSamples.T0;
import static io.cryptorun.functions.AnalyticsSamples.bar;
import static io.cryptorun.functions.AnalyticsSamples.micro;
import static org.assertj.core.api.Assertions.assertThat;

import io.cryptorun.sources.model.Bar;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

@SuppressWarnings("try")
class IndicatorFunctionTest {
    static KeyedOneInputStreamOperatorTestHarness<String, SymbolInput, AssetSnapshot> harness() throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, SymbolInput, AssetSnapshot> h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new IndicatorFunction(UniverseConfig.defaults())), IndicatorFunction.KEY, Types.STRING);
        h.getExecutionConfig().disableGenericTypes();
        return h;
    }

    static void add(KeyedOneInputStreamOperatorTestHarness<String, SymbolInput, AssetSnapshot> h, SymbolInput in, long tsMicros)
            throws Exception {
        h.processElement(new StreamRecord<>(in, tsMicros / 1000));
    }

    static List<AssetSnapshot> snapshots(KeyedOneInputStreamOperatorTestHarness<String, SymbolInput, AssetSnapshot> h) {
        List<AssetSnapshot> out = new ArrayList<>();
        for (Object o : h.getOutput()) {
            if (o instanceof StreamRecord<?> r && r.getValue() instanceof AssetSnapshot s) out.add(s);
        }
        return out;
    }

    /** 30 hours of flat-ish 1h bars on kraken ending at T0, so the ADV is known. */
    static void history(KeyedOneInputStreamOperatorTestHarness<String, SymbolInput, AssetSnapshot> h, String symbol) throws Exception {
        for (int i = 30; i >= 1; i--) {
            long open = T0 - i * HOUR;
            double c = 100 + (i % 3);
            add(h, SymbolInput.of(bar("kraken", symbol, Bar.H1, open, c, c + 1, c - 1, c, 1_000)), open);
        }
    }

    @Test
    void aTickSeesOnlyDataUpToItWhateverTheArrivalOrder() throws Exception {
        try (var h = harness()) {
            h.open();
            history(h, "SOL/USD");
            long tick = T0 + MIN;
            // the later record arrives first; the watermark has not passed the tick yet
            add(h, SymbolInput.of(micro("kraken", "SOL/USD", tick + 10 * SEC, 101, 20, 400_000, "c1")), tick + 10 * SEC);
            add(h, SymbolInput.of(micro("kraken", "SOL/USD", tick - 30 * SEC, 100, 10, 300_000, "c1")), tick - 30 * SEC);
            h.processWatermark(new Watermark(tick / 1000));
            List<AssetSnapshot> out = snapshots(h);
            assertThat(out).hasSize(1);
            AssetSnapshot s = out.get(0);
            assertThat(s.tickMicros()).isEqualTo(tick);
            assertThat(s.spreadBps()).isEqualTo(10.0);
            assertThat(s.eligible()).isTrue();
            assertThat(s.signalBarCloseMicros()).isEqualTo(T0);
            assertThat(s.adv24hUsd()).isEqualTo(24 * 1_000 * (100 + 101 + 102) / 3.0, org.assertj.core.data.Offset.offset(1e-6));
            h.processWatermark(new Watermark((tick + MIN) / 1000));
            assertThat(snapshots(h)).hasSize(2).last().extracting(AssetSnapshot::spreadBps).isEqualTo(20.0);
        }
    }

    @Test
    void anInputBehindTheWatermarkIsDroppedRatherThanAppliedLate() throws Exception {
        try (var h = harness()) {
            h.open();
            history(h, "SOL/USD");
            h.processWatermark(new Watermark((T0 + MIN) / 1000));
            add(h, SymbolInput.of(micro("kraken", "SOL/USD", T0 + 30 * SEC, 100, 10, 300_000, "c1")), T0 + 30 * SEC);
            h.processWatermark(new Watermark((T0 + 3 * MIN) / 1000));
            assertThat(snapshots(h)).isEmpty();
        }
    }

    @Test
    void barsOfSeveralVenuesAreConsolidatedAndFourHourClosesGoToTheRegime() throws Exception {
        try (var h = harness()) {
            h.open();
            long open = T0 - 4 * HOUR;
            add(h, SymbolInput.of(bar("coinbase", "ETH/USD", Bar.H4, open, 10, 12, 9, 11.5, 3)), open);
            add(h, SymbolInput.of(bar("kraken", "ETH/USD", Bar.H4, open, 10, 12, 9, 11, 2)), open);
            h.processWatermark(new Watermark(T0 / 1000));
            List<FourHourMark> marks = new ArrayList<>();
            h.getSideOutput(IndicatorFunction.FOUR_HOUR_MARKS).forEach(r -> marks.add(r.getValue()));
            assertThat(marks).containsExactly(new FourHourMark("ETH/USD", T0, 11.0, Double.NaN, Double.NaN, Double.NaN, true));
            assertThat(snapshots(h)).isEmpty(); // no microstructure in that minute, no snapshot
        }
    }

    @Test
    void pairsOutsideTheUniverseAreSnapshottedAsIneligible() throws Exception {
        try (var h = harness()) {
            h.open();
            history(h, "USDT/USD");
            add(h, SymbolInput.of(micro("kraken", "ADA/EUR", T0 + SEC, 1, 5, 500_000, "c1")), T0 + SEC);
            add(h, SymbolInput.of(micro("kraken", "USDT/USD", T0 + SEC, 1, 5, 500_000, "c1")), T0 + SEC);
            add(h, SymbolInput.of(micro("kraken", "NEW/USD", T0 + SEC, 1, 5, 500_000, "c1")), T0 + SEC);
            h.processWatermark(new Watermark((T0 + MIN) / 1000));
            assertThat(snapshots(h)).extracting(AssetSnapshot::symbol, AssetSnapshot::ineligibleReason)
                    .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("ADA/EUR", "quote_not_usd"),
                            org.assertj.core.groups.Tuple.tuple("USDT/USD", "stablecoin"),
                            org.assertj.core.groups.Tuple.tuple("NEW/USD", "adv_unknown"));
        }
    }

    @Test
    void stateSurvivesASnapshotAndGivesTheSameSnapshotsAsAnUninterruptedRun() throws Exception {
        List<AssetSnapshot> uninterrupted;
        try (var h = harness()) {
            h.open();
            history(h, "SOL/USD");
            add(h, SymbolInput.of(micro("kraken", "SOL/USD", T0 + 5 * SEC, 100, 10, 300_000, "c1")), T0 + 5 * SEC);
            add(h, SymbolInput.of(micro("kraken", "SOL/USD", T0 + MIN + 5 * SEC, 100, 12, 300_000, "c1")), T0 + MIN + 5 * SEC);
            h.processWatermark(new Watermark((T0 + 2 * MIN) / 1000));
            uninterrupted = snapshots(h);
        }
        OperatorSubtaskState state;
        List<AssetSnapshot> before;
        try (var h = harness()) {
            h.open();
            history(h, "SOL/USD");
            add(h, SymbolInput.of(micro("kraken", "SOL/USD", T0 + 5 * SEC, 100, 10, 300_000, "c1")), T0 + 5 * SEC);
            add(h, SymbolInput.of(micro("kraken", "SOL/USD", T0 + MIN + 5 * SEC, 100, 12, 300_000, "c1")), T0 + MIN + 5 * SEC);
            h.processWatermark(new Watermark((T0 + MIN) / 1000));
            before = snapshots(h);
            state = h.snapshot(1, 1);
        }
        try (var h = harness()) {
            h.initializeState(state);
            h.open();
            h.processWatermark(new Watermark((T0 + 2 * MIN) / 1000));
            List<AssetSnapshot> all = new ArrayList<>(before);
            all.addAll(snapshots(h));
            assertThat(all).isEqualTo(uninterrupted); // record equality: doubles compared bit for bit (NaN equals NaN)
        }
    }
}
