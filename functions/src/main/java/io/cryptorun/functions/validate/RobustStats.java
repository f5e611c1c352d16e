package io.cryptorun.functions.validate;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

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

    /** 0.6745·(x − median)/max(MAD, floor); the floor keeps a flat history from turning every tick into an anomaly. */
    public static BigDecimal z(BigDecimal x, BigDecimal median, BigDecimal mad, BigDecimal floor) {
        BigDecimal d = mad.max(floor);
        if (d.signum() <= 0) throw new IllegalArgumentException("MAD floor must be positive");
        return K.multiply(x.subtract(median)).divide(d, MC);
    }
}
