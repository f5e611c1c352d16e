package io.cryptorun.sources.decimal;

/** Exact fixed-point helpers on {@code (long unscaled, int scale)} pairs. */
public final class ExactMath {
    /** 10^18 is the largest power of ten in a long. */
    public static final int MAX_SCALE = 18;

    static final long[] POW10 = new long[MAX_SCALE + 1];
    static final double[] POW10_DOUBLE = new double[MAX_SCALE + 1];

    static {
        long p = 1;
        for (int i = 0; i <= MAX_SCALE; i++) {
            POW10[i] = p;
            POW10_DOUBLE[i] = p;
            p *= 10;
        }
    }

    private ExactMath() {}

    public static long pow10(int n) {
        return POW10[n];
    }

    /**
     * Re-expresses {@code value × 10^-from} with scale {@code to}.
     *
     * @throws ArithmeticException if digits would be lost or the result overflows
     */
    public static long rescale(long value, int from, int to) {
        if (from == to) {
            return value;
        }
        if (to > from) {
            int d = to - from;
            if (d > MAX_SCALE) {
                if (value == 0) return 0;
                throw new ArithmeticException("rescale overflow");
            }
            return Math.multiplyExact(value, POW10[d]);
        }
        int d = from - to;
        if (d > MAX_SCALE) {
            if (value == 0) return 0;
            throw new ArithmeticException("rescale would drop digits");
        }
        long p = POW10[d];
        if (value % p != 0) {
            throw new ArithmeticException("rescale would drop non-zero digits");
        }
        return value / p;
    }

    public static int compare(long a, int aScale, long b, int bScale) {
        if (aScale == bScale) {
            return Long.compare(a, b);
        }
        int s = Math.max(aScale, bScale);
        try {
            return Long.compare(rescale(a, aScale, s), rescale(b, bScale, s));
        } catch (ArithmeticException overflow) {
            return java.math.BigDecimal.valueOf(a, aScale).compareTo(java.math.BigDecimal.valueOf(b, bScale));
        }
    }

    public static String toPlainString(long unscaled, int scale) {
        if (scale == 0) {
            return Long.toString(unscaled);
        }
        StringBuilder sb = new StringBuilder(24);
        appendPlain(sb, unscaled, scale);
        return sb.toString();
    }

    /** Appends plain text such as {@code -0.00100000}; no exponent, scale preserved. */
    public static void appendPlain(StringBuilder sb, long unscaled, int scale) {
        if (unscaled < 0) {
            sb.append('-');
        }
        String digits = unscaled == Long.MIN_VALUE ? "9223372036854775808" : Long.toString(Math.abs(unscaled));
        if (scale == 0) {
            sb.append(digits);
            return;
        }
        int intLen = digits.length() - scale;
        if (intLen <= 0) {
            sb.append("0.");
            for (int i = intLen; i < 0; i++) sb.append('0');
            sb.append(digits);
        } else {
            sb.append(digits, 0, intLen).append('.').append(digits, intLen, digits.length());
        }
    }
}
