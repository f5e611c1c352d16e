package io.cryptorun.sources.time;

/** Epoch-microsecond helpers: records carry µs (venue precision), Flink timestamps are ms. */
public final class Micros {
    private Micros() {}

    /** Flink timestamp (ms) of an epoch-µs time, rounding toward negative infinity. */
    public static long toMillis(long micros) {
        return Math.floorDiv(micros, 1000L);
    }
}
