package io.cryptorun.sources.watermark;

import io.cryptorun.sources.fixture.BoundedLineReader;
import io.cryptorun.sources.fixture.DecodedLine;
import io.cryptorun.sources.fixture.FixtureLineDecoder;
import io.cryptorun.sources.fixture.LineDecoder;
import io.cryptorun.sources.fixture.Manifest;
import io.cryptorun.sources.replay.ReplayFiles;
import io.cryptorun.sources.replay.ReplayTestSupport;
import static org.assertj.core.api.Assertions.assertThat;

import io.cryptorun.sources.model.MarketEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The watermark follows the exchange clock, and no input of the bundled fixtures is ever behind
 * it: a replay then has no late input, which is what makes its outputs independent of when
 * watermarks happen to be emitted.
 */
class ExchangeClockWatermarksTest {
    private static final long BOUND_MS = MarketEventWatermarks.DEFAULT_OUT_OF_ORDERNESS.toMillis();

    @Test
    void onlyExchangeTimedEventsMoveTheWatermark() {
        var decoder = new FixtureLineDecoder(FixtureLineDecoder.DEFAULT_MAX_FRAME_BYTES).createReaderDecoder().openFile("t.jsonl");
        List<MarketEvent> trade = decode(decoder, ReplayTestSupport.tradeLine(ReplayTestSupport.T0, "c", "BTC/USD", 100), 1);
        List<MarketEvent> heartbeat = decode(decoder, ReplayTestSupport.heartbeatLine(ReplayTestSupport.T0 + 60_000_000, "c"), 2);
        assertThat(ExchangeClockWatermarks.onExchangeClock(trade.get(0))).isTrue();
        assertThat(ExchangeClockWatermarks.onExchangeClock(heartbeat.get(0))).isFalse();

        ExchangeClockWatermarks g = new ExchangeClockWatermarks(BOUND_MS);
        Recorder out = new Recorder();
        long tradeMs = MarketEventWatermarks.timestampMillis(trade.get(0));
        g.onEvent(trade.get(0), tradeMs, out);
        g.onEvent(heartbeat.get(0), MarketEventWatermarks.timestampMillis(heartbeat.get(0)), out);
        g.onPeriodicEmit(out);
        assertThat(out.last).as("a heartbeat a minute later does not move it").isEqualTo(tradeMs - BOUND_MS - 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"kraken-sim", "multi-venue-sim"})
    void noInputOfTheBundledFixturesIsLate(String fixture) throws IOException {
        Path dir = Path.of("..", "fixtures", fixture);
        long events = 0;
        for (Path file : ReplayFiles.resolve(List.of(dir), Manifest.KIND_FRAMES)) {
            var decoder = new FixtureLineDecoder(FixtureLineDecoder.DEFAULT_MAX_FRAME_BYTES).createReaderDecoder()
                    .openFile(file.toString());
            ExchangeClockWatermarks g = new ExchangeClockWatermarks(BOUND_MS);
            Recorder out = new Recorder();
            try (BoundedLineReader r = new BoundedLineReader(Manifest.open(file), FixtureLineDecoder.DEFAULT_MAX_FRAME_BYTES * 2)) {
                long n = 0;
                for (String line = r.next(); line != null; line = r.next()) {
                    n++;
                    if (line.isBlank()) continue;
                    for (MarketEvent e : decode(decoder, line, n)) {
                        long ts = MarketEventWatermarks.timestampMillis(e);
                        g.onPeriodicEmit(out); // the most eager emission: a watermark before every event
                        assertThat(ts).as("%s line %d is behind the watermark", file.getFileName(), n).isGreaterThan(out.last);
                        g.onEvent(e, ts, out);
                        events++;
                    }
                }
            }
        }
        assertThat(events).isPositive();
    }

    private static List<MarketEvent> decode(LineDecoder.FileDecoder<MarketEvent> decoder, String line, long n) {
        DecodedLine<MarketEvent> d = new DecodedLine<>(n);
        decoder.decode(line, n, d);
        List<MarketEvent> out = new ArrayList<>();
        for (int i = 0; i < d.size(); i++) out.add(d.record(i));
        return out;
    }

    private static final class Recorder implements WatermarkOutput {
        long last = Long.MIN_VALUE;

        @Override
        public void emitWatermark(Watermark watermark) {
            last = watermark.getTimestamp();
        }

        @Override
        public void markIdle() {}

        @Override
        public void markActive() {}
    }
}
