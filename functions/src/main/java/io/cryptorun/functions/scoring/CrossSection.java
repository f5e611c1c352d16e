package io.cryptorun.functions.scoring;

/**
 * Cross-sectional standardization over the eligible assets of one scan tick (SPEC §7 step 2).
 *
 * <p>z = (x − mean) / stdev, then clamped to ±limit (winsorized, default 3).
 * <ul>
 *   <li><b>Population stdev</b> (divide by n, not n − 1): the tick's eligible universe is the whole
 *       population being ranked, not a sample of a larger one. With n − 1 the same asset would get a
 *       different z depending only on universe size.</li>
 *   <li><b>Missing values</b>: NaN or ±∞ inputs are left out of the mean and stdev and get z = 0 —
 *       the cross-sectional mean, i.e. neutral: missing data neither helps nor hurts the rank. The
 *       count of such inputs is reported by {@link #missing(double[])} so callers can surface it.</li>
 *   <li><b>stdev = 0</b> (all finite values equal, or fewer than 2 finite values): every z is 0,
 *       there is no cross-sectional information.</li>
 * </ul>
 * Pure, allocation of one output array, deterministic summation order (input order).
 */
public final class CrossSection {
    private CrossSection() {}

    /** Winsorized z-scores of {@code x}; a new array, same order. */
    public static double[] zScores(double[] x, double limit) {
        double[] z = new double[x.length];
        int n = 0;
        double sum = 0;
        for (double v : x) {
            if (Double.isFinite(v)) {
                sum += v;
                n++;
            }
        }
        if (n < 2) {
            return z;
        }
        double mean = sum / n;
        double ss = 0;
        for (double v : x) {
            if (Double.isFinite(v)) {
                double d = v - mean;
                ss += d * d;
            }
        }
        double sd = Math.sqrt(ss / n);
        if (!(sd > 0)) {
            return z;
        }
        for (int i = 0; i < x.length; i++) {
            z[i] = Double.isFinite(x[i]) ? clamp((x[i] - mean) / sd, limit) : 0.0;
        }
        return z;
    }

    /** How many inputs are NaN or infinite (imputed as z = 0). */
    public static int missing(double[] x) {
        int m = 0;
        for (double v : x) {
            if (!Double.isFinite(v)) {
                m++;
            }
        }
        return m;
    }

    /** Clamp to [−limit, +limit]. */
    public static double clamp(double v, double limit) {
        return Math.max(-limit, Math.min(limit, v));
    }

    /** Arithmetic mean, population standard deviation and Pearson correlation — shared by GramSchmidt and tests. */
    static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return x.length == 0 ? 0 : s / x.length;
    }

    static double populationStdev(double[] x) {
        double m = mean(x);
        double ss = 0;
        for (double v : x) {
            ss += (v - m) * (v - m);
        }
        return x.length == 0 ? 0 : Math.sqrt(ss / x.length);
    }

    /** Pearson correlation; 0 when either vector has no variance. */
    public static double correlation(double[] a, double[] b) {
        double ma = mean(a);
        double mb = mean(b);
        double sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.length; i++) {
            double da = a[i] - ma;
            double db = b[i] - mb;
            sab += da * db;
            saa += da * da;
            sbb += db * db;
        }
        return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : 0.0;
    }
}
