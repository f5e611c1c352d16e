package io.cryptorun.functions.scoring;

/**
 * Sequential (modified) Gram–Schmidt residualization of cross-section vectors (SPEC §7 step 3).
 *
 * <p>Vector 0 (MomentumCore) is <b>protected</b>: returned unchanged. Momentum is the signal the
 * scanner exists for; every other factor only earns weight for what it adds beyond momentum.
 * Residualizing momentum against the others would let a liquidity or RSI tilt eat the core signal.
 *
 * <p>Vector k ≥ 1 is centered, then its least-squares projection on the span of the earlier
 * (centered) vectors is removed — done one basis vector at a time, which equals the joint
 * projection because the basis (vector 0 centered, then earlier residuals) is mutually orthogonal.
 * Centering makes "orthogonal" mean "uncorrelated" over the cross-section.
 *
 * <p>The residual is then <b>re-standardized</b>: divided by its population stdev so it is a
 * z-score again (mean 0, stdev 1) and Φ maps it on the same scale as momentum. It is
 * <i>not</i> re-winsorized: clamping would re-introduce correlation with the earlier factors,
 * and Φ saturates beyond ±3 anyway. A residual with no variance left (the factor was a linear
 * combination of earlier ones: norm ≤ 1e-9 × the centered input's norm) becomes all zeros — it
 * carries no information of its own — and is skipped as a basis vector for later factors.
 */
public final class GramSchmidt {
    /** Relative norm under which a residual is treated as fully explained by earlier factors. */
    static final double COLLINEAR_TOLERANCE = 1e-9;

    private GramSchmidt() {}

    /**
     * Residualizes {@code vectorsInOrder[k]} against all {@code vectorsInOrder[j]}, j &lt; k. Returns
     * new arrays; row 0 is a copy of the input row 0. All rows must have the same length.
     */
    public static double[][] orthogonalize(double[][] vectorsInOrder) {
        int m = vectorsInOrder.length;
        double[][] out = new double[m][];
        if (m == 0) {
            return out;
        }
        int n = vectorsInOrder[0].length;
        double[][] basis = new double[m][];
        out[0] = vectorsInOrder[0].clone();
        basis[0] = centered(vectorsInOrder[0]);
        if (dot(basis[0], basis[0]) == 0) {
            basis[0] = null;
        }
        for (int k = 1; k < m; k++) {
            if (vectorsInOrder[k].length != n) {
                throw new IllegalArgumentException("vector " + k + " has length " + vectorsInOrder[k].length + ", expected " + n);
            }
            double[] r = centered(vectorsInOrder[k]);
            double inputNorm = Math.sqrt(dot(r, r));
            for (int j = 0; j < k; j++) {
                double[] q = basis[j];
                if (q == null) {
                    continue;
                }
                double coef = dot(r, q) / dot(q, q);
                for (int i = 0; i < n; i++) {
                    r[i] -= coef * q[i];
                }
            }
            double norm = Math.sqrt(dot(r, r));
            if (!(norm > COLLINEAR_TOLERANCE * inputNorm) || norm == 0) {
                out[k] = new double[n];
                basis[k] = null;
                continue;
            }
            basis[k] = r.clone();
            double sd = norm / Math.sqrt(n); // population stdev of a centered vector
            double[] z = new double[n];
            for (int i = 0; i < n; i++) {
                z[i] = r[i] / sd;
            }
            out[k] = z;
        }
        return out;
    }

    /** The SPEC order: rows indexed by {@link Factor#ordinal()}. */
    public static double[][] residualize(double[][] zByFactor) {
        if (zByFactor.length != Factor.values().length) {
            throw new IllegalArgumentException("expected " + Factor.values().length + " factor rows");
        }
        return orthogonalize(zByFactor);
    }

    private static double[] centered(double[] x) {
        double m = CrossSection.mean(x);
        double[] c = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            c[i] = x[i] - m;
        }
        return c;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
