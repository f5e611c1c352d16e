package io.cryptorun.functions.indicators;

/** Wilder's true range: the bar's range widened to include a gap from the previous close. */
final class TrueRange {
    private TrueRange() {}

    /** {@code max(high − low, |high − prevClose|, |low − prevClose|)}. */
    static double of(double high, double low, double previousClose) {
        return Math.max(high - low, Math.max(Math.abs(high - previousClose), Math.abs(low - previousClose)));
    }
}
