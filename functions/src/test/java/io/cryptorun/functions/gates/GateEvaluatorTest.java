package io.cryptorun.functions.gates;

import static io.cryptorun.functions.gates.GateReason.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GateEvaluatorTest {
    static final long H = GateConfig.HOUR_MICROS;
    static final long TICK = 1_700_000_040_000_000L;
    static final GateEvaluator GATES = new GateEvaluator(GateConfig.defaults());

    /** A candidate that passes everything, with one field changed at a time by the tests. */
    static final class In {
        long tick = TICK, barClose = TICK - H / 2, recv = TICK + 1_000_000;
        double close = 100, last = 101, atr = 2, r24 = 0.05, rsi = 60, acc = 0, spread = 10, depth = 250_000,
                vadr = 2.0, adv = 6_000_000, score = 80;
        int bars = 24;

        GateInputs build() {
            return new GateInputs("TST/USD", tick, barClose, close, last, atr, r24, rsi, acc, recv, spread, depth, vadr,
                    bars, adv, score);
        }
    }

    static List<String> reasons(In in) {
        return GATES.evaluate(in.build()).reasons();
    }

    @Test
    void allPassAndEveryGateReportedInSpecOrder() {
        GateReport r = GATES.evaluate(new In().build());
        assertThat(r.pass()).isTrue();
        assertThat(r.gates()).extracting(GateResult::gate).containsExactly(Gate.values());
        assertThat(r.gates()).extracting(g -> g.gate().code())
                .containsExactly("freshness", "fatigue", "late_fill", "microstructure", "score");
    }

    @Test
    void freshnessBarAgeAtBelowAbove() {
        In in = new In();
        in.barClose = TICK - 2 * H; // exactly 2 bars old: passes
        assertThat(reasons(in)).isEmpty();
        in.barClose = TICK - 2 * H + 1;
        assertThat(reasons(in)).isEmpty();
        in.barClose = TICK - 2 * H - 1; // 1 µs older: stale
        assertThat(reasons(in)).containsExactly(SIGNAL_BAR_STALE);
        in.barClose = TICK + 1; // closes after the tick: look-ahead
        assertThat(reasons(in)).containsExactly(SIGNAL_BAR_AFTER_TICK);
        in.barClose = TICK;
        assertThat(reasons(in)).isEmpty();
        in.barClose = GateInputs.NO_TIME;
        assertThat(reasons(in)).containsExactly(SIGNAL_BAR_MISSING);
    }

    @Test
    void freshnessPriceDriftAtBelowAbove() {
        In in = new In();
        in.atr = 2.5; // 1.2 × 2.5 = 3 exactly
        in.last = 103;
        assertThat(reasons(in)).isEmpty();
        in.last = 97;
        assertThat(reasons(in)).isEmpty();
        in.last = Math.nextUp(103.0);
        assertThat(reasons(in)).containsExactly(PRICE_DRIFT_EXCEEDS_ATR);
        in.last = Math.nextDown(97.0);
        assertThat(reasons(in)).containsExactly(PRICE_DRIFT_EXCEEDS_ATR);
        in.last = Math.nextDown(103.0);
        assertThat(reasons(in)).isEmpty();
        in.atr = Double.NaN;
        assertThat(reasons(in)).containsExactly(ATR_MISSING);
        in.last = Double.NaN;
        assertThat(reasons(in)).containsExactly(PRICE_MISSING);
    }

    @Test
    void fatigueAtBelowAbove() {
        In in = new In();
        in.r24 = 0.12;
        in.rsi = 75;
        assertThat(reasons(in)).isEmpty(); // r_24h must be strictly above 12 %
        in.r24 = Math.nextUp(0.12);
        assertThat(reasons(in)).containsExactly(FATIGUED);
        in.rsi = 70;
        assertThat(reasons(in)).isEmpty(); // RSI must be strictly above 70
        in.rsi = Math.nextUp(70.0);
        assertThat(reasons(in)).containsExactly(FATIGUED);
        in.acc = 0.02;
        assertThat(reasons(in)).isEmpty(); // acceleration ≥ 2 pp exempts
        in.acc = Math.nextDown(0.02);
        assertThat(reasons(in)).containsExactly(FATIGUED);
        in.acc = Double.NaN;
        assertThat(reasons(in)).containsExactly(FATIGUED); // unknown acceleration never exempts
        in.rsi = Double.NaN;
        assertThat(reasons(in)).containsExactly(FATIGUE_INPUTS_MISSING);
    }

    @Test
    void lateFillAtBelowAbove() {
        In in = new In();
        in.recv = TICK + 30_000_000L;
        assertThat(reasons(in)).isEmpty();
        in.recv = TICK + 30_000_001L;
        assertThat(reasons(in)).containsExactly(LATE_FILL);
        in.recv = TICK + 29_999_999L;
        assertThat(reasons(in)).isEmpty();
        in.recv = TICK - 5; // received before the tick (clock skew between venue and receiver): not late
        assertThat(reasons(in)).isEmpty();
        in.recv = GateInputs.NO_TIME;
        assertThat(reasons(in)).containsExactly(RECEIVE_TIME_MISSING);
    }

    @Test
    void spreadAndDepthAtBelowAbove() {
        In in = new In();
        in.spread = 50;
        assertThat(reasons(in)).containsExactly(SPREAD_TOO_WIDE); // strictly below 50
        in.spread = Math.nextDown(50.0);
        assertThat(reasons(in)).isEmpty();
        in.depth = 100_000;
        assertThat(reasons(in)).isEmpty();
        in.depth = Math.nextDown(100_000.0);
        assertThat(reasons(in)).containsExactly(DEPTH_TOO_THIN);
        in.spread = Double.NaN;
        in.depth = Double.NaN;
        assertThat(reasons(in)).containsExactly(SPREAD_MISSING, DEPTH_MISSING);
    }

    @Test
    void vadrTiersAtTheirBoundaries() {
        In in = new In();
        double[][] cases = { // adv, minimum
                {5_000_000, 1.85}, {Math.nextDown(5_000_000.0), 1.80}, {1_000_000, 1.80},
                {Math.nextDown(1_000_000.0), 1.75}, {100_000, 1.75}};
        for (double[] c : cases) {
            in.adv = c[0];
            in.vadr = c[1];
            assertThat(reasons(in)).as("adv %s at min", c[0]).isEmpty();
            in.vadr = Math.nextDown(c[1]);
            assertThat(reasons(in)).as("adv %s below min", c[0]).containsExactly(VADR_BELOW_TIER);
            in.vadr = Math.nextUp(c[1]);
            assertThat(reasons(in)).isEmpty();
        }
        in.adv = Math.nextDown(100_000.0);
        in.vadr = 5;
        assertThat(reasons(in)).containsExactly(ADV_INELIGIBLE);
        in.adv = Double.NaN;
        assertThat(reasons(in)).containsExactly(ADV_MISSING);
    }

    @Test
    void vadrBarsAtBelowAbove() {
        In in = new In();
        in.bars = 20;
        assertThat(reasons(in)).isEmpty();
        in.bars = 19;
        assertThat(reasons(in)).containsExactly(VADR_INSUFFICIENT_BARS);
        in.vadr = Double.NaN; // undefined anyway: only the bar count is reported
        assertThat(reasons(in)).containsExactly(VADR_INSUFFICIENT_BARS);
        in.bars = 21;
        assertThat(reasons(in)).containsExactly(VADR_MISSING);
    }

    @Test
    void scoreAtBelowAbove() {
        In in = new In();
        in.score = 75;
        assertThat(reasons(in)).isEmpty();
        in.score = Math.nextDown(75.0);
        assertThat(reasons(in)).containsExactly(SCORE_BELOW_THRESHOLD);
        in.score = Double.NaN;
        assertThat(reasons(in)).containsExactly(SCORE_MISSING);
    }

    /** No short circuit: a candidate failing everything reports every reason, in SPEC order. */
    @Test
    void allReasonsKept() {
        In in = new In();
        in.barClose = TICK - 3 * H;
        in.last = 110;
        in.r24 = 0.2;
        in.rsi = 80;
        in.recv = TICK + 60_000_000L;
        in.spread = 80;
        in.depth = 5_000;
        in.adv = 50_000;
        in.bars = 10;
        in.score = 40;
        GateReport r = GATES.evaluate(in.build());
        assertThat(r.pass()).isFalse();
        assertThat(r.reasons()).containsExactly(SIGNAL_BAR_STALE, PRICE_DRIFT_EXCEEDS_ATR, FATIGUED, LATE_FILL,
                SPREAD_TOO_WIDE, DEPTH_TOO_THIN, ADV_INELIGIBLE, VADR_INSUFFICIENT_BARS, SCORE_BELOW_THRESHOLD);
        assertThat(r.gates()).noneMatch(GateResult::pass);
    }

    /**
     * Property: 50 000 random candidates with every input within a few ulps (or a few units) of
     * its threshold; each gate's verdict equals the SPEC sentence written out independently here.
     */
    @Test
    void propertyNearThresholds() {
        Random rnd = new Random(8_2024L);
        for (int i = 0; i < 50_000; i++) {
            In in = new In();
            in.barClose = TICK - 2 * H + rnd.nextInt(5) - 2;
            in.atr = 1 + rnd.nextInt(4);
            in.last = near(rnd, in.close + (rnd.nextBoolean() ? 1 : -1) * 1.2 * in.atr);
            in.r24 = near(rnd, 0.12);
            in.rsi = near(rnd, 70);
            in.acc = near(rnd, 0.02);
            in.recv = TICK + 30_000_000L + rnd.nextInt(5) - 2;
            in.spread = near(rnd, 50);
            in.depth = near(rnd, 100_000);
            double[] advs = {100_000, 1_000_000, 5_000_000};
            in.adv = near(rnd, advs[rnd.nextInt(3)]);
            in.vadr = near(rnd, new double[] {1.75, 1.80, 1.85}[rnd.nextInt(3)]);
            in.bars = 18 + rnd.nextInt(5);
            in.score = near(rnd, 75);
            GateReport r = GATES.evaluate(in.build());

            boolean fresh = TICK - in.barClose <= 2 * H && Math.abs(in.last - in.close) <= 1.2 * in.atr;
            boolean fatigued = in.r24 > 0.12 && in.rsi > 70 && !(in.acc >= 0.02);
            boolean late = in.recv - TICK > 30_000_000L;
            double min = in.adv >= 5e6 ? 1.85 : in.adv >= 1e6 ? 1.80 : in.adv >= 1e5 ? 1.75 : Double.NaN;
            boolean micro = in.spread < 50 && in.depth >= 100_000 && in.bars >= 20 && !Double.isNaN(min) && in.vadr >= min;
            boolean score = in.score >= 75;

            assertThat(r.get(Gate.FRESHNESS).pass()).isEqualTo(fresh);
            assertThat(r.get(Gate.FATIGUE).pass()).isEqualTo(!fatigued);
            assertThat(r.get(Gate.LATE_FILL).pass()).isEqualTo(!late);
            assertThat(r.get(Gate.MICROSTRUCTURE).pass()).as("%s %s %s %s %s", in.spread, in.depth, in.bars, in.adv, in.vadr)
                    .isEqualTo(micro);
            assertThat(r.get(Gate.SCORE).pass()).isEqualTo(score);
            assertThat(r.pass()).isEqualTo(fresh && !fatigued && !late && micro && score);
            assertThat(r.gates()).extracting(GateResult::gate).containsExactly(Gate.values());
            for (GateResult g : r.gates()) {
                assertThat(g.reasons().isEmpty()).isEqualTo(g.pass());
            }
        }
    }

    /** The threshold itself, one ulp either side, or a small random step. */
    static double near(Random rnd, double t) {
        return switch (rnd.nextInt(6)) {
            case 0 -> t;
            case 1 -> Math.nextUp(t);
            case 2 -> Math.nextDown(t);
            case 3 -> t * (1 + 1e-9 * rnd.nextGaussian());
            default -> t * (1 + 0.05 * rnd.nextGaussian());
        };
    }

    @Test
    void thresholdsAreConfigurable() {
        GateConfig d = GateConfig.defaults();
        GateConfig strict = new GateConfig(d.barMicros(), 1, d.maxPriceDriftAtr(), d.fatigueReturn24h(), d.fatigueRsi4h(),
                d.fatigueAccelerationExempt(), d.maxLateFillMicros(), 20, d.minDepthUsd(), d.minVadrBars(),
                d.vadrTiers(), 90);
        In in = new In();
        in.barClose = TICK - 3 * H / 2;
        in.spread = 25;
        List<String> r = new ArrayList<>(new GateEvaluator(strict).evaluate(in.build()).reasons());
        assertThat(r).containsExactly(SIGNAL_BAR_STALE, SPREAD_TOO_WIDE, SCORE_BELOW_THRESHOLD);
    }
}
