package io.cryptorun.simulator;

/** A ground-truth interval {@code [startMicros, endMicros)} during which the market was in {@code regime}. */
public record RegimeSegment(Regime regime, long startMicros, long endMicros) {
    public boolean contains(long micros) {
        return micros >= startMicros && micros < endMicros;
    }
}
