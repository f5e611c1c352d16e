package io.cryptorun.functions.scoring;

/** Shared validation: factor weights are finite, non-negative and sum to 1, so a base score stays within 0–100. */
final class Weights {
    static final double SUM_TOLERANCE = 1e-9;

    private Weights() {}

    static void requireSimplex(double[] w, String what) {
        double s = requireNonNegative(w, what);
        if (Math.abs(s - 1.0) > SUM_TOLERANCE) {
            throw new IllegalArgumentException(what + " must sum to 1, got " + s);
        }
    }

    /** Finite, ≥ 0, positive sum; returns the sum. */
    static double requireNonNegative(double[] w, String what) {
        double s = 0;
        for (double v : w) {
            if (!Double.isFinite(v) || v < 0) {
                throw new IllegalArgumentException(what + " must be finite and ≥ 0: " + java.util.Arrays.toString(w));
            }
            s += v;
        }
        if (!(s > 0)) {
            throw new IllegalArgumentException(what + " must not all be 0");
        }
        return s;
    }
}
