package io.cryptorun.jobs.notify;

import java.io.Serializable;
import java.time.Duration;

/**
 * Retries of transient failures (5xx, timeouts, resets): exponential backoff from {@code base}
 * doubling up to {@code max}, with full jitter (a uniform wait in [0, backoff]), until
 * {@code deadline} after the first attempt; then the notice is dead-lettered. A 429 waits the
 * API's retry-after instead (it does not count against the backoff, but the deadline holds).
 */
public record RetryPolicy(Duration base, Duration max, Duration deadline) implements Serializable {
    public static RetryPolicy defaults() {
        return new RetryPolicy(Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofMinutes(10));
    }

    /** The wait before retry number {@code retry} (1 = first retry), given a uniform random in [0, 1). */
    public long backoffMs(int retry, double random) {
        long cap = base.toMillis() << Math.min(20, Math.max(0, retry - 1));
        long b = Math.min(max.toMillis(), cap);
        return (long) Math.floor(b * random);
    }
}
