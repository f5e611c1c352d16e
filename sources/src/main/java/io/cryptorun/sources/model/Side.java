package io.cryptorun.sources.model;

/** Aggressor side of a trade. */
public enum Side {
    BUY,
    SELL
}
