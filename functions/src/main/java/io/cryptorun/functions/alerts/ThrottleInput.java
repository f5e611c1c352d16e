package io.cryptorun.functions.alerts;

import io.cryptorun.functions.scan.ScanOutcome;

/**
 * A {@link ScanOutcome} addressed to one user/channel (the throttle's key): a candidate of a tick,
 * or the tick's completion marker — every channel gets its own copy of the marker, behind its own
 * candidates, on the same keyed channel.
 */
public record ThrottleInput(String channel, ScanOutcome outcome) {}
