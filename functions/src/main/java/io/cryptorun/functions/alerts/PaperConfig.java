package io.cryptorun.functions.alerts;

/**
 * SPEC §9 paper-exit parameters; {@link #defaults()} is the SPEC plus the definitions the SPEC
 * leaves open (docs/ALERTS.md). Returns/accelerations are fractions; times epoch µs.
 *
 * @param hardStopAtr           exit when price ≤ entry − this × ATR at entry (1.5)
 * @param maxUnhealthySpreadBps venue health: the best venue's spread at or above this is unhealthy (100 = 2× the entry gate)
 * @param maxHoldMicros         time limit (48 h)
 * @param accelerationReversal  exit when 4h acceleration ≤ this (−0.02: the fatigue exemption, mirrored)
 * @param momentumFadeScore     exit when the MomentumCore sub-score drops below this (50 = cross-section median)
 * @param trailingAtr           trailing stop distance below the high-water mark, in ATR at entry (1.8)
 * @param trailingAfterMicros   trailing stop armed only after this holding time (12 h)
 * @param targets               profit targets as fractions above entry, ascending (0.08, 0.15, 0.25)
 * @param targetFractions       share of the original position closed at each target (⅓ each)
 */
public record PaperConfig(double hardStopAtr, double maxUnhealthySpreadBps, long maxHoldMicros,
        double accelerationReversal, double momentumFadeScore, double trailingAtr, long trailingAfterMicros,
        double[] targets, double[] targetFractions) implements java.io.Serializable {
    public PaperConfig {
        targets = targets.clone();
        targetFractions = targetFractions.clone();
        if (targets.length != targetFractions.length || targets.length == 0) {
            throw new IllegalArgumentException("one fraction per target");
        }
        double sum = 0;
        for (int i = 0; i < targets.length; i++) {
            if (i > 0 && !(targets[i] > targets[i - 1])) {
                throw new IllegalArgumentException("targets must ascend");
            }
            sum += targetFractions[i];
        }
        if (Math.abs(sum - 1) > 1e-9) {
            throw new IllegalArgumentException("target fractions must sum to 1");
        }
    }

    @Override
    public double[] targets() {
        return targets.clone();
    }

    @Override
    public double[] targetFractions() {
        return targetFractions.clone();
    }

    public static PaperConfig defaults() {
        long h = ThrottleConfig.HOUR;
        return new PaperConfig(1.5, 100, 48 * h, -0.02, 50, 1.8, 12 * h, new double[] {0.08, 0.15, 0.25},
                new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3});
    }
}
