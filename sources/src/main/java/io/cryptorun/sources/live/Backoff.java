package io.cryptorun.sources.live;

import java.util.Random;

/**
 * Reconnect delays: exponential backoff with full jitter (a uniform delay in
 * {@code [0, min(max, base·2^attempt)]}), so that many connections dropped by one outage do not
 * reconnect in lock-step. The {@link Random} is injected, so tests see fixed delays. Not
 * thread-safe (one per connection, used from the control thread).
 */
public final class Backoff {
    private final long baseMillis;
    private final long maxMillis;
    private final Random random;
    private int attempt;

    public Backoff(long baseMillis, long maxMillis, Random random) {
        if (baseMillis <= 0 || maxMillis < baseMillis) {
            throw new IllegalArgumentException("need 0 < base <= max: " + baseMillis + ", " + maxMillis);
        }
        this.baseMillis = baseMillis;
        this.maxMillis = maxMillis;
        this.random = random;
    }

    /** The ceiling of the next delay: {@code min(max, base·2^attempt)}. */
    public long ceilingMillis() {
        long c = baseMillis;
        for (int i = 0; i < attempt && c < maxMillis; i++) {
            c = c > maxMillis / 2 ? maxMillis : c * 2;
        }
        return Math.min(c, maxMillis);
    }

    /** The delay before the next attempt, and counts the attempt. */
    public long nextDelayMillis() {
        long ceiling = ceilingMillis();
        attempt++;
        return (long) Math.floor(random.nextDouble() * (ceiling + 1));
    }

    /** Attempts since the last {@link #reset()}. */
    public int attempts() {
        return attempt;
    }

    /** After a connection proved healthy. */
    public void reset() {
        attempt = 0;
    }
}
