package io.cryptorun.functions.math;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Objects;

/**
 * An exact quotient {@code num / den} of two decimals, {@code den > 0}, kept undivided so that a
 * threshold can be decided by cross-multiplying ({@link Threshold#admits(Ratio)}): a return,
 * a spread in bps or an RSI is compared with its threshold without ever being rounded.
 * {@link #toDouble()} is for display and for the scoring arithmetic only.
 */
public record Ratio(BigDecimal num, BigDecimal den) implements Serializable {
    public Ratio {
        Objects.requireNonNull(num, "num");
        Objects.requireNonNull(den, "den");
        if (den.signum() <= 0) {
            throw new IllegalArgumentException("ratio denominator must be > 0: " + den.toPlainString());
        }
    }

    public static Ratio of(BigDecimal value) {
        return new Ratio(value, BigDecimal.ONE);
    }

    /** {@code now / then − 1} as {@code (now − then) / then}: a simple return, exact. */
    public static Ratio change(BigDecimal now, BigDecimal then) {
        return new Ratio(now.subtract(then), then);
    }

    /** {@code a − b}, exact (common denominator). */
    public Ratio minus(Ratio b) {
        return new Ratio(num.multiply(b.den).subtract(b.num.multiply(den)), den.multiply(b.den));
    }

    /** The quotient as a double (display, scoring): rounded to 34 digits, then to the nearest double. */
    public double toDouble() {
        return num.divide(den, MathContext.DECIMAL128).doubleValue();
    }

    /** {@code this} compared with {@code limit}: sign of {@code num − limit·den}. */
    public int compareTo(BigDecimal limit) {
        return num.compareTo(limit.multiply(den));
    }
}
