package io.cryptorun.functions.book;

import java.io.Serializable;

/**
 * The per-market, per-second emission clock of {@link OrderBookFunction} as pure arithmetic (the
 * rule is documented there, "Emission rule"): which second an input belongs to, which boundaries a
 * catch-up emits (at most {@code maxCatchUpSeconds}, none at which the book is older than
 * {@link OrderBookFunction#MAX_BOOK_AGE_MICROS}), and whether a quiet market's clock ticks on. All
 * times in epoch µs; boundaries are whole seconds.
 */
public final class EmissionClock implements Serializable {
    private static final long serialVersionUID = 1L;
    static final long SECOND = 1_000_000L;

    private final int maxCatchUpSeconds;
    private final long quietHorizonMicros;

    /**
     * @param maxCatchUpSeconds   most boundaries one input may emit when catching up a gap (≥ 1)
     * @param quietHorizonSeconds how many seconds past its last input a market's clock ticks on the
     *                            watermark alone (≥ 1)
     */
    public EmissionClock(int maxCatchUpSeconds, int quietHorizonSeconds) {
        if (maxCatchUpSeconds < 1) {
            throw new IllegalArgumentException("maxCatchUpSeconds must be ≥ 1: " + maxCatchUpSeconds);
        }
        if (quietHorizonSeconds < 1) {
            throw new IllegalArgumentException("quietHorizonSeconds must be ≥ 1: " + quietHorizonSeconds);
        }
        this.maxCatchUpSeconds = maxCatchUpSeconds;
        this.quietHorizonMicros = quietHorizonSeconds * SECOND;
    }

    /** The second boundary at or before {@code micros}. */
    public static long secondOf(long micros) {
        return Math.floorDiv(micros, SECOND) * SECOND;
    }

    /**
     * The boundaries to emit of {@code (from, to]} for a book last known alive at {@code alive}
     * ({@code Long.MIN_VALUE}: never).
     *
     * @param first   first boundary to emit
     * @param last    last boundary to emit; nothing to emit when {@code last < first}
     * @param stale   boundaries dropped because the book was older than the maximum age there
     * @param skipped boundaries dropped beyond the catch-up limit (count them only if something is emitted)
     */
    public record Plan(long first, long last, long stale, long skipped) {
        public boolean emits() {
            return last >= first;
        }
    }

    public Plan plan(long from, long to, long alive) {
        // the last boundary b with b − alive ≤ max age (exact, in µs)
        long youngest = alive == Long.MIN_VALUE ? from
                : Math.floorDiv(alive + OrderBookFunction.MAX_BOOK_AGE_MICROS, SECOND) * SECOND;
        long stale = 0;
        if (youngest < to) {
            stale = (to - Math.max(from, youngest)) / SECOND;
            to = youngest;
            if (to <= from) {
                return new Plan(from + SECOND, from, stale, 0);
            }
        }
        long count = (to - from) / SECOND;
        if (count > maxCatchUpSeconds) {
            return new Plan(to - (maxCatchUpSeconds - 1) * SECOND, to, stale, count - maxCatchUpSeconds);
        }
        return new Plan(from + SECOND, to, stale, 0);
    }

    /** Whether the clock, having handled {@code boundary}, ticks on to the next second for a market last fed at second {@code lastInput}. */
    public boolean ticksOn(long boundary, Long lastInput) {
        return lastInput != null && boundary + SECOND <= lastInput + quietHorizonMicros;
    }
}
