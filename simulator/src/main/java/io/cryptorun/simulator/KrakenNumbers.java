package io.cryptorun.simulator;

import io.cryptorun.sources.decimal.ExactMath;

/**
 * Renders exact values as Kraken v2 puts them on the wire: plain decimals at the instrument precision
 * ({@code 45283.5}, {@code 0.10000000}), except values below 1e-4 in book and trade messages, which
 * Kraken sends in exponent notation with trailing zeros dropped ({@code 5.325e-05}). Parsers must
 * read both exactly; the checksum is over the precision-rendered digits either way.
 */
final class KrakenNumbers {
    private KrakenNumbers() {}

    /** A book or trade number: exponent form below 1e-4, otherwise plain at {@code scale}. */
    static void appendWire(StringBuilder sb, long unscaled, int scale) {
        if (unscaled > 0 && scale >= 5 && unscaled < ExactMath.pow10(scale - 4)) {
            appendExponent(sb, unscaled, scale);
        } else {
            ExactMath.appendPlain(sb, unscaled, scale);
        }
    }

    /** {@code unscaled × 10^-scale} as {@code d.ddde-XX}: shortest mantissa, at least two exponent digits. */
    static void appendExponent(StringBuilder sb, long unscaled, int scale) {
        if (unscaled <= 0) {
            throw new IllegalArgumentException("exponent form is for positive values: " + unscaled);
        }
        String digits = Long.toString(unscaled);
        int exponent = digits.length() - 1 - scale;
        int end = digits.length();
        while (end > 1 && digits.charAt(end - 1) == '0') end--;
        sb.append(digits.charAt(0));
        if (end > 1) {
            sb.append('.').append(digits, 1, end);
        }
        sb.append('e').append(exponent < 0 ? '-' : '+');
        int abs = Math.abs(exponent);
        if (abs < 10) sb.append('0');
        sb.append(abs);
    }

    static String wire(long unscaled, int scale) {
        StringBuilder sb = new StringBuilder(24);
        appendWire(sb, unscaled, scale);
        return sb.toString();
    }
}
