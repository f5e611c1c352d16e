package io.cryptorun.functions.scan;

import static io.cryptorun.functions.AnalyticsSamples.HOUR;
import static io.cryptorun.functions.AnalyticsSamples.MIN;
import static io.cryptorun.functions.AnalyticsSamples.SEC;
import static io.cryptorun.functions.AnalyticsSamples.T0;
import static io.cryptorun.functions.AnalyticsSamples.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.cryptorun.functions.gates.GateConfig;
import io.cryptorun.functions.gates.GateReason;
import io.cryptorun.functions.regime.Regime;
import io.cryptorun.functions.regime.RegimeSnapshot;
import io.cryptorun.functions.regime.Votes;
import io.cryptorun.functions.scoring.CrossSection;
import io.cryptorun.functions.scoring.ScoringConfig;
import io.cryptorun.functions.universe.AssetSnapshot;
import java.util.List;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.junit.jupiter.api.Test;

@SuppressWarnings("try")
class ScanFunctionTest {
    static final String[] SYMBOLS = {"SOL/USD", "ADA/USD", "ETH/USD", "XRP/USD", "DOT/USD", "BTC/USD"};

    static KeyedBroadcastOperatorTestHarness<String, ScanInput, RegimeSnapshot, ScoredAsset> harness() throws Exception {
        var h = new KeyedBroadcastOperatorTestHarness<>(new CoBroadcastWithKeyedOperator<>(
                new ScanFunction(new TickScan(ScoringConfig.defaults(), GateConfig.defaults())), List.of(ScanFunction.REGIMES)),
                ScanFunction.KEY, Types.STRING, 1, 1, 0);
        h.getExecutionConfig().disableGenericTypes();
        return h;
    }

    /** The watermark on both inputs, in ms. */
    static void both(KeyedBroadcastOperatorTestHarness<String, ScanInput, RegimeSnapshot, ScoredAsset> h, long millis) throws Exception {
        h.processWatermark(new Watermark(millis));
        h.processBroadcastWatermark(new Watermark(millis));
    }

    static RegimeSnapshot regime(long ts, Regime r) {
        return new RegimeSnapshot(ts, r, 0.5, 0.5, 0.5, new Votes(r == Regime.TRENDING_BULL ? Regime.CHOPPY : r, r, r), 1.0);
    }

    @Test
    void typesCrossingOperatorsArePojos() {
        for (Class<?> c : new Class<?>[] {ScanInput.class, ScoredAsset.class, ScanBucket.class, AssetSnapshot.class,
            RegimeSnapshot.class, TickArrival.class, SocialSignal.class, SocialBook.class, io.cryptorun.functions.universe.SymbolInput.class,
            io.cryptorun.functions.universe.PendingInputs.class, io.cryptorun.functions.universe.FourHourMark.class,
            io.cryptorun.functions.alerts.ChannelScore.class, io.cryptorun.functions.alerts.AlertDecision.class,
            ScanOutcome.class, io.cryptorun.functions.alerts.ThrottleInput.class,
            io.cryptorun.functions.alerts.ControlCommand.class, io.cryptorun.functions.alerts.PaperInputs.class,
            io.cryptorun.functions.alerts.PaperExit.class, io.cryptorun.functions.alerts.PaperPosition.class}) {
            assertThat(TypeInformation.of(c)).as(c.getSimpleName()).isInstanceOf(PojoTypeInfo.class);
        }
    }

