package io.cryptorun.functions.gates;

import static io.cryptorun.functions.gates.GateReason.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.cryptorun.functions.math.Ratio;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GateEvaluatorTest {
    static final long H = GateConfig.HOUR_MICROS;
    static final long TICK = 1_700_000_040_000_000L;
    static final GateEvaluator GATES = new GateEvaluator(GateConfig.defaults());

    /** A candidate that passes everything, with one field changed at a time by the tests. Exact inputs as decimals. */
    static final class In {
        long tick = TICK, barClose = TICK - H / 2, recv = TICK + 1_000_000;
        BigDecimal close = dec("100"), last = dec("101"), depth = dec("250000");
        double atr = 2, vadr = 2.0, adv = 6_000_000, score = 80;
        Ratio r24 = ratio("0.05"), rsi = ratio("60"), acc = ratio("0"), spread = ratio("10");
        int bars = 24;

        GateInputs build() {
            return new GateInputs("TST/USD", tick, barClose, close, last, atr, r24, rsi, acc, recv, spread, depth, vadr,
                    bars, adv, score);
        }
    }

    static BigDecimal dec(String s) {
        return new BigDecimal(s);
    }

    static Ratio ratio(String s) {
        return Ratio.of(dec(s));
    }

    /** {@code s} plus {@code units} units of its last decimal place (the input's own precision). */
    static BigDecimal step(String s, int units) {
        BigDecimal d = dec(s);
        return d.add(BigDecimal.ONE.movePointLeft(d.scale()).multiply(BigDecimal.valueOf(units)));
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

    /** Issue 11 defect 3: ATR 1, close 100, mid 101.2 is exactly 1.2 × ATR (1.2000000000000028 in double arithmetic). */
    @Test
    void freshnessPriceDriftAtBelowAbove() {
        In in = new In();
        in.atr = 1;
        in.close = dec("100");
        in.last = dec("101.2");
        assertThat(reasons(in)).isEmpty();
        in.last = dec("98.8");
        assertThat(reasons(in)).isEmpty();
        in.last = step("101.2000", 1); // one unit of a 4-decimal price beyond
        assertThat(reasons(in)).containsExactly(PRICE_DRIFT_EXCEEDS_ATR);
        in.last = step("98.8000", -1);
        assertThat(reasons(in)).containsExactly(PRICE_DRIFT_EXCEEDS_ATR);
        in.last = step("101.2000", -1);
        assertThat(reasons(in)).isEmpty();
        in.atr = 2.5; // a binary-exact ATR: 1.2 × 2.5 = 3
        in.last = dec("103");
        assertThat(reasons(in)).isEmpty();
        in.last = step("103.00000001", 0);
        assertThat(reasons(in)).containsExactly(PRICE_DRIFT_EXCEEDS_ATR);
        in.atr = Double.NaN;
        assertThat(reasons(in)).containsExactly(ATR_MISSING);
        in.last = null;
        assertThat(reasons(in)).containsExactly(PRICE_MISSING);
    }

    /**
     * Table: every threshold of the gates, the input exactly on it and one unit of the input's own
     * precision either side ({@code nudge(-1|0|+1)}), with the reason expected when it fails.
     */
    @Test
    void everyThresholdExactlyOnAndOneUnitEitherSide() {
        record Row(String name, java.util.function.BiConsumer<In, Integer> nudge, boolean passBelow, boolean passOn,
                boolean passAbove, String reason) {}
        List<Row> rows = List.of(
                new Row("bar age ≤ 2 h (µs)", (in, u) -> in.barClose = TICK - 2 * H - u, true, true, false, SIGNAL_BAR_STALE),
                new Row("drift ≤ 1.2×ATR (1e-8)", (in, u) -> {
                    in.atr = 1;
                    in.last = step("101.20000000", u);
                }, true, true, false, PRICE_DRIFT_EXCEEDS_ATR),
                new Row("late fill ≤ 30 s (µs)", (in, u) -> in.recv = TICK + 30_000_000L + u, true, true, false, LATE_FILL),
                new Row("spread < 50 bps (1e-8 bps)", (in, u) -> in.spread = Ratio.of(step("50.00000000", u)), true, false,
                        false, SPREAD_TOO_WIDE),
                new Row("depth ≥ $100k (1e-8 $)", (in, u) -> in.depth = step("100000.00000000", u), false, true, true,
                        DEPTH_TOO_THIN),
                new Row("VADR bars ≥ 20", (in, u) -> in.bars = 20 + u, false, true, true, VADR_INSUFFICIENT_BARS),
                new Row("VADR ≥ 1.85 large tier (ulp)", (in, u) -> in.vadr = u < 0 ? Math.nextDown(1.85)
                        : u > 0 ? Math.nextUp(1.85) : 1.85, false, true, true, VADR_BELOW_TIER),
                new Row("score ≥ 75 (ulp)", (in, u) -> in.score = u < 0 ? Math.nextDown(75.0) : u > 0 ? Math.nextUp(75.0) : 75,
                        false, true, true, SCORE_BELOW_THRESHOLD));
        for (Row row : rows) {
            boolean[] expect = {row.passBelow(), row.passOn(), row.passAbove()};
            for (int u = -1; u <= 1; u++) {
                In in = new In();
                row.nudge().accept(in, u);
                assertThat(reasons(in)).as("%s at %+d", row.name(), u)
                        .isEqualTo(expect[u + 1] ? List.of() : List.of(row.reason()));
            }
        }
    }

    /** The fatigue rule's three thresholds, exactly on and one unit either side (with the other two stretched). */
    @Test
    void fatigueTable() {
        // r_24h > 12 %: exactly 12 % (defect 4) is not fatigued
        for (int u = -1; u <= 1; u++) {
            In in = new In();
            in.rsi = ratio("75");
            in.acc = ratio("0");
            in.r24 = Ratio.change(step("112.00", u), dec("100.00")); // closes at 2 decimals
            assertThat(reasons(in)).as("r24 %+d", u).isEqualTo(u > 0 ? List.of(FATIGUED) : List.of());
        }
        // RSI > 70 as 100·G/(G+L): G = 7, L = 3 is exactly 70
        for (int u = -1; u <= 1; u++) {
            In in = new In();
            in.r24 = ratio("0.2");
            in.rsi = new Ratio(dec("700").add(step("0.000000", u)), dec("10"));
            assertThat(reasons(in)).as("rsi %+d", u).isEqualTo(u > 0 ? List.of(FATIGUED) : List.of());
        }
        // acceleration ≥ 2 pp exempts: 4h closes 100 → 100 → 102 is exactly 0.02
        for (int u = -1; u <= 1; u++) {
            In in = new In();
            in.r24 = ratio("0.2");
            in.rsi = ratio("80");
            in.acc = Ratio.change(step("102.00", u), dec("100.00")).minus(Ratio.change(dec("100.00"), dec("100.00")));
            assertThat(reasons(in)).as("acc %+d", u).isEqualTo(u < 0 ? List.of(FATIGUED) : List.of());
        }
        In in = new In();
        in.r24 = ratio("0.2");
        in.rsi = ratio("80");
        in.acc = null;
        assertThat(reasons(in)).containsExactly(FATIGUED); // unknown acceleration never exempts
        in.rsi = null;
        assertThat(reasons(in)).containsExactly(FATIGUE_INPUTS_MISSING);
    }

    /** Issue 11 defect 1: book 49.8950 / 50.1451 is 49.99995 bps (< 50) and passes, though it rounds to 50.0000. */
    @Test
    void spreadDecidedOnExactBidAndAsk() {
        In in = new In();
        BigDecimal bid = dec("49.8950");
        BigDecimal ask = dec("50.1451");
        in.spread = new Ratio(ask.subtract(bid).multiply(BigDecimal.valueOf(20_000)), ask.add(bid));
        assertThat(reasons(in)).isEmpty();
        BigDecimal wider = dec("50.1452"); // one tick wider: 50.0019 bps
        in.spread = new Ratio(wider.subtract(bid).multiply(BigDecimal.valueOf(20_000)), wider.add(bid));
        assertThat(reasons(in)).containsExactly(SPREAD_TOO_WIDE);
        in.spread = null;
        in.depth = null;
        assertThat(reasons(in)).containsExactly(SPREAD_MISSING, DEPTH_MISSING);
    }

    /** Issue 11 defect 2: depth exactly $99,999.995 is below $100k (it displayed as 100,000.00). */
    @Test
    void depthDecidedOnExactValue() {
        In in = new In();
        in.depth = dec("99999.995");
        assertThat(reasons(in)).containsExactly(DEPTH_TOO_THIN);
        in.depth = dec("100000.000");
        assertThat(reasons(in)).isEmpty();
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
        in.last = dec("110");
        in.r24 = ratio("0.2");
        in.rsi = ratio("80");
        in.recv = TICK + 60_000_000L;
        in.spread = ratio("80");
        in.depth = dec("5000");
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
     * Property: 50 000 random candidates with every exact input on, one unit (1e-8) from, or a
     * random step from its threshold; each gate's verdict equals the SPEC sentence written out
     * independently here in BigDecimal arithmetic.
     */
    @Test
    void propertyNearThresholds() {
        Random rnd = new Random(8_2024L);
        BigDecimal k12 = dec("1.2");
        for (int i = 0; i < 50_000; i++) {
            In in = new In();
            in.barClose = TICK - 2 * H + rnd.nextInt(5) - 2;
            in.atr = 1 + rnd.nextInt(4);
            BigDecimal edge = in.close.add(k12.multiply(BigDecimal.valueOf(in.atr)).multiply(BigDecimal.valueOf(rnd.nextBoolean() ? 1 : -1)));
            in.last = near(rnd, edge);
            BigDecimal r24 = near(rnd, dec("0.12"));
            BigDecimal rsi = near(rnd, dec("70"));
            BigDecimal acc = near(rnd, dec("0.02"));
            in.r24 = Ratio.of(r24);
            in.rsi = Ratio.of(rsi);
            in.acc = Ratio.of(acc);
            in.recv = TICK + 30_000_000L + rnd.nextInt(5) - 2;
            BigDecimal spread = near(rnd, dec("50"));
            in.spread = Ratio.of(spread);
            in.depth = near(rnd, dec("100000"));
            double[] advs = {100_000, 1_000_000, 5_000_000};
            in.adv = nearDouble(rnd, advs[rnd.nextInt(3)]);
            in.vadr = nearDouble(rnd, new double[] {1.75, 1.80, 1.85}[rnd.nextInt(3)]);
            in.bars = 18 + rnd.nextInt(5);
            in.score = nearDouble(rnd, 75);
            GateReport r = GATES.evaluate(in.build());

            boolean fresh = TICK - in.barClose <= 2 * H
                    && in.last.subtract(in.close).abs().compareTo(k12.multiply(BigDecimal.valueOf(in.atr))) <= 0;
            boolean fatigued = r24.compareTo(dec("0.12")) > 0 && rsi.compareTo(dec("70")) > 0
                    && !(acc.compareTo(dec("0.02")) >= 0);
            boolean late = in.recv - TICK > 30_000_000L;
            double min = in.adv >= 5e6 ? 1.85 : in.adv >= 1e6 ? 1.80 : in.adv >= 1e5 ? 1.75 : Double.NaN;
            boolean micro = spread.compareTo(dec("50")) < 0 && in.depth.compareTo(dec("100000")) >= 0 && in.bars >= 20
                    && !Double.isNaN(min) && in.vadr >= min;
            boolean score = in.score >= 75;

            assertThat(r.get(Gate.FRESHNESS).pass()).isEqualTo(fresh);
            assertThat(r.get(Gate.FATIGUE).pass()).isEqualTo(!fatigued);
            assertThat(r.get(Gate.LATE_FILL).pass()).isEqualTo(!late);
            assertThat(r.get(Gate.MICROSTRUCTURE).pass()).as("%s %s %s %s %s", spread, in.depth, in.bars, in.adv, in.vadr)
                    .isEqualTo(micro);
            assertThat(r.get(Gate.SCORE).pass()).isEqualTo(score);
            assertThat(r.pass()).isEqualTo(fresh && !fatigued && !late && micro && score);
            assertThat(r.gates()).extracting(GateResult::gate).containsExactly(Gate.values());
            for (GateResult g : r.gates()) {
                assertThat(g.reasons().isEmpty()).isEqualTo(g.pass());
            }
        }
    }

    /** The threshold itself, one unit (1e-8) either side, 1e-12 either side, or a small random step. */
    static BigDecimal near(Random rnd, BigDecimal t) {
        BigDecimal unit = new BigDecimal("1e-8");
        return switch (rnd.nextInt(6)) {
            case 0 -> t;
            case 1 -> t.add(unit);
            case 2 -> t.subtract(unit);
            case 3 -> t.add(new BigDecimal("1e-12").multiply(BigDecimal.valueOf(rnd.nextInt(3) - 1)));
            default -> t.multiply(BigDecimal.valueOf(1 + 0.05 * rnd.nextGaussian()));
        };
    }

    /** For the floating-point inputs: the threshold's double, one ulp either side, or a step. */
    static double nearDouble(Random rnd, double t) {
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
        in.spread = ratio("25");
        List<String> r = new ArrayList<>(new GateEvaluator(strict).evaluate(in.build()).reasons());
        assertThat(r).containsExactly(SIGNAL_BAR_STALE, SPREAD_TOO_WIDE, SCORE_BELOW_THRESHOLD);
    }
}
