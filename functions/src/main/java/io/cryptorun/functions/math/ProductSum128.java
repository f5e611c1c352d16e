package io.cryptorun.functions.math;

import java.math.BigInteger;

/**
 * Σ a·b over non-negative longs, exact in 128 bits without allocating: book depth multiplies
 * unscaled prices by unscaled quantities (scale up to 36 digits), which overflows a long for
 * small-priced assets with fine quantities, while {@link java.math.BigDecimal} would allocate
 * per level.
 */
public final class ProductSum128 {
    private long hi;
    private long lo;

    public void reset() {
        hi = 0;
        lo = 0;
    }

    /** Adds {@code a·b}; both must be ≥ 0 (prices and quantities in a book are). */
    public void add(long a, long b) {
        if (a < 0 || b < 0) {
            throw new IllegalArgumentException("negative operand: " + a + " x " + b);
        }
        long pLo = a * b;
        long pHi = Math.multiplyHigh(a, b);
        long sum = lo + pLo;
        if (Long.compareUnsigned(sum, lo) < 0) {
            pHi++;
        }
        lo = sum;
        // 2^127 is ~1.7e38: more than 10^11 levels of the largest possible product; still checked
        hi = Math.addExact(hi, pHi);
    }

    public boolean isZero() {
        return hi == 0 && lo == 0;
    }

    public BigInteger toBigInteger() {
        if (hi == 0 && lo >= 0) {
            return BigInteger.valueOf(lo);
        }
        byte[] b = new byte[17]; // leading zero byte keeps the value positive
        for (int i = 0; i < 8; i++) {
            b[1 + i] = (byte) (hi >>> (56 - 8 * i));
            b[9 + i] = (byte) (lo >>> (56 - 8 * i));
        }
        return new BigInteger(b);
    }

    /** Compares {@code a·b} with {@code c·d} exactly for non-negative operands. */
    public static int compareProducts(long a, long b, long c, long d) {
        long h1 = Math.multiplyHigh(a, b);
        long h2 = Math.multiplyHigh(c, d);
        if (h1 != h2) {
            return Long.compare(h1, h2);
        }
        return Long.compareUnsigned(a * b, c * d);
    }
}
