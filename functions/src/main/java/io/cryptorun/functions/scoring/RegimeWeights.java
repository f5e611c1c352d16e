package io.cryptorun.functions.scoring;

import java.util.Objects;

/**
 * Everything regime-dependent in the score, keyed by the regime's name ("TRENDING_BULL",
 * "CHOPPY", "HIGH_VOL"). A plain string keeps scoring independent of the regime package's enum:
 * the operator passes {@code regime.name()}.
 */
public record RegimeWeights(String regime, TimeframeWeights timeframes, FactorWeights factors) implements java.io.Serializable {
    public RegimeWeights {
        Objects.requireNonNull(regime, "regime");
        Objects.requireNonNull(timeframes, "timeframes");
        Objects.requireNonNull(factors, "factors");
    }

    public static final String TRENDING_BULL = "TRENDING_BULL";
    public static final String CHOPPY = "CHOPPY";
    public static final String HIGH_VOL = "HIGH_VOL";

    /** SPEC §7 TRENDING_BULL: timeframes {1h .20, 4h .35, 12h .30, 24h .12, 7d .08}; groups {.50, .20, .20, .10}. */
    public static RegimeWeights trendingBull() {
        return new RegimeWeights(TRENDING_BULL, new TimeframeWeights(0.20, 0.35, 0.30, 0.12, 0.08),
                new FactorWeights(0.50, 0.20, 0.20, 0.10));
    }

    /** SPEC §7 CHOPPY: timeframes {.15, .30, .40, .07, .02}; groups {.40, .25, .20, .15}. */
    public static RegimeWeights choppy() {
        return new RegimeWeights(CHOPPY, new TimeframeWeights(0.15, 0.30, 0.40, 0.07, 0.02),
                new FactorWeights(0.40, 0.25, 0.20, 0.15));
    }

    /** SPEC §7 HIGH_VOL: timeframes {.25, .40, .25, .10, .00}; groups {.45, .15, .25, .15}. */
    public static RegimeWeights highVol() {
        return new RegimeWeights(HIGH_VOL, new TimeframeWeights(0.25, 0.40, 0.25, 0.10, 0.00),
                new FactorWeights(0.45, 0.15, 0.25, 0.15));
    }
}
