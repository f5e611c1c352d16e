package io.cryptorun.functions.indicators;

/**
 * Argument checks shared by the indicators. Inputs come from exact decimals through
 * {@code Decimal.toDouble()}, so a NaN, an infinity or a non-positive price here is a bug
 * upstream; failing loudly beats a silently poisoned running sum that never recovers.
 */
final class Inputs {
    private Inputs() {}

    static double price(String name, double x) {
        if (!(x > 0) || x == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(name + " must be a positive finite price: " + x);
        }
        return x;
    }

    static double nonNegative(String name, double x) {
        if (!(x >= 0) || x == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(name + " must be finite and ≥ 0: " + x);
        }
        return x;
    }

    static void range(double high, double low, double close) {
        price("high", high);
        price("low", low);
        price("close", close);
        if (low > high) {
            throw new IllegalArgumentException("low " + low + " above high " + high);
        }
    }
}
