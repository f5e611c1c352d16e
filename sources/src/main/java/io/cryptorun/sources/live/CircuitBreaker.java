package io.cryptorun.sources.live;

import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * Per-venue circuit breaker (SPEC §4). Outcomes are connection attempts and REST snapshot
 * requests: success with its latency, or failure. The window is sliding in time as well as in
 * count: it holds the last {@code window} outcomes of the last {@code windowMillis} — older ones
 * are forgotten, so drops of healthy connections far apart never add up. The breaker opens when,
 * over the window (once at least {@code minCalls} outcomes are in it), more than
 * {@code maxErrorRate} failed; or after {@code maxConsecutiveFailures} failures in a row with no
 * success between them, within {@code windowMillis} of each other; or when the p99 of the
 * latencies in the window exceeds {@code maxP99LatencyMillis}. While open, nothing
 * is attempted; after {@code openMillis} one probe is allowed (half-open): its success closes the
 * breaker (window cleared), its failure opens it again.
 *
 * <p>Thread-safe; state changes are reported to the {@link Listener} (metric + log line).
 */
public final class CircuitBreaker {
    public enum State {
        CLOSED(0), HALF_OPEN(1), OPEN(2);

        /** The gauge value (stable: dashboards alert on 2). */
        public final int code;

        State(int code) {
            this.code = code;
        }
    }

    /** Thresholds; the defaults are SPEC §4's. */
    public record Config(int window, int minCalls, double maxErrorRate, int maxConsecutiveFailures,
            long maxP99LatencyMillis, long openMillis, long windowMillis) implements java.io.Serializable {
        /** Outcomes older than this are forgotten by default (the SPEC names no length: one minute). */
        public static final long DEFAULT_WINDOW_MILLIS = 60_000;
        public static final Config DEFAULT = new Config(20, 10, 0.30, 5, 5_000, 30_000, DEFAULT_WINDOW_MILLIS);

        public Config {
            if (window < 1 || minCalls < 1 || minCalls > window || maxConsecutiveFailures < 1 || openMillis < 1
                    || windowMillis < 1) {
                throw new IllegalArgumentException("invalid circuit breaker config");
            }
        }

        /** With the default time window. */
        public Config(int window, int minCalls, double maxErrorRate, int maxConsecutiveFailures, long maxP99LatencyMillis,
                long openMillis) {
            this(window, minCalls, maxErrorRate, maxConsecutiveFailures, maxP99LatencyMillis, openMillis, DEFAULT_WINDOW_MILLIS);
        }
    }

    @FunctionalInterface
    public interface Listener {
        void onStateChange(State from, State to, String reason);
    }

    private final Config config;
    private final LongSupplier clockMillis;
    private final Listener listener;
    private final boolean[] failed;
    private final long[] latencies;
    private final long[] at;
    private long lastFailureAt;
    private int count;
    private int next;
    private int consecutiveFailures;
    private State state = State.CLOSED;
    private long openedAt;
    private boolean probeInFlight;

    public CircuitBreaker(Config config, LongSupplier clockMillis, Listener listener) {
        this.config = config;
        this.clockMillis = clockMillis;
        this.listener = listener;
        this.failed = new boolean[config.window()];
        this.latencies = new long[config.window()];
        this.at = new long[config.window()];
    }

    /**
     * May an attempt start now? Closed: yes. Open: no, until {@code openMillis} passed, then the
     * breaker goes half-open and this one caller gets the probe. Half-open: only the probe.
     */
    public synchronized boolean tryAcquire() {
        switch (state) {
            case CLOSED:
                return true;
            case OPEN:
                if (clockMillis.getAsLong() - openedAt < config.openMillis()) {
                    return false;
                }
                transition(State.HALF_OPEN, "open for " + config.openMillis() + " ms: probing");
                probeInFlight = true;
                return true;
            default:
                if (probeInFlight) {
                    return false;
                }
                probeInFlight = true;
                return true;
        }
    }

    /** Milliseconds until an attempt may be allowed again (0 when closed or probe-ready). */
    public synchronized long millisUntilProbe() {
        if (state != State.OPEN) return 0;
        return Math.max(0, config.openMillis() - (clockMillis.getAsLong() - openedAt));
    }

    public synchronized void onSuccess(long latencyMillis) {
        consecutiveFailures = 0;
        if (state == State.HALF_OPEN) {
            probeInFlight = false;
            clearWindow();
            record(false, latencyMillis);
            transition(State.CLOSED, "probe succeeded in " + latencyMillis + " ms");
            return;
        }
        record(false, latencyMillis);
        long p99 = p99();
        if (state == State.CLOSED && count >= config.minCalls() && p99 > config.maxP99LatencyMillis()) {
            open("p99 latency " + p99 + " ms > " + config.maxP99LatencyMillis() + " ms");
        }
    }

    public synchronized void onFailure(String reason) {
        long now = clockMillis.getAsLong();
        if (consecutiveFailures > 0 && now - lastFailureAt > config.windowMillis()) {
            consecutiveFailures = 0; // the previous failures are too old to be "in a row" with this one
        }
        lastFailureAt = now;
        consecutiveFailures++;
        if (state == State.HALF_OPEN) {
            probeInFlight = false;
            open("probe failed: " + reason);
            return;
        }
        record(true, 0);
        if (state != State.CLOSED) {
            return;
        }
        if (consecutiveFailures >= config.maxConsecutiveFailures()) {
            open(consecutiveFailures + " consecutive failures, last: " + reason);
        } else if (count >= config.minCalls() && errorRate() > config.maxErrorRate()) {
            open(String.format(java.util.Locale.ROOT, "error rate %.0f %% over the last %d outcomes, last: %s",
                    errorRate() * 100, count, reason));
        }
    }

    public synchronized State state() {
        return state;
    }

    /** Failed fraction of the outcomes in the window. */
    public synchronized double errorRate() {
        expire();
        if (count == 0) return 0;
        int f = 0;
        for (int i = 0; i < count; i++) if (failed[slot(i)]) f++;
        return (double) f / count;
    }

    /** Outcomes in the window now (after forgetting those older than {@code windowMillis}). */
    public synchronized int outcomes() {
        expire();
        return count;
    }

    /** p99 (nearest rank) of the successful outcomes' latencies in the window; 0 when none. */
    public synchronized long p99() {
        expire();
        long[] ok = new long[count];
        int n = 0;
        for (int i = 0; i < count; i++) if (!failed[slot(i)]) ok[n++] = latencies[slot(i)];
        if (n == 0) return 0;
        Arrays.sort(ok, 0, n);
        int rank = (int) Math.ceil(0.99 * n);
        return ok[rank - 1];
    }

    private void record(boolean failure, long latency) {
        expire();
        failed[next] = failure;
        latencies[next] = latency;
        at[next] = clockMillis.getAsLong();
        next = (next + 1) % failed.length;
        count = Math.min(count + 1, failed.length);
    }

    /** Ring index of the i-th oldest outcome in the window. */
    private int slot(int i) {
        return Math.floorMod(next - count + i, failed.length);
    }

    /** Forgets outcomes older than {@code windowMillis} (they are the oldest ones of the ring). */
    private void expire() {
        long cutoff = clockMillis.getAsLong() - config.windowMillis();
        while (count > 0 && at[slot(0)] < cutoff) count--;
    }

    private void clearWindow() {
        count = 0;
        next = 0;
    }

    private void open(String reason) {
        openedAt = clockMillis.getAsLong();
        transition(State.OPEN, reason);
    }

    private void transition(State to, String reason) {
        State from = state;
        state = to;
        if (from != to) listener.onStateChange(from, to, reason);
    }
}
