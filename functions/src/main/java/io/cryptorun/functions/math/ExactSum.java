package io.cryptorun.functions.math;

import io.cryptorun.sources.decimal.Decimal;
import io.cryptorun.sources.decimal.ExactMath;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * An exact running sum of decimals (volume, notional) that stays in a {@code long} while it can
 * and moves to {@link BigDecimal} for good on the first overflow. Trades arrive with varying
 * scales ({@code 45000} and {@code 45000.1}), so the sum keeps the largest scale seen. The long
 * form is the hot path: adding a trade allocates nothing.
 *
 * <p>Mutable; serialized field by field by the bar operator's state serializers.
 */
public final class ExactSum {
    private long unscaled;
    private int scale;
    /** Non-null once the sum left the long range; then it alone is authoritative. */
    private BigDecimal big;

    public ExactSum() {}

    private ExactSum(long unscaled, int scale, BigDecimal big) {
        this.unscaled = unscaled;
        this.scale = scale;
        this.big = big;
    }

    public static ExactSum ofLong(long unscaled, int scale) {
        return new ExactSum(unscaled, scale, null);
    }

    public static ExactSum ofBig(BigDecimal value) {
        return new ExactSum(0, 0, value);
    }

    /** Adds {@code v × 10^-s}. */
    public void add(long v, int s) {
        if (big == null) {
            try {
                if (s == scale) {
                    unscaled = Math.addExact(unscaled, v);
                } else {
                    int target = Math.max(scale, s);
                    long sum = Math.addExact(ExactMath.rescale(unscaled, scale, target), ExactMath.rescale(v, s, target));
                    unscaled = sum;
                    scale = target;
                }
                return;
            } catch (ArithmeticException overflow) {
                big = BigDecimal.valueOf(unscaled, scale);
            }
        }
        big = big.add(BigDecimal.valueOf(v, s));
    }

    /** Adds {@code (a × 10^-as) · (b × 10^-bs)}. */
    public void addProduct(long a, int as, long b, int bs) {
        int s = as + bs;
        if (big == null && s <= ExactMath.MAX_SCALE) {
            long p;
            try {
                p = Math.multiplyExact(a, b);
            } catch (ArithmeticException overflow) {
                big = BigDecimal.valueOf(unscaled, scale);
                big = big.add(BigDecimal.valueOf(a, as).multiply(BigDecimal.valueOf(b, bs)));
                return;
            }
            add(p, s);
            return;
        }
        if (big == null) {
            big = BigDecimal.valueOf(unscaled, scale);
        }
        big = big.add(BigDecimal.valueOf(a, as).multiply(BigDecimal.valueOf(b, bs)));
    }

    public void add(ExactSum o) {
        if (o.big == null) {
            add(o.unscaled, o.scale);
        } else {
            if (big == null) {
                big = BigDecimal.valueOf(unscaled, scale);
            }
            big = big.add(o.big);
        }
    }

    public int signum() {
        return big != null ? big.signum() : Long.signum(unscaled);
    }

    public BigDecimal toBigDecimal() {
        return big != null ? big : BigDecimal.valueOf(unscaled, scale);
    }

    /** True if {@link #toDecimal()} is exact. */
    public boolean fitsDecimal() {
        if (big == null) {
            return true;
        }
        return exactDecimal(big) != null || exactDecimal(big.stripTrailingZeros()) != null;
    }

    /**
     * The sum as a {@link Decimal}: exact whenever a long can hold it (keeping the scale, so
     * {@code 1.50000000} stays as it was summed); otherwise rounded half-even to the finest scale
     * that fits. Callers count the rounded case through {@link #fitsDecimal()}.
     */
    public Decimal toDecimal() {
        if (big == null) {
            return Decimal.of(unscaled, scale);
        }
        Decimal d = exactDecimal(big);
        if (d != null) {
            return d;
        }
        BigDecimal stripped = big.stripTrailingZeros();
        if (stripped.scale() < 0) {
            stripped = stripped.setScale(0, RoundingMode.UNNECESSARY);
        }
        d = exactDecimal(stripped);
        if (d != null) {
            return d;
        }
        return Decimals.roundToFit(big, Math.min(stripped.scale(), ExactMath.MAX_SCALE));
    }

    private static Decimal exactDecimal(BigDecimal v) {
        if (v.scale() < 0 || v.scale() > ExactMath.MAX_SCALE) {
            return null;
        }
        BigInteger u = v.unscaledValue();
        return u.bitLength() < 64 ? Decimal.of(u.longValue(), v.scale()) : null;
    }

    // ---- state serialization support ----------------------------------------------------------

    public boolean isBig() {
        return big != null;
    }

    public long unscaled() {
        return unscaled;
    }

    public int scale() {
        return scale;
    }

    public ExactSum copy() {
        return new ExactSum(unscaled, scale, big);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExactSum x && toBigDecimal().equals(x.toBigDecimal());
    }

    @Override
    public int hashCode() {
        return toBigDecimal().hashCode();
    }

    @Override
    public String toString() {
        return toBigDecimal().toPlainString();
    }
}
