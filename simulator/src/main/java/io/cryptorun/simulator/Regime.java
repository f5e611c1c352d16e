package io.cryptorun.simulator;

/**
 * The market-wide state that drives every symbol's drift, volatility, volume and liquidity. Names
 * match the scanner's regimes (SPEC §6) so that ground truth and detected regimes compare directly.
 */
public enum Regime {
    /** Positive drift with broad participation, slightly tighter books, more volume. */
    TRENDING_BULL(0.012, 0.90, 1.20, 0.90, 1.10, 1.05),
    /** No trend: prices oscillate around a level and minute returns are negatively autocorrelated. */
    CHOPPY(0.0, 1.00, 0.80, 1.00, 1.00, 0.85),
    /** Large shocks and jumps, mild negative drift, wide and thin books, heavy volume. */
    HIGH_VOL(-0.020, 2.40, 1.90, 2.40, 0.60, 1.40);

    /** Market drift per day (log return) for a beta-1 asset. */
    final double dailyDrift;
    /** Multiplier on per-minute volatility. */
    final double sigmaMult;
    /** Multiplier on traded volume and trade count. */
    final double volumeMult;
    /** Multiplier on the quoted spread. */
    final double spreadMult;
    /** Multiplier on book depth. */
    final double depthMult;
    /** Multiplier on the rate of book updates. */
    final double bookRateMult;

    Regime(double dailyDrift, double sigmaMult, double volumeMult, double spreadMult, double depthMult, double bookRateMult) {
        this.dailyDrift = dailyDrift;
        this.sigmaMult = sigmaMult;
        this.volumeMult = volumeMult;
        this.spreadMult = spreadMult;
        this.depthMult = depthMult;
        this.bookRateMult = bookRateMult;
    }
}
