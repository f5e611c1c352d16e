package io.cryptorun.functions.scoring;

/**
 * MomentumCore weights per return horizon (SPEC §7 step 1), used exactly as the SPEC lists them.
 *
 * <p>They are <i>not</i> required to sum to 1: the SPEC's TRENDING_BULL set sums to 1.05 and
 * CHOPPY to 0.94. Renormalizing would not change any score — MomentumCore is z-scored across the
 * tick, and z is invariant to a positive scale — it would only change the reported raw value, so
 * the SPEC numbers are kept verbatim. Weights must be finite, ≥ 0, and not all 0.
 */
public record TimeframeWeights(double w1h, double w4h, double w12h, double w24h, double w7d) implements java.io.Serializable {
    public TimeframeWeights {
        Weights.requireNonNegative(new double[] {w1h, w4h, w12h, w24h, w7d}, "timeframe weights");
    }

    /** Σ w_tf·r_tf. A NaN return with weight 0 is ignored (HIGH_VOL gives 7d no weight, so a young listing is not penalized). */
    public double momentumCore(double r1h, double r4h, double r12h, double r24h, double r7d) {
        return term(w1h, r1h) + term(w4h, r4h) + term(w12h, r12h) + term(w24h, r24h) + term(w7d, r7d);
    }

    private static double term(double w, double r) {
        return w == 0 ? 0 : w * r;
    }
}
