package io.cryptorun.sources.live;

import io.cryptorun.sources.fixture.FixtureLine;

/**
 * A received frame as a fixture line, with the symbol its records are about ({@code ""} for
 * connection-level frames such as heartbeats and acks): the ingest job's Kafka key.
 */
public record SymbolFrame(String symbol, FixtureLine line) {}
