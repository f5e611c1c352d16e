package io.cryptorun.sources.watermark;

import io.cryptorun.sources.model.MarketEvent;
import io.cryptorun.sources.time.Micros;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Watermark strategies for {@link MarketEvent} streams. Timestamps are the event time
 * ({@link MarketEvent#eventTimeMicros()}: the exchange's clock, else the receive time) in ms; the
 * watermark follows the exchange clock only ({@link ExchangeClockWatermarks}).
 */
public final class MarketEventWatermarks {
    /** Exchange clocks and receive order disagree by network latency; 5 s covers it with margin. */
    public static final Duration DEFAULT_OUT_OF_ORDERNESS = Duration.ofSeconds(5);
    /** See {@link #forReplay(Duration, Duration)} for why this is long. */
    public static final Duration DEFAULT_REPLAY_IDLENESS = Duration.ofSeconds(30);

    private MarketEventWatermarks() {}

    /** Flink timestamp of an event: its event time in epoch ms (floor). */
    public static long timestampMillis(MarketEvent e) {
        return Micros.toMillis(e.eventTimeMicros());
    }

    /** Idleness of live feeds: a symbol quiet this long (wall clock) stops holding the watermark back. */
    public static final Duration DEFAULT_LIVE_IDLENESS = Duration.ofSeconds(10);

    /**
     * Live WebSocket or Kafka input: 5 s out-of-orderness, 10 s idleness. Unlike replay, wall-clock
     * idleness is right here: a live split that is silent has really nothing to say.
     */
    public static WatermarkStrategy<MarketEvent> forLive() {
        return forReplay(DEFAULT_OUT_OF_ORDERNESS, DEFAULT_LIVE_IDLENESS);
    }

    /** {@link #forReplay(Duration, Duration)} with 5 s out-of-orderness and 30 s idleness. */
    public static WatermarkStrategy<MarketEvent> forReplay() {
        return forReplay(DEFAULT_OUT_OF_ORDERNESS, DEFAULT_REPLAY_IDLENESS);
    }

    /**
     * Bounded out-of-orderness on the exchange clock per split (per replayed file) with idleness.
     *
     * <p>Why idleness is large in replay: idleness is measured in <em>wall-clock</em> time, not
     * event time. A split that emits nothing for that long is declared idle and stops holding the
     * watermark back. In a replay a split is silent mostly because it is backpressured or waiting
     * its turn in the merge, not because its data has ended; with a short timeout the watermark
     * could jump past such a split, its next records would arrive late and be dropped — and
     * whether that happens depends on machine speed, making replays nondeterministic. A long
     * timeout only delays the watermark for genuinely quiet splits in a paced replay.
     *
     * @param idleness {@code null} or zero disables idleness detection entirely (most
     *                 deterministic; right for as-fast-as-possible replays)
     */
    public static WatermarkStrategy<MarketEvent> forReplay(Duration outOfOrderness, Duration idleness) {
        long bound = outOfOrderness.toMillis();
        WatermarkStrategy<MarketEvent> s = WatermarkStrategy.<MarketEvent>forGenerator(ctx -> new ExchangeClockWatermarks(bound))
                .withTimestampAssigner((e, recordTs) -> timestampMillis(e));
        return idleness == null || idleness.isZero() ? s : s.withIdleness(idleness);
    }
}
