package io.cryptorun.sources.watermark;

import io.cryptorun.sources.model.EventHeader;
import io.cryptorun.sources.model.EventKind;
import io.cryptorun.sources.model.MarketEvent;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Bounded out-of-orderness on the <em>exchange</em> clock: only events that carry the venue's own
 * timestamp move the watermark. Events timed by their receive time (heartbeats, acks, Kraken book
 * snapshots, quarantined frames) keep that timestamp but do not advance it.
 *
 * <p>Why: receive time runs ahead of exchange time by the feed's lag. When a feed stalls and then
 * delivers what it held back, a heartbeat received after the stall would push the watermark past
 * the exchange times of the frames still to come on the same connection, making them late; and
 * whether an operator saw them as late would depend on when the periodic watermark happened to be
 * emitted, i.e. on scheduling, so replays would stop being deterministic. An event timed by its
 * receive time is itself never behind an exchange-clock watermark, since it is received after
 * everything the exchange sent before it.
 */
public final class ExchangeClockWatermarks implements WatermarkGenerator<MarketEvent> {
    private final long outOfOrdernessMillis;
    private long maxExchangeMillis;

    public ExchangeClockWatermarks(long outOfOrdernessMillis) {
        if (outOfOrdernessMillis < 0) throw new IllegalArgumentException("out-of-orderness must be >= 0");
        this.outOfOrdernessMillis = outOfOrdernessMillis;
        this.maxExchangeMillis = Long.MIN_VALUE + outOfOrdernessMillis + 1;
    }

    /** True when the event's timestamp is the venue's clock, i.e. it may move the watermark. */
    public static boolean onExchangeClock(MarketEvent e) {
        return e.kind() != EventKind.QUARANTINE && e.header().exchangeTimeMicros() != EventHeader.NO_TIME;
    }

    @Override
    public void onEvent(MarketEvent e, long timestampMillis, WatermarkOutput output) {
        if (onExchangeClock(e)) {
            maxExchangeMillis = Math.max(maxExchangeMillis, timestampMillis);
        }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        output.emitWatermark(new Watermark(maxExchangeMillis - outOfOrdernessMillis - 1));
    }
}
