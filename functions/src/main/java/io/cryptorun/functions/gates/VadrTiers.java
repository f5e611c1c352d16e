package io.cryptorun.functions.gates;

/**
 * VADR minimum by 24h ADV tier (SPEC §5). Lower bounds are inclusive: ADV ≥ $5M → 1.85,
 * $1M ≤ ADV &lt; $5M → 1.80, $100k ≤ ADV &lt; $1M → 1.75, ADV &lt; $100k → ineligible (NaN).
 */
public record VadrTiers(double highAdvUsd, double highMin, double midAdvUsd, double midMin, double lowAdvUsd,
        double lowMin) {
    public VadrTiers {
        if (!(lowAdvUsd <= midAdvUsd && midAdvUsd <= highAdvUsd)) {
            throw new IllegalArgumentException("ADV tiers must be ascending");
        }
    }

    public static VadrTiers defaults() {
        return new VadrTiers(5_000_000, 1.85, 1_000_000, 1.80, 100_000, 1.75);
    }

    /** The VADR minimum for {@code advUsd}; NaN when the asset is below the lowest tier (ineligible) or ADV is NaN. */
    public double minimumFor(double advUsd) {
        if (advUsd >= highAdvUsd) {
            return highMin;
        }
        if (advUsd >= midAdvUsd) {
            return midMin;
        }
        if (advUsd >= lowAdvUsd) {
            return lowMin;
        }
        return Double.NaN;
    }
}
