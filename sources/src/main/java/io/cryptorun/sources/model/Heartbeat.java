package io.cryptorun.sources.model;

/** Connection liveness signal (heartbeat or pong); symbol is empty. */
public record Heartbeat(EventHeader header) {}
