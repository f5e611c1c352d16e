package io.cryptorun.functions.math;

import io.cryptorun.sources.decimal.Decimal;
import io.cryptorun.sources.decimal.ExactMath;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/** Conversions from {@link BigDecimal} results (cold path: once per emitted record) to {@link Decimal}. */
public final class Decimals {
    private Decimals() {}

    /**
     * Rounds half-even to {@code scale} digits.
     *
     * @throws ArithmeticException if the rounded value does not fit a long
     */
    public static Decimal halfEven(BigDecimal v, int scale) {
        BigInteger u = v.setScale(scale, RoundingMode.HALF_EVEN).unscaledValue();
        if (u.bitLength() >= 64) {
            throw new ArithmeticException("value out of Decimal range: " + v.toPlainString());
        }
        return Decimal.of(u.longValue(), scale);
    }

    /**
     * Rounds toward negative infinity to {@code scale} digits: exact when {@code v} has no more
     * digits, and never above {@code v}, so {@code floor(v) ≥ t ⇔ v ≥ t} for any t with at most
     * {@code scale} decimals.
     *
     * @throws ArithmeticException if the value does not fit a long
     */
    public static Decimal floor(BigDecimal v, int scale) {
        BigInteger u = v.setScale(scale, RoundingMode.FLOOR).unscaledValue();
        if (u.bitLength() >= 64) {
            throw new ArithmeticException("value out of Decimal range: " + v.toPlainString());
        }
        return Decimal.of(u.longValue(), scale);
    }

    /** Rounds half-even to the finest scale ≤ {@code maxScale} whose unscaled value fits a long. */
    public static Decimal roundToFit(BigDecimal v, int maxScale) {
        for (int s = Math.min(maxScale, ExactMath.MAX_SCALE); s >= 0; s--) {
            BigInteger u = v.setScale(s, RoundingMode.HALF_EVEN).unscaledValue();
            if (u.bitLength() < 64) {
                return Decimal.of(u.longValue(), s);
            }
        }
        throw new ArithmeticException("value out of Decimal range: " + v.toPlainString());
    }
}
