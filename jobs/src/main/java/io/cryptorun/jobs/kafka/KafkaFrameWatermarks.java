package io.cryptorun.jobs.kafka;

import io.cryptorun.sources.model.MarketEvent;
import io.cryptorun.sources.watermark.ExchangeClockWatermarks;
import io.cryptorun.sources.watermark.MarketEventWatermarks;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * The Kafka input's watermarks (issue 17): the exchange clock's bounded out-of-orderness, like
 * {@link ExchangeClockWatermarks}, but <em>emitted by the data</em>, not by a wall-clock timer, and on whole
 * seconds: after each event on the exchange clock, {@code floor((max - outOfOrderness - 1) / 1 s)} seconds, when that
 * is more than the last emitted. No idleness.
 *
 * <p>Why punctuated: a periodic watermark (every 200 ms of wall clock) lands between different records from run to
 * run, so the state an event-time timer sees (a microstructure sample of a book, a bar) depends on scheduling, and
 * two runs over the same topic differ — a failed-over run could not be compared with an uninterrupted one, nor a
 * replay from Kafka offsets with the original. Emitted by the data, the watermark is a function of the records
 * read, so a run over one partition is deterministic.
 *
 * <p>Why whole seconds: the value depends on the largest exchange time seen only, not on where emission happened.
 * A job restored from a savepoint starts a fresh generator; the frames MM2 re-delivers after a failover pass through
 * it (the fence is after the source) and bring the maximum back, so it emits the values the uninterrupted run
 * emitted — never one above the restored operators' timers before the new frames arrive. (When nothing is
 * re-delivered, the first new frame alone sets the maximum: lower, never higher, than the uninterrupted run's.)
 *
 * <p>Why no idleness: a silent raw topic means the broker or the ingest is away, not a quiet market (a live venue
 * sends heartbeats every few seconds), and what is missing arrives later from Kafka: event time must wait. With the
 * WebSocket input's 10 s idleness, a broker lost for longer let the finished bar-history input's end-of-time
 * watermark through: every open bar and scan tick fired at once (found by the failover drill). The price: one venue's
 * topic that stays silent holds event time back for all.
 */
public final class KafkaFrameWatermarks implements WatermarkGenerator<MarketEvent> {
    private final long outOfOrdernessMillis;
    private long maxExchangeMillis = Long.MIN_VALUE;
    private long emitted = Long.MIN_VALUE;

    public KafkaFrameWatermarks(long outOfOrdernessMillis) {
        if (outOfOrdernessMillis < 0) throw new IllegalArgumentException("out-of-orderness must be >= 0");
        this.outOfOrdernessMillis = outOfOrdernessMillis;
    }

    /** 5 s out-of-orderness on the exchange clock, punctuated on whole seconds, no idleness. */
    public static WatermarkStrategy<MarketEvent> strategy() {
        long bound = MarketEventWatermarks.DEFAULT_OUT_OF_ORDERNESS.toMillis();
        return WatermarkStrategy.<MarketEvent>forGenerator(ctx -> new KafkaFrameWatermarks(bound))
                .withTimestampAssigner((e, recordTs) -> MarketEventWatermarks.timestampMillis(e));
    }

    /** The watermark for a largest exchange time: whole seconds at or below {@code max - outOfOrderness - 1}. */
    public long watermarkFor(long maxMillis) {
        return Math.floorDiv(maxMillis - outOfOrdernessMillis - 1, 1000L) * 1000L;
    }

    @Override
    public void onEvent(MarketEvent e, long timestampMillis, WatermarkOutput output) {
        if (!ExchangeClockWatermarks.onExchangeClock(e) || timestampMillis <= maxExchangeMillis) return;
        maxExchangeMillis = timestampMillis;
        long w = watermarkFor(maxExchangeMillis);
        if (w > emitted) {
            emitted = w;
            output.emitWatermark(new Watermark(w));
        }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        // the data emits (see the class comment)
    }
}
