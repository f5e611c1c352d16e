package io.cryptorun.jobs.notify;

/**
 * A token bucket on a caller-supplied monotonic clock (ns): {@code capacity} tokens, refilled at
 * {@code perSecond}. {@link #reserve(long)} takes one token and says how long to wait before using
 * it, so a single caller that always waits the returned time never exceeds {@code capacity}
 * sends in any window plus {@code perSecond} per second. Not thread-safe: one per destination
 * worker thread.
 */
public final class TokenBucket {
    private final double capacity;
    private final double perNano;
    private double tokens;
    private long lastNanos;

    public TokenBucket(int capacity, double perSecond, long nowNanos) {
        if (capacity < 1 || !(perSecond > 0)) {
            throw new IllegalArgumentException("token bucket needs capacity >= 1 and a positive rate");
        }
        this.capacity = capacity;
        this.perNano = perSecond / 1e9;
        this.tokens = capacity;
        this.lastNanos = nowNanos;
    }

    /** Takes a token; returns the nanoseconds to wait (0 when one was available). */
    public long reserve(long nowNanos) {
        if (nowNanos > lastNanos) {
            tokens = Math.min(capacity, tokens + (nowNanos - lastNanos) * perNano);
            lastNanos = nowNanos;
        }
        tokens -= 1;
        long paused = Math.max(0, lastNanos - nowNanos);
        return paused + (tokens >= 0 ? 0 : (long) Math.ceil(-tokens / perNano));
    }

    /** Nobody may send before {@code untilNanos} (a 429's retry-after): the bucket is emptied until then. */
    public void pauseUntil(long untilNanos) {
        if (untilNanos > lastNanos) {
            lastNanos = untilNanos;
            tokens = Math.min(tokens, 0);
        }
    }
}
