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
    QUARANTINE,
    /** A gap in a book's stream ({@link BookReset}): the book is invalid until its next snapshot. */
    BOOK_RESET
}
