package io.cryptorun.functions.validate;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.BinaryOperator;

/** Median, median absolute deviation and the MAD-based robust z-score, in exact decimals (MathContext.DECIMAL64). */
public final class RobustStats {
    /** 0.6745 = Φ⁻¹(0.75): makes the MAD-based z comparable with a normal z-score. */
    public static final BigDecimal K = new BigDecimal("0.6745");
    static final MathContext MC = MathContext.DECIMAL64;
    private static final BigDecimal TWO = BigDecimal.valueOf(2);

    private RobustStats() {}

    public static BigDecimal median(Collection<BigDecimal> xs) {
        if (xs.isEmpty()) throw new IllegalArgumentException("median of nothing");
        List<BigDecimal> s = new ArrayList<>(xs);
        s.sort(null);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : s.get(n / 2 - 1).add(s.get(n / 2)).divide(TWO, MC);
    }

    public static BigDecimal mad(Collection<BigDecimal> xs, BigDecimal median) {
        List<BigDecimal> dev = new ArrayList<>(xs.size());
        for (BigDecimal x : xs) dev.add(x.subtract(median).abs());
        return median(dev);
    }

    /** The median of values already in ascending order (same value as {@link #median}). */
    public static BigDecimal medianOfSorted(List<BigDecimal> sorted) {
        int n = sorted.size();
        if (n == 0) throw new IllegalArgumentException("median of nothing");
        return n % 2 == 1 ? sorted.get(n / 2) : sorted.get(n / 2 - 1).add(sorted.get(n / 2)).divide(TWO, MC);
    }

    /**
     * The MAD of values in ascending order around their {@code median} (same value as {@link #mad}),
     * without sorting the deviations: those below the median, read downwards, and those above it,
     * read upwards, are two ascending sequences, and the middle of their union is a selection over
     * two sorted sequences, O(log n).
     */
    public static BigDecimal madOfSorted(List<BigDecimal> sorted, BigDecimal median) {
        int n = sorted.size();
        if (n == 0) throw new IllegalArgumentException("median of nothing");
        BinaryOperator<BigDecimal> minus = BigDecimal::subtract;
        if (n % 2 == 1) return kthDeviation(sorted, median, n / 2, minus);
        return kthDeviation(sorted, median, n / 2 - 1, minus).add(kthDeviation(sorted, median, n / 2, minus)).divide(TWO, MC);
    }

    /** The median of doubles in ascending order. */
    public static double medianOfSortedDoubles(List<Double> sorted) {
        int n = sorted.size();
        if (n == 0) throw new IllegalArgumentException("median of nothing");
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** {@link #madOfSorted} for doubles: the same value as sorting |x − median| and taking its median. */
    public static double madOfSortedDoubles(List<Double> sorted, double median) {
        int n = sorted.size();
        if (n == 0) throw new IllegalArgumentException("median of nothing");
        BinaryOperator<Double> minus = (a, b) -> a - b;
        if (n % 2 == 1) return kthDeviation(sorted, median, n / 2, minus);
        return (kthDeviation(sorted, median, n / 2 - 1, minus) + kthDeviation(sorted, median, n / 2, minus)) / 2;
    }

    /**
     * The k-th smallest (from 0) of |v[i] − m| over an ascending {@code v}. With s values below m,
     * the deviations are L(i) = m − v[s−1−i] (ascending in i, i &lt; s) and R(j) = v[s+j] − m
     * (ascending, j &lt; n−s); binary search for how many of the k+1 smallest come from L.
     * (Floating-point subtraction rounds symmetrically, so m − x is exactly |x − m| for x &lt; m.)
     */
    static <T extends Comparable<? super T>> T kthDeviation(List<T> v, T m, int k, BinaryOperator<T> minus) {
        int n = v.size();
        int lo0 = 0;
        int hi0 = n;
        while (lo0 < hi0) { // s = first index with v[s] >= m
            int mid = (lo0 + hi0) >>> 1;
            if (v.get(mid).compareTo(m) < 0) lo0 = mid + 1;
            else hi0 = mid;
        }
        int s = lo0;
        int a = s;
        int b = n - s;
        int lo = Math.max(0, k + 1 - b);
        int hi = Math.min(a, k + 1);
        while (true) {
            int i = (lo + hi) >>> 1;
            int j = k + 1 - i;
            if (i < a && j > 0 && minus.apply(m, v.get(s - 1 - i)).compareTo(minus.apply(v.get(s + j - 1), m)) < 0) {
                lo = i + 1;
            } else if (i > 0 && j < b && minus.apply(m, v.get(s - i)).compareTo(minus.apply(v.get(s + j), m)) > 0) {
                hi = i - 1;
            } else {
                T left = i > 0 ? minus.apply(m, v.get(s - i)) : null;
                T right = j > 0 ? minus.apply(v.get(s + j - 1), m) : null;
                if (left == null) return right;
                if (right == null) return left;
                return left.compareTo(right) >= 0 ? left : right;
            }
        }
    }

    /** 0.6745·(x − median)/max(MAD, floor); the floor keeps a flat history from turning every tick into an anomaly. */
    public static BigDecimal z(BigDecimal x, BigDecimal median, BigDecimal mad, BigDecimal floor) {
        BigDecimal d = mad.max(floor);
        if (d.signum() <= 0) throw new IllegalArgumentException("MAD floor must be positive");
        return K.multiply(x.subtract(median)).divide(d, MC);
    }
}
