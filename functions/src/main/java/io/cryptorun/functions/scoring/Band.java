package io.cryptorun.functions.scoring;

import io.cryptorun.functions.math.Threshold;

/**
 * Score bands (SPEC §7). Boundaries are closed below, open above, on the unrounded score:
 * STRONG [85, 110], MODERATE [75, 85), WATCH [60, 75), NONE [0, 60). So 84.999 is MODERATE
 * and 74.999 is WATCH — "75–84" in the SPEC means every score from 75 up to but excluding 85.
 */
public enum Band {
    STRONG,
    MODERATE,
    WATCH,
    NONE;

    /** The band of {@code score} under the thresholds of {@code cfg}. NaN is NONE. */
    public static Band of(double score, ScoringConfig cfg) {
        if (Threshold.atLeast(cfg.strongMin()).admits(score)) {
            return STRONG;
        }
        if (Threshold.atLeast(cfg.moderateMin()).admits(score)) {
            return MODERATE;
        }
        if (Threshold.atLeast(cfg.watchMin()).admits(score)) {
            return WATCH;
        }
        return NONE;
    }
}