    @Test
    void scansEachTickAfterTheLateFillWindowUnderTheRegimeInForceAtTheTick() throws Exception {
        long tick = T0 + 5 * MIN;
        try (var h = harness()) {
            h.open();
            // the newer regime arrives first; it must not apply to an earlier tick
            h.processBroadcastElement(new StreamRecord<>(regime(T0 + 4 * HOUR, Regime.HIGH_VOL), (T0 + 4 * HOUR) / 1000));
            h.processBroadcastElement(new StreamRecord<>(regime(T0, Regime.TRENDING_BULL), T0 / 1000));
            for (int i = SYMBOLS.length - 1; i >= 0; i--) { // arrival order differs from symbol order
                h.processElement(new StreamRecord<>(ScanInput.of(snapshot(SYMBOLS[i], tick, i, i % 2 == 0 ? "c0" : "c1")), tick / 1000));
            }
            h.processElement(new StreamRecord<>(ScanInput.of(new TickArrival("c0", tick, tick + 2 * SEC)), (tick + SEC) / 1000));
            h.processElement(new StreamRecord<>(ScanInput.of(new TickArrival("c0", tick, tick + 9 * SEC)), (tick + SEC) / 1000));
            h.processElement(new StreamRecord<>(ScanInput.of(new TickArrival("c1", tick, tick + 31 * SEC)), (tick + SEC) / 1000));
            // a frame with event time past the window is ignored, early or not (c2 has no asset anyway)
            h.processElement(new StreamRecord<>(ScanInput.of(new TickArrival("c0", tick, tick)), (tick + 31 * SEC) / 1000));
            both(h, tick / 1000 - 1);
            assertThat(h.extractOutputValues()).isEmpty(); // snapshots of the tick may still come
            // the watermark reaches the tick: every eligible market (c0, c1) has shown a frame past it, so
            // the scan fires now (SPEC §8), 30 s before its deadline, stamped with the deadline's time
            both(h, tick / 1000);
            List<ScoredAsset> out = h.extractOutputValues();
            assertThat(h.getOutput()).filteredOn(r -> r instanceof StreamRecord).isNotEmpty()
                    .allSatisfy(r -> assertThat(((StreamRecord<?>) r).getTimestamp()).isEqualTo((tick + 30 * SEC) / 1000));
            both(h, (tick + 30 * SEC) / 1000);
            assertThat(h.extractOutputValues()).hasSameSizeAs(out); // the deadline scans nothing more
            assertThat(out).extracting(ScoredAsset::symbol).containsExactly("ADA/USD", "BTC/USD", "DOT/USD", "ETH/USD", "SOL/USD", "XRP/USD");
            assertThat(out).allSatisfy(a -> {
                assertThat(a.regime()).isEqualTo("TRENDING_BULL");
                assertThat(a.tickMicros()).isEqualTo(tick);
                assertThat(a.residualizationSkipped()).isFalse();
            });
            // c0 learned of the tick 2 s after it (the earlier of two stamps), c1 31 s after: late
            ScoredAsset onC0 = out.stream().filter(a -> a.inputs().best().conn().equals("c0")).findFirst().orElseThrow();
            ScoredAsset onC1 = out.stream().filter(a -> a.inputs().best().conn().equals("c1")).findFirst().orElseThrow();
            assertThat(onC0.lateFillReceiveMicros()).isEqualTo(tick + 2 * SEC);
            assertThat(onC0.gates()[2].pass()).isTrue();
            assertThat(onC1.gates()[2].reasons()).containsExactly(GateReason.LATE_FILL);
            // residuals uncorrelated with momentum within the tick
            double[] mom = out.stream().mapToDouble(a -> a.residual().momentum()).toArray();
            double[] tech = out.stream().mapToDouble(a -> a.residual().technical()).toArray();
            assertThat(Math.abs(CrossSection.correlation(mom, tech))).isLessThan(1e-9);
        }
    }

    /** Snapshots of {@code tick} on c0 (SOL, ETH, BTC), c1 (ADA, XRP) and an ineligible one on c2. */
    static void parkTick(KeyedBroadcastOperatorTestHarness<String, ScanInput, RegimeSnapshot, ScoredAsset> h, long tick) throws Exception {
        String[] conns = {"c0", "c1", "c0", "c1", "c0", "c0"};
        for (int i = 0; i < SYMBOLS.length; i++) {
            h.processElement(new StreamRecord<>(ScanInput.of(snapshot(SYMBOLS[i], tick, i, conns[i])), tick / 1000));
        }
        AssetSnapshot ok = snapshot("SOL/USD", tick, 1, "c2");
        h.processElement(new StreamRecord<>(ScanInput.of(new AssetSnapshot("PEPE/USD", tick, "adv_below_min", 0, 0, 0, 0, 0, 50,
                50, 20, 1, 1, 1, 0, 1, 24, 50_000, 40_000, tick - MIN, 1, ok.best(), 1, 0.5, null, null, null, null)), tick / 1000));
    }

