package io.cryptorun.functions.scoring;

/** One value per factor group, in Gram–Schmidt order; used for raw factors, z-scores, residuals and sub-scores. */
public record Factors(double momentum, double technical, double volume, double quality) {
    static Factors of(double[][] byFactor, int asset) {
        return new Factors(byFactor[0][asset], byFactor[1][asset], byFactor[2][asset], byFactor[3][asset]);
    }

    public double get(Factor f) {
        return switch (f) {
            case MOMENTUM_CORE -> momentum;
            case TECHNICAL -> technical;
            case VOLUME -> volume;
            case QUALITY -> quality;
        };
    }
}
