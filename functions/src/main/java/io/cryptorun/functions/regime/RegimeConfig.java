package io.cryptorun.functions.regime;

/**
 * Every SPEC §6 threshold and window, as configuration. Comparisons are inclusive exactly as the
 * SPEC table writes them ({@code ≥} for the bull and high-vol edges, {@code ≤} for the low edges).
 *
 * @param realizedVolHighVol    rv at or above which realized vol votes HIGH_VOL (0.60)
 * @param breadthBull           breadth at or above which breadth votes TRENDING_BULL (0.60)
 * @param breadthHighVol        breadth at or below which breadth votes HIGH_VOL … (0.40)
 * @param breadthHighVolMinRv   … provided rv is at or above this (0.45)
 * @param thrustBull            thrust at or above which thrust votes TRENDING_BULL (0.615)
 * @param thrustHighVol         thrust at or below which thrust votes HIGH_VOL (0.385)
 * @param switchConfirmations   consecutive votes with the same winner needed to switch to a
 *                              regime other than HIGH_VOL (2)
 * @param realizedVolReturns    1h log returns in the realized-vol window (168)
 * @param periodsPerYear        annualization periods for 1h returns (8760)
 * @param breadthMaPeriod       MA period on 4h closes for breadth (20)
 * @param thrustEmaPeriod       EMA period on 4h advancing fractions for thrust (10)
 */
public record RegimeConfig(
        double realizedVolHighVol, double breadthBull, double breadthHighVol, double breadthHighVolMinRv,
        double thrustBull, double thrustHighVol, int switchConfirmations, int realizedVolReturns,
        double periodsPerYear, int breadthMaPeriod, int thrustEmaPeriod) implements java.io.Serializable {

    public RegimeConfig {
        if (!(breadthHighVol < breadthBull)) {
            throw new IllegalArgumentException("breadthHighVol must be below breadthBull");
        }
        if (!(thrustHighVol < thrustBull)) {
            throw new IllegalArgumentException("thrustHighVol must be below thrustBull");
        }
        if (!(realizedVolHighVol > 0) || !(breadthHighVolMinRv > 0)) {
            throw new IllegalArgumentException("realized-vol thresholds must be positive");
        }
        if (switchConfirmations < 1 || realizedVolReturns < 2 || breadthMaPeriod < 1 || thrustEmaPeriod < 1
                || !(periodsPerYear > 0)) {
            throw new IllegalArgumentException("windows and confirmations must be positive");
        }
    }

    public static RegimeConfig defaults() {
        return new RegimeConfig(0.60, 0.60, 0.40, 0.45, 0.615, 0.385, 2, 168, 24.0 * 365.0, 20, 10);
    }
}
