package io.cryptorun.functions.alerts;

/** The last alert sent for a symbol on this user/channel: when, and at what score (for the cooldown). */
public record SymbolMark(String symbol, long lastAlertMicros, double lastScore) {}
