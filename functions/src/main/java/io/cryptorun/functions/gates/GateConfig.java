package io.cryptorun.functions.gates;

import io.cryptorun.functions.indicators.VadrTiers;

/**
 * Every SPEC §8 threshold; {@link #defaults()} is the SPEC. Returns and accelerations are
 * fractions (0.12 = 12 %, 0.02 = 2 percentage points). Times are epoch microseconds, as
 * everywhere in the project.
 *
 * @param barMicros               length of the signal bar (1 h)
 * @param maxSignalBarAgeBars     freshness: tick − signal bar close ≤ this many bars (2)
 * @param maxPriceDriftAtr        freshness: |last − close| ≤ this × ATR(1h) (1.2)
 * @param fatigueReturn24h        fatigue: r_24h strictly above this … (0.12)
 * @param fatigueRsi4h            … and RSI(4h) strictly above this blocks (70)
 * @param fatigueAccelerationExempt … unless acceleration ≥ this (0.02)
 * @param maxLateFillMicros       late-fill: receive − tick ≤ this (30 s)
 * @param maxSpreadBps            spread strictly below this (50)
 * @param minDepthUsd             depth ±2 % at least this (100 000)
 * @param minVadrBars             VADR needs at least this many bars in the short window (20)
 * @param vadrTiers               ADV tiers and their VADR minimums
 * @param minScore                score at least this (75)
 */
public record GateConfig(long barMicros, double maxSignalBarAgeBars, double maxPriceDriftAtr, double fatigueReturn24h,
        double fatigueRsi4h, double fatigueAccelerationExempt, long maxLateFillMicros, double maxSpreadBps,
        double minDepthUsd, int minVadrBars, VadrTiers vadrTiers, double minScore) implements java.io.Serializable {
    public static final long HOUR_MICROS = 3_600_000_000L;

    public static GateConfig defaults() {
        return new GateConfig(HOUR_MICROS, 2, 1.2, 0.12, 70, 0.02, 30_000_000L, 50, 100_000, 20, VadrTiers.defaults(),
                75);
    }
}