    /** The {@link ScanFunction#THROTTLE} side output: "passed SYMBOL" per asset, "complete T @deadline first R" per marker. */
    static List<String> throttleFeed(KeyedBroadcastOperatorTestHarness<String, ScanInput, RegimeSnapshot, ScoredAsset> h) {
        List<String> out = new java.util.ArrayList<>();
        var side = h.getSideOutput(ScanFunction.THROTTLE);
        if (side != null) {
            side.forEach(r -> {
                ScanOutcome o = r.getValue();
                out.add(o.isMarker() ? "complete " + o.tickMicros() + " @" + o.deadlineMillis() + " first " + o.firstArrivalMicros()
                        : "passed " + o.passed().symbol() + " @" + o.deadlineMillis());
            });
        }
        return out;
    }

    static void arrive(KeyedBroadcastOperatorTestHarness<String, ScanInput, RegimeSnapshot, ScoredAsset> h, String conn, long tick,
            long receive, long eventTime) throws Exception {
        h.processElement(new StreamRecord<>(ScanInput.of(new TickArrival(conn, tick, receive)), eventTime / 1000));
    }

    @Test
    void theLastEligibleArrivalFiresTheScanAtOnceAndTheResultIsTheDeadlineScans() throws Exception {
        long tick = T0 + 5 * MIN;
        List<ScoredAsset> atDeadline;
        List<String> feedAtDeadline;
        try (var h = harness()) { // the reference: the watermark jumps straight to the deadline
            h.open();
            parkTick(h, tick);
            arrive(h, "c0", tick, tick + 3 * SEC, tick + SEC);
            arrive(h, "c1", tick, tick + 40 * SEC, tick + 20 * SEC); // c1 learned late: its assets fail late-fill
            both(h, (tick + 30 * SEC) / 1000);
            atDeadline = h.extractOutputValues();
            assertThat(atDeadline).hasSize(SYMBOLS.length);
            feedAtDeadline = throttleFeed(h);
        }
        try (var h = harness()) {
            h.open();
            parkTick(h, tick);
            arrive(h, "c0", tick, tick + 3 * SEC, tick + SEC);
            both(h, (tick + 5 * SEC) / 1000);
            assertThat(h.extractOutputValues()).isEmpty(); // c1 has not shown a frame past the tick; c2's market is ineligible
            arrive(h, "c1", tick, tick + 40 * SEC, tick + 20 * SEC); // the last one: the scan fires on this input
            List<ScoredAsset> early = h.extractOutputValues();
            assertThat(early).usingRecursiveFieldByFieldElementComparator().containsExactlyElementsOf(atDeadline);
            // the throttle's feed: the gate-passing assets, then the tick's completion marker, as at the deadline
            assertThat(throttleFeed(h)).containsExactlyElementsOf(feedAtDeadline)
                    .last().isEqualTo("complete " + tick + " @" + (tick + 30 * SEC) / 1000 + " first " + (tick + 3 * SEC));
            assertThat(feedAtDeadline).hasSize(1 + (int) atDeadline.stream().filter(ScoredAsset::pass).count());
            assertThat(h.getOutput()).filteredOn(r -> r instanceof StreamRecord).isNotEmpty()
                    .allSatisfy(r -> assertThat(((StreamRecord<?>) r).getTimestamp()).isEqualTo((tick + 30 * SEC) / 1000));
            arrive(h, "c2", tick, tick + 21 * SEC, tick + 21 * SEC); // after the scan: parks without snapshots
            both(h, (tick + 30 * SEC) / 1000);
            assertThat(h.extractOutputValues()).hasSize(SYMBOLS.length); // no second scan of the tick
        }
    }

