package io.cryptorun.sources.book;

public enum BookState {
    /** No snapshot yet (or cleared): deltas cannot be applied. */
    AWAITING_SNAPSHOT,
    /** Built from a snapshot and every later delta verified. */
    VALID,
    /** Integrity lost (checksum, crossed, gap): ignored until the next snapshot. */
    INVALID
}
