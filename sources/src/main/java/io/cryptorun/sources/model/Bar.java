package io.cryptorun.sources.model;

import io.cryptorun.sources.decimal.Decimal;

/**
 * An OHLCV bar, exact. Built from trades by the bar operator, or read from bar history.
 *
 * @param venue          venue id
 * @param symbol         canonical {@code BASE/QUOTE}
 * @param interval       {@code 1m}, {@code 1h}, {@code 4h} or {@code 1d}
 * @param openTimeMicros start of the interval, epoch µs (UTC-aligned)
 * @param volume         base-currency volume
 * @param trades         number of trades
 * @param vwap           volume-weighted average price (rounded half-even, see docs/ARCHITECTURE.md)
 * @param origin         {@link #ORIGIN_TRADES} or {@link #ORIGIN_HISTORY}
 */
public record Bar(
        String venue, String symbol, String interval, long openTimeMicros, Decimal open, Decimal high, Decimal low,
        Decimal close, Decimal volume, long trades, Decimal vwap, String origin) {

    public static final String ORIGIN_TRADES = "trades";
    public static final String ORIGIN_HISTORY = "history";

    public static final String M1 = "1m";
    public static final String H1 = "1h";
    public static final String H4 = "4h";
    public static final String D1 = "1d";

    /** Interval length in microseconds. */
    public static long intervalMicros(String interval) {
        return switch (interval) {
            case M1 -> 60_000_000L;
            case H1 -> 3_600_000_000L;
            case H4 -> 4 * 3_600_000_000L;
            case D1 -> 24 * 3_600_000_000L;
            default -> throw new IllegalArgumentException("unknown interval " + interval);
        };
    }

    public long closeTimeMicros() {
        return openTimeMicros + intervalMicros(interval);
    }
}