    @Test
    void aMarketWithoutAnArrivalHoldsTheScanToItsDeadline() throws Exception {
        long tick = T0 + 5 * MIN;
        try (var h = harness()) {
            h.open();
            parkTick(h, tick);
            arrive(h, "c0", tick, tick + 3 * SEC, tick + SEC);
            arrive(h, "c2", tick, tick + 3 * SEC, tick + SEC); // the ineligible market's connection does not help
            both(h, (tick + 30 * SEC) / 1000 - 1);
            assertThat(h.extractOutputValues()).isEmpty();
            both(h, (tick + 30 * SEC) / 1000);
            List<ScoredAsset> out = h.extractOutputValues();
            assertThat(out).hasSize(SYMBOLS.length);
            assertThat(out).filteredOn(a -> a.inputs().best().conn().equals("c1"))
                    .allSatisfy(a -> assertThat(a.gates()[2].reasons()).containsExactly(GateReason.RECEIVE_TIME_MISSING));
        }
    }

    @Test
    void ineligibleAssetsAreLeftOutAndAMissingArrivalFailsClosed() throws Exception {
        long tick = T0 + MIN;
        try (var h = harness()) {
            h.open();
            AssetSnapshot ok = snapshot("SOL/USD", tick, 1, "c9");
            AssetSnapshot thin = new AssetSnapshot("PEPE/USD", tick, "adv_below_min", 0, 0, 0, 0, 0, 50, 50, 20, 1, 1, 1, 0, 1,
                    24, 50_000, 40_000, tick - MIN, 1, ok.best(), 1, 0.5, null, null, null, null);
            h.processElement(new StreamRecord<>(ScanInput.of(ok), tick / 1000));
            h.processElement(new StreamRecord<>(ScanInput.of(thin), tick / 1000));
            both(h, Long.MAX_VALUE);
            List<ScoredAsset> out = h.extractOutputValues();
            assertThat(out).extracting(ScoredAsset::symbol).containsExactly("SOL/USD");
            assertThat(out.get(0).residualizationSkipped()).isTrue(); // fewer than 5 assets
            assertThat(out.get(0).regime()).isEqualTo("CHOPPY");      // no vote yet
            assertThat(out.get(0).gates()[2].reasons()).containsExactly(GateReason.RECEIVE_TIME_MISSING);
            assertThat(out.get(0).pass()).isFalse();
        }
    }

    @Test
    void socialInForceAtTheTickIsAddedLastAndCappedLaterReadingsWait() throws Exception {
        long tick = T0 + 5 * MIN;
        long next = tick + MIN;
        try (var h = harness()) {
            h.open();
            h.processElement(new StreamRecord<>(ScanInput.of(new SocialSignal(tick - MIN, "SOL/USD", 17.5)), (tick - MIN) / 1000));
            h.processElement(new StreamRecord<>(ScanInput.of(new SocialSignal(tick, "ADA/USD", 4.5)), tick / 1000));
            h.processElement(new StreamRecord<>(ScanInput.of(new SocialSignal(tick - MIN, "ETH/USD", -3)), (tick - MIN) / 1000));
            // arrives before the tick's scan but is newer than the tick: only the next tick uses it
            h.processElement(new StreamRecord<>(ScanInput.of(new SocialSignal(tick + SEC, "ADA/USD", 9)), (tick + SEC) / 1000));
            for (long t : new long[] {tick, next}) {
                for (int i = 0; i < SYMBOLS.length; i++) {
                    h.processElement(new StreamRecord<>(ScanInput.of(snapshot(SYMBOLS[i], t, i, "c0")), t / 1000));
                }
            }
            both(h, (next + 30 * SEC) / 1000);
            java.util.Map<String, ScoredAsset> first = new java.util.HashMap<>();
            java.util.Map<String, ScoredAsset> second = new java.util.HashMap<>();
            for (ScoredAsset a : h.extractOutputValues()) {
                (a.tickMicros() == tick ? first : second).put(a.symbol(), a);
            }
            assertThat(first.get("SOL/USD").social()).isEqualTo(10.0);
            assertThat(first.get("ADA/USD").social()).isEqualTo(4.5);
            assertThat(first.get("ETH/USD").social()).isEqualTo(0.0);
            assertThat(first.get("XRP/USD").social()).isEqualTo(0.0);
            assertThat(second.get("ADA/USD").social()).isEqualTo(9.0);
            for (ScoredAsset a : first.values()) {
                assertThat(a.score()).isEqualTo(Math.max(0, Math.min(110, a.base() + a.social())));
            }
        }
    }
}
