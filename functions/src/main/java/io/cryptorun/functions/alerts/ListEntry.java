package io.cryptorun.functions.alerts;

/** An allow- or deny-list entry for a symbol, active while {@code eventMicros < expiresMicros}. */
public record ListEntry(String symbol, long expiresMicros) {
    public boolean activeAt(long eventMicros) {
        return eventMicros < expiresMicros;
    }
}
