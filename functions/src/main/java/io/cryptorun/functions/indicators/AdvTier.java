package io.cryptorun.functions.indicators;

/** SPEC §5 liquidity tier by 24h average daily volume in USD; decides the VADR minimum. */
public enum AdvTier {
    /** ADV ≥ $5M. */
    LARGE,
    /** $1M ≤ ADV < $5M. */
    MID,
    /** $100k ≤ ADV < $1M. */
    SMALL,
    /** ADV < $100k (or unknown): not eligible at all. */
    INELIGIBLE
}
