package io.cryptorun.functions.metrics;

import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.accumulators.Histogram;

/**
 * Wall-clock latencies as Flink accumulators (issue 16): exact per-millisecond counts, merged over
 * every subtask into the job result, read by {@code cryptorun bench-pipeline} for its percentiles.
 * They describe how a run went, never what it output (they are not in {@code summary.json}).
 * Values are clamped to {@code [0, OVERFLOW_MS]}: a sample at {@code OVERFLOW_MS} means "that or
 * more" — e.g. a replay's fixture receive times, which are not wall-clock, all land there.
 */
public final class LatencyAccumulators {
    /** Frame receive (the live source's wall-clock stamp) → microstructure emitted by the book operator. */
    public static final String FRAME_TO_MICROSTRUCTURE = "latency_frame_to_microstructure_ms";
    /** First frame past a scan tick received (live wall-clock stamp) → the throttle's alert emitted. */
    public static final String TICK_TO_ALERT = "latency_tick_to_alert_ms";
    /**
     * First frame past a tick received → the throttle reached the tick's decision (per tick and
     * channel, with or without candidates): the moment an alert of the tick would leave, measured
     * on every tick rather than only on the rare alert. Only ticks decided on the scan's marker.
     */
    public static final String TICK_TO_DECISION = "latency_tick_to_decision_ms";
    /**
     * First frame past a tick received → the watermark passed the tick's deadline (T + 30 s): when
     * the throttle decided before issue 16, measured in the same run for the before/after comparison.
     */
    public static final String TICK_TO_DEADLINE = "latency_tick_to_deadline_ms";
    /** The scan of a tick done (wall clock) → the throttle's decision point of the tick: meaningful in replay as well. */
    public static final String SCAN_TO_DECISION = "latency_scan_to_decision_ms";

    public static final int OVERFLOW_MS = 600_000;

    private LatencyAccumulators() {}

    public static void add(Histogram h, long ms) {
        h.add((int) Math.max(0, Math.min(OVERFLOW_MS, ms)));
    }

    /** The {@code q}-quantile (nearest rank, 0 &lt; q ≤ 1) of per-ms counts; -1 when empty. */
    public static long quantile(Map<Integer, Integer> counts, double q) {
        long n = 0;
        for (int c : counts.values()) {
            n += c;
        }
        if (n == 0) {
            return -1;
        }
        long rank = Math.max(1, (long) Math.ceil(q * n));
        long seen = 0;
        for (Map.Entry<Integer, Integer> e : new TreeMap<>(counts).entrySet()) {
            seen += e.getValue();
            if (seen >= rank) {
                return e.getKey();
            }
        }
        throw new IllegalStateException("unreachable: rank " + rank + " of " + n);
    }

    /** Number of samples. */
    public static long count(Map<Integer, Integer> counts) {
        long n = 0;
        for (int c : counts.values()) {
            n += c;
        }
        return n;
    }
}
