package io.cryptorun.jobs.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptorun.sources.model.EventHeader;
import io.cryptorun.sources.model.Heartbeat;
import io.cryptorun.sources.model.MarketEvent;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

/**
 * The Kafka input's watermark: emitted by exchange-clock events only, on whole seconds of (max - 5 s - 1 ms), once per
 * second reached; never by the periodic timer; a fresh generator fed the same records emits the same values.
 */
class KafkaFrameWatermarksTest {
    static MarketEvent exchange(long millis) {
        return MarketEvent.of(new Heartbeat(new EventHeader("kraken", "BTC/USD", millis * 1000, millis * 1000, "kraken-0", 0), 0, -1));
    }

    static MarketEvent received(long millis) { // no exchange time: a Kraken book snapshot, a heartbeat ack
        return MarketEvent.of(new Heartbeat(new EventHeader("kraken", "BTC/USD", EventHeader.NO_TIME, millis * 1000, "kraken-0", 0), 0, -1));
    }

    static final class Out implements WatermarkOutput {
        final List<Long> marks = new ArrayList<>();

        @Override
        public void emitWatermark(Watermark w) {
            marks.add(w.getTimestamp());
        }

        @Override
        public void markIdle() {
            marks.add(-1L);
        }

        @Override
        public void markActive() {}
    }

    @Test
    void wholeSecondsOfTheExchangeClockOnlyWhenReached() {
        KafkaFrameWatermarks g = new KafkaFrameWatermarks(5_000);
        Out out = new Out();
        g.onEvent(exchange(10_000), 10_000, out); // 10 000 - 5 000 - 1 = 4 999 -> 4 000
        g.onEvent(exchange(10_999), 10_999, out); // 5 998 -> 5 000
        g.onEvent(exchange(11_000), 11_000, out); // 5 999 -> 5 000: not again
        g.onEvent(exchange(11_001), 11_001, out); // exactly 6 000
        g.onEvent(exchange(9_000), 9_000, out);   // behind the max: nothing
        g.onEvent(received(60_000), 60_000, out); // receive-timed: never moves it
        g.onPeriodicEmit(out);                    // the wall clock: never
        assertThat(out.marks).containsExactly(4_000L, 5_000L, 6_000L);
        assertThat(g.watermarkFor(11_000)).isEqualTo(5_000);
        assertThat(g.watermarkFor(11_001)).isEqualTo(6_000);
    }

    @Test
    void aFreshGeneratorReplayingASuffixEmitsNothingAboveTheOriginal() {
        long[] ts = {20_000, 20_400, 21_100, 20_900, 22_500, 23_000, 23_999, 24_000};
        KafkaFrameWatermarks whole = new KafkaFrameWatermarks(5_000);
        Out all = new Out();
        for (long t : ts) whole.onEvent(exchange(t), t, all);
        KafkaFrameWatermarks restored = new KafkaFrameWatermarks(5_000); // after a restore: the re-delivered suffix from 21 100
        Out again = new Out();
        for (int i = 2; i < ts.length; i++) restored.onEvent(exchange(ts[i]), ts[i], again);
        assertThat(all.marks).containsExactly(14_000L, 15_000L, 16_000L, 17_000L, 18_000L);
        assertThat(again.marks).containsExactly(16_000L, 17_000L, 18_000L);
    }
}
