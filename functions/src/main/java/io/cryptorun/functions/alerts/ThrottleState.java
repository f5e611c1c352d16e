package io.cryptorun.functions.alerts;

import java.util.Arrays;

/**
 * Throttle state of one user/channel: a small immutable value a Flink operator can hold in
 * {@code ValueState} (a record of primitive/record arrays and a long — POJO-serializable, no
 * Kryo). Bounded: {@code sentMicros} keeps only the last rolling day (≤ maxPerDay entries),
 * {@code marks} only symbols still in cooldown.
 *
 * @param sentMicros     event times of sent alerts, ascending, within the last day
 * @param marks          last alert per symbol still inside its cooldown, in symbol order
 * @param latestMicros   latest candidate event time seen (sent or not); {@link Long#MIN_VALUE} initially
 */
public record ThrottleState(long[] sentMicros, SymbolMark[] marks, long latestMicros) {
    public static final ThrottleState EMPTY = new ThrottleState(new long[0], new SymbolMark[0], Long.MIN_VALUE);

    public ThrottleState {
        sentMicros = sentMicros.clone();
        marks = marks.clone();
    }

    @Override
    public long[] sentMicros() {
        return sentMicros.clone();
    }

    @Override
    public SymbolMark[] marks() {
        return marks.clone();
    }

    SymbolMark mark(String symbol) {
        for (SymbolMark m : marks) {
            if (m.symbol().equals(symbol)) {
                return m;
            }
        }
        return null;
    }

    /** Sent alerts with event time in (t − window, t]. */
    int sentWithin(long t, long window) {
        int n = 0;
        for (long s : sentMicros) {
            if (s > t - window && s <= t) {
                n++;
            }
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ThrottleState s && latestMicros == s.latestMicros && Arrays.equals(sentMicros, s.sentMicros)
                && Arrays.equals(marks, s.marks);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(sentMicros) + Arrays.hashCode(marks)) + Long.hashCode(latestMicros);
    }

    @Override
    public String toString() {
        return "ThrottleState[sent=" + Arrays.toString(sentMicros) + ", marks=" + Arrays.toString(marks) + ", latest="
                + latestMicros + "]";
    }
}
