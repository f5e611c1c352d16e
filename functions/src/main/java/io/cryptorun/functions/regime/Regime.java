package io.cryptorun.functions.regime;

/** SPEC §6 market regime; chooses the factor and timeframe weights used by scoring. */
public enum Regime {
    TRENDING_BULL,
    CHOPPY,
    HIGH_VOL
}
