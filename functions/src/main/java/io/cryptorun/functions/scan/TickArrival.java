package io.cryptorun.functions.scan;

/**
 * When a connection first told the scanner that a scan tick had passed: the receive time of the
 * first frame on {@code conn} whose event time is after {@code tickMicros} (SPEC §8 late-fill).
 */
public record TickArrival(String conn, long tickMicros, long receiveMicros) {}
