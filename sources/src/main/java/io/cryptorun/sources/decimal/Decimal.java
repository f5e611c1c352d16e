package io.cryptorun.sources.decimal;

import java.math.BigDecimal;

/**
 * An exact decimal number: {@code unscaled × 10^-scale}. Prices and quantities travel in this
 * form from the wire to state, so that nothing is ever rounded through {@code double}.
 *
 * <p>A Java record, hence a Flink POJO type (no Kryo).
 */
public record Decimal(long unscaled, int scale) implements Comparable<Decimal> {

    public static final Decimal ZERO = new Decimal(0, 0);

    public Decimal {
        if (scale < 0 || scale > ExactMath.MAX_SCALE) {
            throw new IllegalArgumentException("scale out of range: " + scale);
        }
    }

    /** Parses decimal text (including exponent forms such as {@code 5.325e-05}) exactly. */
    public static Decimal parse(CharSequence text) {
        MutableDecimal out = new MutableDecimal();
        int err = DecimalParser.parse(text, 0, text.length(), out);
        if (err != DecimalParser.OK) {
            throw new NumberFormatException(DecimalParser.describe(err) + ": " + text);
        }
        return new Decimal(out.unscaled, out.scale);
    }

    public static Decimal of(long unscaled, int scale) {
        return new Decimal(unscaled, scale);
    }

    public int signum() {
        return Long.signum(unscaled);
    }

    /** This value expressed with {@code newScale} digits; throws if that would drop non-zero digits. */
    public long unscaledAt(int newScale) {
        return ExactMath.rescale(unscaled, scale, newScale);
    }

    public BigDecimal toBigDecimal() {
        return BigDecimal.valueOf(unscaled, scale);
    }

    /** Plain decimal text, keeping the scale (so {@code 0.10000000} stays as sent). */
    public String toPlainString() {
        return ExactMath.toPlainString(unscaled, scale);
    }

    /** Lossy conversion for analytics that are ratios anyway (returns, volatility). */
    public double toDouble() {
        return unscaled / ExactMath.POW10_DOUBLE[scale];
    }

    @Override
    public int compareTo(Decimal o) {
        return ExactMath.compare(unscaled, scale, o.unscaled, o.scale);
    }

    /** Numeric equality regardless of scale (record equals compares representation). */
    public boolean numericallyEquals(Decimal o) {
        return compareTo(o) == 0;
    }

    @Override
    public String toString() {
        return toPlainString();
    }
}
