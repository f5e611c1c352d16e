package io.cryptorun.sources.model;

import io.cryptorun.sources.decimal.Decimal;

/** Venue L1 summary; informational (microstructure is computed from the book, not from this). */
public record Ticker(EventHeader header, Decimal bid, Decimal ask, Decimal last, Decimal volume24h) {}
