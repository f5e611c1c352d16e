package io.cryptorun.functions.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CrossSectionScorerTest {
    static final CrossSectionScorer SCORER = new CrossSectionScorer(ScoringConfig.defaults());

    static AssetInputs asset(String s, double r1h, double r4h, double r12h, double r24h, double r7d, double rsi,
            double adx, double close, double ma20, double vol24, double avg7, double vadr, double spread, double depth,
            int venues, double social) {
        return new AssetInputs(s, r1h, r4h, r12h, r24h, r7d, rsi, adx, close, ma20, vol24, avg7, vadr, spread, depth,
                venues, social);
    }

    /** The six-asset tick of docs/SCORING.md ("Worked example"). */
    static List<AssetInputs> workedExampleTick() {
        return List.of(
                asset("AAA/USD", 0.012, 0.030, 0.045, 0.060, 0.100, 66, 32, 105.0, 100.0, 9.0e6, 6.0e6, 2.10, 8.0, 450e3, 3, 4.0),
                asset("BBB/USD", 0.004, 0.010, 0.020, 0.030, 0.050, 58, 24, 51.0, 50.0, 3.0e6, 3.0e6, 1.60, 12.0, 300e3, 2, 0.0),
                asset("CCC/USD", -0.002, 0.005, 0.010, 0.015, -0.020, 49, 18, 20.0, 20.4, 1.2e6, 1.5e6, 1.20, 20.0, 150e3, 2, 12.0),
                asset("DDD/USD", 0.020, 0.050, 0.080, 0.110, 0.250, 74, 40, 11.5, 10.0, 20.0e6, 8.0e6, 2.60, 6.0, 900e3, 4, 0.0),
                asset("EEE/USD", -0.010, -0.020, -0.030, -0.050, -0.080, 38, 22, 9.0, 10.0, 0.8e6, 1.0e6, 0.90, 35.0, 110e3, 1, 0.0),
                asset("FFF/USD", 0.006, 0.015, 0.025, 0.040, 0.060, 61, 28, 31.0, 30.0, 5.0e6, 4.0e6, 1.90, 10.0, 500e3, 3, -3.0));
    }

    /**
     * docs/SCORING.md worked example. Expected values come from an independent NumPy + mpmath
     * implementation of SPEC §7 (population stdev, clamp ±3, centered Gram–Schmidt, 50-digit Φ).
     */
    @Test
    void workedExample() {
        List<ScoreResult> r = SCORER.score("TRENDING_BULL", workedExampleTick());
        ScoreResult ddd = r.get(3);
        assertThat(ddd.raw().momentum()).isCloseTo(0.0787, within(1e-15));
        assertThat(ddd.z().momentum()).isCloseTo(1.681585342622, within(1e-11));
        assertThat(ddd.residual().momentum()).isEqualTo(ddd.z().momentum());
        assertThat(ddd.residual().quality()).isCloseTo(-0.881987469676, within(1e-11));
        assertThat(ddd.subScores().momentum()).isCloseTo(95.3675362601, within(1e-9));
        assertThat(ddd.base()).isCloseTo(75.9048353785, within(1e-9));
        assertThat(ddd.score()).isCloseTo(75.9048353785, within(1e-9));
        assertThat(ddd.band()).isEqualTo(Band.MODERATE);

        ScoreResult aaa = r.get(0);
        assertThat(aaa.base()).isCloseTo(65.5187137465, within(1e-9));
        assertThat(aaa.social()).isEqualTo(4.0);
        assertThat(aaa.score()).isCloseTo(69.5187137465, within(1e-9));
        assertThat(aaa.band()).isEqualTo(Band.WATCH);

        ScoreResult ccc = r.get(2);
        assertThat(ccc.social()).isEqualTo(10.0); // 12 capped at 10
        assertThat(ccc.score()).isCloseTo(45.3903342900, within(1e-9));
        assertThat(r.get(5).social()).isEqualTo(0.0); // −3 floored at 0
        assertThat(r.get(5).score()).isCloseTo(59.4511683346, within(1e-9));
        assertThat(r.get(5).band()).isEqualTo(Band.NONE);
        assertThat(r.get(1).score()).isCloseTo(33.7885887601, within(1e-9));
        assertThat(r.get(4).score()).isCloseTo(37.3969019412, within(1e-9));
        assertThat(r).allSatisfy(s -> {
            assertThat(s.residualizationSkipped()).isFalse();
            assertThat(s.missingInputs()).isZero();
            assertThat(s.weights()).isEqualTo(RegimeWeights.trendingBull().factors());
        });
    }

    @Test
    void residualsUncorrelatedOnTheScoredCrossSection() {
        Random rnd = new Random(3);
        List<AssetInputs> tick = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            double m = rnd.nextGaussian() * 0.02;
            tick.add(asset("S" + i + "/USD", m, 2 * m + 0.01 * rnd.nextGaussian(), 3 * m, 4 * m, 6 * m,
                    50 + 800 * m + 5 * rnd.nextGaussian(), 20 + 5 * rnd.nextGaussian(), 1 + m + 0.01 * rnd.nextGaussian(),
                    1, 1e6 * Math.exp(rnd.nextGaussian()), 1e6, 1.5 + 10 * m + 0.2 * rnd.nextGaussian(),
                    5 + 20 * rnd.nextDouble(), 1e5 * Math.exp(2 * rnd.nextDouble()), 1 + rnd.nextInt(4), 0));
        }
        for (String regime : List.of("TRENDING_BULL", "CHOPPY", "HIGH_VOL")) {
            List<ScoreResult> r = SCORER.score(regime, tick);
            double[][] res = new double[4][60];
            for (int i = 0; i < 60; i++) {
                for (Factor f : Factor.values()) {
                    res[f.ordinal()][i] = r.get(i).residual().get(f);
                }
                assertThat(r.get(i).residual().momentum()).isEqualTo(r.get(i).z().momentum());
            }
            for (int a = 0; a < 4; a++) {
                for (int b = a + 1; b < 4; b++) {
                    assertThat(Math.abs(CrossSection.correlation(res[a], res[b]))).isLessThan(1e-9);
                }
            }
        }
    }

    @Test
    void fewerThanFiveAssetsSkipsResidualizationAndSaysSo() {
        List<ScoreResult> r = SCORER.score("CHOPPY", workedExampleTick().subList(0, 4));
        assertThat(r).hasSize(4).allSatisfy(s -> {
            assertThat(s.residualizationSkipped()).isTrue();
            assertThat(s.residual()).isEqualTo(s.z());
        });
        assertThat(SCORER.score("CHOPPY", workedExampleTick().subList(0, 5))).allSatisfy(
                s -> assertThat(s.residualizationSkipped()).isFalse());
        assertThat(SCORER.score("CHOPPY", List.of())).isEmpty();
    }

    /** A single asset has no cross-section: every z is 0, every sub-score 50, base 50. */
    @Test
    void singleAssetIsNeutral() {
        ScoreResult s = SCORER.score("HIGH_VOL", workedExampleTick().subList(0, 1)).get(0);
        assertThat(s.base()).isEqualTo(50.0);
        assertThat(s.score()).isEqualTo(54.0);
    }

    @Test
    void momentumUsesRegimeTimeframeWeights() {
        AssetInputs a = workedExampleTick().get(0);
        double tb = SCORER.score("TRENDING_BULL", List.of(a)).get(0).raw().momentum();
        double ch = SCORER.score("CHOPPY", List.of(a)).get(0).raw().momentum();
        double hv = SCORER.score("HIGH_VOL", List.of(a)).get(0).raw().momentum();
        assertThat(tb).isCloseTo(.20 * .012 + .35 * .030 + .30 * .045 + .12 * .060 + .08 * .100, within(1e-15));
        assertThat(ch).isCloseTo(.15 * .012 + .30 * .030 + .40 * .045 + .07 * .060 + .02 * .100, within(1e-15));
        assertThat(hv).isCloseTo(.25 * .012 + .40 * .030 + .25 * .045 + .10 * .060, within(1e-15));
    }

    @Test
    void missingInputsAreCountedAndNeutral() {
        List<AssetInputs> tick = new ArrayList<>(workedExampleTick());
        AssetInputs e = tick.get(4);
        tick.set(4, asset(e.symbol(), Double.NaN, e.r4h(), e.r12h(), e.r24h(), Double.NaN, e.rsi4h(), e.adx4h(),
                e.close4h(), e.ma20of4h(), 0, e.avgDailyVolume7dUsd(), Double.NaN, e.spreadBps(), e.depth2pctUsd(),
                e.validVenueCount(), Double.NaN));
        ScoreResult s = SCORER.score("HIGH_VOL", tick).get(4);
        // momentum NaN (1h weighted), volume ratio log(0) NaN, VADR NaN; 7d has weight 0 in HIGH_VOL
        assertThat(s.missingInputs()).isEqualTo(3);
        assertThat(s.z().momentum()).isZero();
        assertThat(s.raw().volume()).isNaN();
        assertThat(s.z().volume()).isZero();
        assertThat(s.social()).isZero();
        assertThat(s.score()).isBetween(0.0, 100.0);
    }

    @Test
    void scoreClampedAndSocialAddedLast() {
        ScoringConfig d = ScoringConfig.defaults();
        ScoringConfig tight = new ScoringConfig(3, 5, 10, 0, 55, 85, 75, 60, d.regimes());
        ScoreResult s = new CrossSectionScorer(tight).score("CHOPPY", workedExampleTick().subList(0, 1)).get(0);
        assertThat(s.base()).isEqualTo(50.0);
        assertThat(s.social()).isEqualTo(4.0);
        assertThat(s.score()).isEqualTo(54.0);
        ScoreResult capped = new CrossSectionScorer(tight).score("CHOPPY", workedExampleTick().subList(2, 3)).get(0);
        assertThat(capped.score()).isEqualTo(55.0); // 50 + 10 clamped to 55
    }

    @Test
    void bandBoundariesOnFractionalScores() {
        ScoringConfig c = ScoringConfig.defaults();
        assertThat(Band.of(110, c)).isEqualTo(Band.STRONG);
        assertThat(Band.of(85, c)).isEqualTo(Band.STRONG);
        assertThat(Band.of(Math.nextDown(85.0), c)).isEqualTo(Band.MODERATE);
        assertThat(Band.of(84.999, c)).isEqualTo(Band.MODERATE);
        assertThat(Band.of(75, c)).isEqualTo(Band.MODERATE);
        assertThat(Band.of(Math.nextDown(75.0), c)).isEqualTo(Band.WATCH);
        assertThat(Band.of(60, c)).isEqualTo(Band.WATCH);
        assertThat(Band.of(59.9999999, c)).isEqualTo(Band.NONE);
        assertThat(Band.of(0, c)).isEqualTo(Band.NONE);
        assertThat(Band.of(Double.NaN, c)).isEqualTo(Band.NONE);
    }

    @Test
    void configurationIsValidated() {
        assertThatThrownBy(() -> SCORER.score("SIDEWAYS", workedExampleTick())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SIDEWAYS");
        assertThatThrownBy(() -> new FactorWeights(0.5, 0.5, 0.5, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TimeframeWeights(-0.1, 0.5, 0.3, 0.2, 0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ScoringConfig(3, 5, 10, 0, 110, 70, 75, 60, ScoringConfig.defaults().regimes()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void deterministic() {
        assertThat(SCORER.score("CHOPPY", workedExampleTick())).isEqualTo(SCORER.score("CHOPPY", workedExampleTick()));
    }
}
