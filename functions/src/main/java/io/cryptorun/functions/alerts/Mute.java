package io.cryptorun.functions.alerts;

/**
 * A mute from the control topic. Active while {@code eventMicros < expiresMicros}: at the
 * expiry instant it no longer applies. {@link #FOREVER} for a mute without TTL.
 */
public record Mute(Kind kind, String target, long expiresMicros) {
    public static final long FOREVER = Long.MAX_VALUE;

    public enum Kind {
        SYMBOL,
        CHANNEL
    }

    public boolean activeAt(long eventMicros) {
        return eventMicros < expiresMicros;
    }
}
