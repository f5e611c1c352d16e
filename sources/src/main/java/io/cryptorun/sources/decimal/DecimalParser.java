package io.cryptorun.sources.decimal;

/**
 * Parses JSON number text exactly into {@code (unscaled, scale)}, never through {@code double}.
 * Accepts {@code -12.5}, {@code 0.10000000}, {@code 5.325e-05}, {@code 1E+3}. Allocation-free:
 * results go to a caller-owned {@link MutableDecimal}; failures are returned as codes so the hot
 * path does not build exceptions for bad frames.
 */
public final class DecimalParser {
    public static final int OK = 0;
    public static final int EMPTY = 1;
    public static final int BAD_CHAR = 2;
    public static final int TOO_MANY_DIGITS = 3;
    public static final int SCALE_OUT_OF_RANGE = 4;

    private DecimalParser() {}

    public static String describe(int code) {
        return switch (code) {
            case OK -> "ok";
            case EMPTY -> "empty number";
            case BAD_CHAR -> "not a decimal number";
            case TOO_MANY_DIGITS -> "more than 18 significant digits";
            case SCALE_OUT_OF_RANGE -> "exponent out of range";
            default -> "error " + code;
        };
    }

    /** Convenience for cold paths; the hot path passes the JSON cursor's text buffer directly. */
    public static int parse(CharSequence text, int from, int to, MutableDecimal out) {
        char[] buf = new char[to - from];
        for (int k = 0; k < buf.length; k++) buf[k] = text.charAt(from + k);
        return parse(buf, 0, buf.length, out);
    }

    public static int parse(char[] s, int off, int len, MutableDecimal out) {
        int i = off;
        int to = off + len;
        if (i >= to) return EMPTY;
        boolean neg = false;
        char c = s[i];
        if (c == '-' || c == '+') {
            neg = c == '-';
            if (++i >= to) return EMPTY;
        }
        long mant = 0;
        int digits = 0; // significant digits accumulated (leading zeros skipped)
        int frac = 0;
        boolean seenDot = false;
        boolean anyDigit = false;
        for (; i < to; i++) {
            c = s[i];
            if (c >= '0' && c <= '9') {
                anyDigit = true;
                if (seenDot) frac++;
                if (mant == 0 && c == '0') {
                    continue;
                }
                if (++digits > 18) return TOO_MANY_DIGITS;
                mant = mant * 10 + (c - '0');
            } else if (c == '.' && !seenDot) {
                seenDot = true;
            } else if (c == 'e' || c == 'E') {
                break;
            } else {
                return BAD_CHAR;
            }
        }
        if (!anyDigit) return BAD_CHAR;
        int exp = 0;
        if (i < to) { // exponent
            i++;
            if (i >= to) return BAD_CHAR;
            boolean eneg = false;
            c = s[i];
            if (c == '-' || c == '+') {
                eneg = c == '-';
                if (++i >= to) return BAD_CHAR;
            }
            for (; i < to; i++) {
                c = s[i];
                if (c < '0' || c > '9') return BAD_CHAR;
                exp = exp * 10 + (c - '0');
                if (exp > 400) return SCALE_OUT_OF_RANGE;
            }
            if (eneg) exp = -exp;
        }
        int scale = frac - exp;
        if (scale < 0) {
            if (mant != 0) {
                if (-scale > 18 || digits - scale > 18) return TOO_MANY_DIGITS;
                mant *= ExactMath.POW10[-scale];
            }
            scale = 0;
        } else if (scale > ExactMath.MAX_SCALE) {
            // trailing zeros beyond 18 decimals carry no value; strip them if possible
            while (scale > ExactMath.MAX_SCALE && mant % 10 == 0 && mant != 0) {
                mant /= 10;
                scale--;
            }
            if (mant == 0) {
                scale = 0;
            } else if (scale > ExactMath.MAX_SCALE) {
                return SCALE_OUT_OF_RANGE;
            }
        }
        out.unscaled = neg ? -mant : mant;
        out.scale = scale;
        return OK;
    }
}
