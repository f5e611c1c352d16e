package io.cryptorun.sources.live;

import java.util.function.LongSupplier;

/**
 * Subscription rate limit: {@code capacity} tokens, refilled continuously at
 * {@code refillPerSecond}. A subscribe batch takes one token; when none is left the batch waits
 * {@link #millisUntilAvailable()} instead of risking the venue's 429 / ban. The clock (epoch or
 * monotonic ms) is injected. Thread-safe (one bucket per venue, shared by its connections).
 */
public final class TokenBucket {
    private final double capacity;
    private final double refillPerMilli;
    private final LongSupplier clockMillis;
    private double tokens;
    private long lastRefill;

    public TokenBucket(int capacity, double refillPerSecond, LongSupplier clockMillis) {
        if (capacity < 1 || refillPerSecond <= 0) {
            throw new IllegalArgumentException("need capacity >= 1 and refill > 0: " + capacity + ", " + refillPerSecond);
        }
        this.capacity = capacity;
        this.refillPerMilli = refillPerSecond / 1000.0;
        this.clockMillis = clockMillis;
        this.tokens = capacity;
        this.lastRefill = clockMillis.getAsLong();
    }

    /** Takes one token if available. */
    public synchronized boolean tryAcquire() {
        refill();
        if (tokens >= 1.0) {
            tokens -= 1.0;
            return true;
        }
        return false;
    }

    /** How long until {@link #tryAcquire()} can succeed (0 when it can now). */
    public synchronized long millisUntilAvailable() {
        refill();
        return tokens >= 1.0 ? 0 : (long) Math.ceil((1.0 - tokens) / refillPerMilli);
    }

    /** Whole tokens left (the rate-limit gauge). */
    public synchronized int available() {
        refill();
        return (int) Math.floor(tokens);
    }

    private void refill() {
        long now = clockMillis.getAsLong();
        if (now > lastRefill) {
            tokens = Math.min(capacity, tokens + (now - lastRefill) * refillPerMilli);
            lastRefill = now;
        }
    }
}
