package io.cryptorun.sources.model;

public enum EventKind {
    INSTRUMENT,
    SUBSCRIPTION,
    BOOK_SNAPSHOT,
    BOOK_DELTA,
    TRADE,
    TICKER,
    HEARTBEAT,
    STATUS,
    QUARANTINE
}
