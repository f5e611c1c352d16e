package io.cryptorun.functions.math;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * One SPEC threshold and its direction ({@code x < t}, {@code x ≤ t}, {@code x > t},
 * {@code x ≥ t}): the single comparison mechanism behind every gate, regime rule, band,
 * cooldown and exit level (SPEC §5 "Thresholds are exact").
 *
 * <p>The limit is an exact decimal. A configured {@code double} is read back as the decimal it
 * was written as ({@link #decimal(double)}: rounded to 15 significant digits, so {@code 0.12} is
 * exactly 0.12, not 0.11999999999999999555…); configuration loading rejects a value with more
 * than 15 significant digits, for which that would not hold.
 *
 * <ul>
 *   <li>{@link #admits(BigDecimal)} and {@link #admits(Ratio)} decide on exact values; a ratio is
 *       cross-multiplied ({@code num op t·den}, {@code den > 0}), never divided.</li>
 *   <li>{@link #admitsTimes(BigDecimal, BigDecimal)} decides {@code x op t·k} exactly (drift vs
 *       {@code 1.2 × ATR}, price vs {@code entry − 1.5 × ATR}).</li>
 *   <li>{@link #admits(double)} is for quantities that are themselves computed in binary floating
 *       point because they are irrational or running approximations (realized vol, thrust EMA,
 *       VADR, Φ-based scores): the double is compared with the double nearest the limit, so a
 *       value computed as exactly the threshold's double is on the threshold. The only error left
 *       is the value's own, bounded in docs/GATES.md.</li>
 * </ul>
 * NaN or {@code null} (unknown) is never admitted: guards fail closed.
 */
public record Threshold(Bound bound, BigDecimal limit) implements Serializable {
    /** The direction in which values pass. */
    public enum Bound {
        BELOW("<"), AT_MOST("≤"), ABOVE(">"), AT_LEAST("≥");

        private final String symbol;

        Bound(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        boolean holds(int cmp) {
            return switch (this) {
                case BELOW -> cmp < 0;
                case AT_MOST -> cmp <= 0;
                case ABOVE -> cmp > 0;
                case AT_LEAST -> cmp >= 0;
            };
        }
    }

    public Threshold {
        Objects.requireNonNull(bound, "bound");
        Objects.requireNonNull(limit, "limit");
    }

    public static Threshold below(double t) {
        return new Threshold(Bound.BELOW, decimal(t));
    }

    public static Threshold atMost(double t) {
        return new Threshold(Bound.AT_MOST, decimal(t));
    }

    public static Threshold above(double t) {
        return new Threshold(Bound.ABOVE, decimal(t));
    }

    public static Threshold atLeast(double t) {
        return new Threshold(Bound.AT_LEAST, decimal(t));
    }

    /** Significant digits a decimal keeps through a {@code double}: every decimal with ≤ 15 comes back exactly. */
    public static final int DOUBLE_DECIMAL_DIGITS = 15;

    /**
     * The decimal a double was made from, when that decimal had at most 15 significant digits
     * (a configured threshold, a price parsed from a feed): the double is within half an ulp
     * (≤ 1.2e−16 relative) of it, and rounding to 15 digits (a step ≥ 1e−15 relative) lands on it.
     */
    public static BigDecimal decimal(double t) {
        if (!Double.isFinite(t)) {
            throw new IllegalArgumentException("value must be finite: " + t);
        }
        if (t == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal d = new BigDecimal(t).round(new java.math.MathContext(DOUBLE_DECIMAL_DIGITS,
                java.math.RoundingMode.HALF_EVEN)).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0) : d;
    }

    public boolean admits(BigDecimal x) {
        return x != null && bound.holds(x.compareTo(limit));
    }

    public boolean admits(Ratio x) {
        return x != null && bound.holds(x.compareTo(limit));
    }

    /** {@code x op limit × k}, exact. */
    public boolean admitsTimes(BigDecimal x, BigDecimal k) {
        return x != null && k != null && bound.holds(x.compareTo(limit.multiply(k)));
    }

    /** {@code x op limit × k} with {@code k} a double taken at its exact binary value; NaN k is not admitted. */
    public boolean admitsTimes(BigDecimal x, double k) {
        return Double.isFinite(k) && admitsTimes(x, new BigDecimal(k));
    }

    /** A floating-point quantity against the double nearest the limit (see the class comment). */
    public boolean admits(double x) {
        double t = limit.doubleValue();
        return !Double.isNaN(x) && bound.holds(x < t ? -1 : (x > t ? 1 : 0));
    }

    @Override
    public String toString() {
        return bound.symbol + " " + limit.toPlainString();
    }
}
