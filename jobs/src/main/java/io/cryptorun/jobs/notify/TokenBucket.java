package io.cryptorun.jobs.notify;

/**
 * A token bucket of {@code capacity} tokens refilled at {@code perSecond}, as the generic cell rate
 * algorithm on a caller-supplied monotonic clock in integer nanoseconds (no floating drift):
 * {@link #reserve(long)} takes a token and says how long to wait before using it. A caller that
 * always waits the returned time sends at most {@code capacity + ⌊window × perSecond⌋} messages in
 * any window. Not thread-safe: one per destination worker thread.
 */
public final class TokenBucket {
    /** Nanoseconds per token, rounded up so the rate is never exceeded. */
    private final long interval;
    /** How far ahead of now the theoretical arrival time may run: (capacity − 1) intervals. */
    private final long tolerance;
    private long tat;

    public TokenBucket(int capacity, double perSecond, long nowNanos) {
        if (capacity < 1 || !(perSecond > 0)) {
            throw new IllegalArgumentException("token bucket needs capacity >= 1 and a positive rate");
        }
        this.interval = (long) Math.ceil(1e9 / perSecond);
        this.tolerance = (capacity - 1) * interval;
        this.tat = nowNanos;
    }

    /** Takes a token; returns the nanoseconds to wait before sending (0 when one is available now). */
    public long reserve(long nowNanos) {
        long at = Math.max(nowNanos, tat - tolerance);
        tat = Math.max(tat, at) + interval;
        return at - nowNanos;
    }

    /**
     * Nobody may send before {@code untilNanos} (a 429's retry-after), and from then on one token per
     * interval without a burst, so the first request after the pause is the only one at that instant.
     */
    public void pauseUntil(long untilNanos) {
        tat = Math.max(tat, untilNanos + tolerance);
    }
}
