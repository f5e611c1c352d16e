package io.cryptorun.functions.indicators;

import io.cryptorun.functions.math.Threshold;

/**
 * The VADR minimum by ADV tier (SPEC §5), as configuration. Tier floors are inclusive: ADV of
 * exactly $5M is {@link AdvTier#LARGE}, exactly $1M is {@link AdvTier#MID}, exactly $100k is
 * {@link AdvTier#SMALL}.
 *
 * @param largeAdvUsd   lower bound of the large tier (5 000 000)
 * @param largeMinimum  VADR minimum in the large tier (1.85)
 * @param midAdvUsd     lower bound of the mid tier (1 000 000)
 * @param midMinimum    VADR minimum in the mid tier (1.80)
 * @param smallAdvUsd   lower bound of the small tier, below which an asset is ineligible (100 000)
 * @param smallMinimum  VADR minimum in the small tier (1.75)
 */
public record VadrTiers(
        double largeAdvUsd, double largeMinimum, double midAdvUsd, double midMinimum, double smallAdvUsd,
        double smallMinimum) implements java.io.Serializable {

    public VadrTiers {
        if (!(smallAdvUsd > 0 && smallAdvUsd < midAdvUsd && midAdvUsd < largeAdvUsd)) {
            throw new IllegalArgumentException("need 0 < small < mid < large ADV bounds");
        }
        if (!(largeMinimum > 0 && midMinimum > 0 && smallMinimum > 0)) {
            throw new IllegalArgumentException("VADR minimums must be positive");
        }
    }

    public static VadrTiers defaults() {
        return new VadrTiers(5_000_000, 1.85, 1_000_000, 1.80, 100_000, 1.75);
    }

    /**
     * The tier of a 24h ADV in USD; NaN (unknown volume) is {@link AdvTier#INELIGIBLE}. ADV is a
     * floating-point sum, so it is compared through {@link Threshold#admits(double)} (inclusive floors).
     */
    public AdvTier tierOf(double advUsd) {
        if (Threshold.atLeast(largeAdvUsd).admits(advUsd)) {
            return AdvTier.LARGE;
        }
        if (Threshold.atLeast(midAdvUsd).admits(advUsd)) {
            return AdvTier.MID;
        }
        if (Threshold.atLeast(smallAdvUsd).admits(advUsd)) {
            return AdvTier.SMALL;
        }
        return AdvTier.INELIGIBLE;
    }

    /** The VADR minimum of this ADV's tier as a threshold ({@code VADR ≥ minimum}); null when ineligible. */
    public Threshold thresholdFor(double advUsd) {
        double min = minimumFor(advUsd);
        return Double.isNaN(min) ? null : Threshold.atLeast(min);
    }

    /** The VADR an asset of this ADV must reach; NaN when it is ineligible (nothing passes). */
    public double minimumFor(double advUsd) {
        return switch (tierOf(advUsd)) {
            case LARGE -> largeMinimum;
            case MID -> midMinimum;
            case SMALL -> smallMinimum;
            case INELIGIBLE -> Double.NaN;
        };
    }
}
