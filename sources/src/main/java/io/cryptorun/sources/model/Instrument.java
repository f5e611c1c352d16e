package io.cryptorun.sources.model;

/** Venue instrument metadata; the precisions define how book checksums render numbers. */
public record Instrument(
        EventHeader header, String base, String quote, int pricePrecision, int qtyPrecision, String status) {}
