package io.cryptorun.functions.scoring;

/** Base-score weights per factor group (SPEC §7 step 4). Must sum to 1 (±1e-9). */
public record FactorWeights(double momentum, double technical, double volume, double quality) implements java.io.Serializable {
    public FactorWeights {
        Weights.requireSimplex(new double[] {momentum, technical, volume, quality}, "factor weights");
    }

    /** Σ w_g·S_g. */
    public double base(Factors subScores) {
        return momentum * subScores.momentum() + technical * subScores.technical() + volume * subScores.volume()
                + quality * subScores.quality();
    }
}
