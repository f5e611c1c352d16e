package io.cryptorun.functions.time;

import java.util.function.LongUnaryOperator;
import java.util.function.UnaryOperator;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.streaming.api.TimerService;

/**
 * "Park input under its event time, decide in a timer": the pattern of the analytics operators
 * (indicators, regime, scan, alert throttle, paper tracker). Input is merged into the value parked
 * under its key (a tick, a close, a timestamp) in keyed {@link MapState}; the first input under a key
 * registers one event-time timer, at {@code timerOf(key)}; the operator's {@code onTimer} then
 * {@link #take}s everything parked under that key — all of it is in, because the watermark has
 * passed — and decides. Same-key input arriving in any order gives the same parked value when the
 * merge is order-insensitive (the operators sort at decision time).
 *
 * <p>The operator keeps its state descriptor (name and type are part of the savepoint format) and
 * hands the state to this class in {@code open}.
 *
 * @param <V> what is parked under one key (an array or a bucket of inputs)
 */
public final class EventTimeBuffer<V> {
    private final MapState<Long, V> parked;
    private final V empty;
    private final LongUnaryOperator timerOf;

    /**
     * @param parked  the operator's keyed map state: key → parked input
     * @param empty   the value a key starts from
     * @param timerOf the event time (ms) at which a key's input is decided
     */
    public EventTimeBuffer(MapState<Long, V> parked, V empty, LongUnaryOperator timerOf) {
        this.parked = parked;
        this.empty = empty;
        this.timerOf = timerOf;
    }

    /** Whether the timer of {@code key} has fired already, i.e. input for it is late and can no longer count. */
    public boolean passed(long key, TimerService timers) {
        return timerOf.applyAsLong(key) <= timers.currentWatermark();
    }

    /** Merges one input into what is parked under {@code key}; the first registers the key's timer. */
    public void park(long key, TimerService timers, UnaryOperator<V> add) throws Exception {
        V p = parked.get(key);
        if (p == null) {
            p = empty;
            timers.registerEventTimeTimer(timerOf.applyAsLong(key));
        }
        parked.put(key, add.apply(p));
    }

    /** What is parked under {@code key}, left in place; {@code null} when nothing is. */
    public V peek(long key) throws Exception {
        return parked.get(key);
    }

    /** Removes and returns what is parked under {@code key}; {@code null} when nothing is. */
    public V take(long key) throws Exception {
        V p = parked.get(key);
        if (p != null) {
            parked.remove(key);
        }
        return p;
    }
}
