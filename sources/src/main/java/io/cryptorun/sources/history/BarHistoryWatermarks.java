package io.cryptorun.sources.history;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/** Watermark strategies for {@link HistoryRecord} streams, timestamps per {@link HistoryRecord#timestampMillis()}. */
public final class BarHistoryWatermarks {
    /**
     * Zero: rows are sorted by open time and the reader merges files by it, so each split's
     * timestamps never go back (rows that would are quarantined in place with a non-decreasing time).
     */
    public static final Duration DEFAULT_OUT_OF_ORDERNESS = Duration.ZERO;
    /** Same reasoning as {@code MarketEventWatermarks.DEFAULT_REPLAY_IDLENESS}: idleness is wall-clock. */
    public static final Duration DEFAULT_IDLENESS = Duration.ofSeconds(30);

    private BarHistoryWatermarks() {}

    public static WatermarkStrategy<HistoryRecord> forHistory() {
        return forHistory(DEFAULT_OUT_OF_ORDERNESS, DEFAULT_IDLENESS);
    }

    /**
     * Bounded out-of-orderness per split with idleness. Idleness is wall-clock time: a short one
     * could advance the watermark past a backpressured file and make a replay nondeterministic,
     * hence the long default; {@code null} or zero disables it.
     */
    public static WatermarkStrategy<HistoryRecord> forHistory(Duration outOfOrderness, Duration idleness) {
        WatermarkStrategy<HistoryRecord> s = WatermarkStrategy.<HistoryRecord>forBoundedOutOfOrderness(outOfOrderness)
                .withTimestampAssigner((r, recordTs) -> r.timestampMillis());
        return idleness == null || idleness.isZero() ? s : s.withIdleness(idleness);
    }
}
