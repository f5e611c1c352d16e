package io.cryptorun.sources.live;

import java.util.function.LongSupplier;

/**
 * Heartbeat / idle watchdog of one connection: any frame is a sign of life; silence longer than
 * the timeout means the connection is stalled (a half-open TCP connection, a venue that stopped
 * sending) and must be dropped and reconnected. Every venue used here sends at least a heartbeat
 * per few seconds while subscribed, so silence is never normal. Thread-safe: {@link #activity()}
 * is called from the socket thread, {@link #stalled()} from the control thread.
 */
public final class IdleWatchdog {
    private final long timeoutMillis;
    private final LongSupplier clockMillis;
    private volatile long lastActivity;

    public IdleWatchdog(long timeoutMillis, LongSupplier clockMillis) {
        if (timeoutMillis <= 0) throw new IllegalArgumentException("timeout must be positive: " + timeoutMillis);
        this.timeoutMillis = timeoutMillis;
        this.clockMillis = clockMillis;
        this.lastActivity = clockMillis.getAsLong();
    }

    /** A frame arrived (or the connection just opened). */
    public void activity() {
        lastActivity = clockMillis.getAsLong();
    }

    /** Milliseconds since the last sign of life. */
    public long silenceMillis() {
        return clockMillis.getAsLong() - lastActivity;
    }

    /** True when the silence exceeds the timeout. */
    public boolean stalled() {
        return stalled(clockMillis.getAsLong());
    }

    /** {@link #stalled()} at the clock reading {@code nowMillis} (one reading for a whole watchdog tick). */
    public boolean stalled(long nowMillis) {
        return nowMillis - lastActivity > timeoutMillis;
    }

    public long timeoutMillis() {
        return timeoutMillis;
    }
}
