package io.cryptorun.jobs.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptorun.functions.validate.TradeValidator;
import io.cryptorun.functions.validate.ValidationConfig;
import io.cryptorun.functions.validate.ValidationFlag;
import io.cryptorun.simulator.SimulateCommand;
import io.cryptorun.sources.fixture.FixtureLineDecoder;
import io.cryptorun.sources.fixture.LineDecoder;
import io.cryptorun.sources.fixture.LineOutput;
import io.cryptorun.sources.model.EventKind;
import io.cryptorun.sources.model.MarketEvent;
import io.cryptorun.sources.model.Trade;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * False-positive guard of the validation layer: every trade of simulated markets on four venues over a span that
 * covers the CHOPPY (quiet), TRENDING_BULL and HIGH_VOL regimes (read back from the simulator's truth.json), planted
 * pre-move setups included, passes with no flag; the same stream with planted bad prints has each of them flagged.
 */
class ValidationFalsePositiveTest {
    @TempDir
    Path tmp;

    @Test
    void simulatedMarketsProduceNoFlagsAndPlantedSpikesAreFlagged() throws Exception {
        // seed 7 from 2025-01-06T00:00Z: HIGH_VOL 00:00-02:06, TRENDING_BULL 02:06-06:33, CHOPPY 06:33-08:00 (truth.json)
        String reuse = System.getenv("CRYPTORUN_FP_FIXTURE"); // a dir generated with the same arguments (development only)
        Path out = reuse != null ? Path.of(reuse) : tmp.resolve("sim");
        if (reuse == null) {
            int rc = new CommandLine(new SimulateCommand()).execute("--out", out.toString(), "--seed", "7", "--symbols", "1",
                    "--hours", "8", "--history-days", "0", "--venues", "kraken,coinbase,gemini");
            assertThat(rc).isZero();
        }
        String truth = Files.readString(out.resolve("truth.json"));
        Set<String> regimes = new HashSet<>();
        Matcher m = Pattern.compile("\"regime\":\"([A-Z_]+)\"").matcher(truth);
        while (m.find()) regimes.add(m.group(1));
        assertThat(regimes).as("regimes covered by the simulated span").contains("CHOPPY", "TRENDING_BULL", "HIGH_VOL");

        List<Trade> trades = trades(out);
        assertThat(trades.size()).isGreaterThan(10_000);
        TradeValidator v = new TradeValidator(ValidationConfig.defaults());
        Map<String, Integer> flags = new TreeMap<>();
        List<String> examples = new ArrayList<>();
        int planted = 0;
        int plantedFlagged = 0;
        for (int i = 0; i < trades.size(); i++) {
            Trade t = trades.get(i);
            BigDecimal price = t.price().toBigDecimal();
            List<ValidationFlag> f = v.check(t.header().venue(), t.header().symbol(), t.header().eventTimeMicros(), price, t.qty().toBigDecimal());
            for (ValidationFlag x : f) {
                flags.merge(x.check(), 1, Integer::sum);
                if (examples.size() < 5) examples.add(t.header().venue() + " " + t.header().symbol() + " " + price + ": " + x.reason());
            }
            if (i % 997 == 500) { // a bad print 4 % off on this venue only, right after a real trade
                planted++;
                BigDecimal bad = price.multiply(new BigDecimal("1.04"));
                if (!v.check(t.header().venue(), t.header().symbol(), t.header().eventTimeMicros() + 1, bad, t.qty().toBigDecimal()).isEmpty()) {
                    plantedFlagged++;
                }
            }
        }
        System.out.printf("validation FP guard: %d trades, regimes %s, flags %s, planted %d flagged %d%n", trades.size(),
                regimes, flags, planted, plantedFlagged);
        assertThat(flags).as("flags on clean simulated markets, e.g. %s", examples).isEmpty();
        assertThat(planted).isGreaterThan(10);
        assertThat(plantedFlagged).isEqualTo(planted);

        bookStatesOfTheSameMarketsProduceNoFlagsAndPlantedJumpsAreFlagged(out);
    }

    /**
     * The book-state checks on the same markets: every frame of the three venues through the real order book operator
     * (the production watermark generator, as in the job), then every microstructure record's mid, in time order,
     * through {@link TradeValidator#checkMid}: no flag; a record whose mid is 4 % off, on one venue, is flagged.
     */
    private void bookStatesOfTheSameMarketsProduceNoFlagsAndPlantedJumpsAreFlagged(Path out) throws Exception {
        List<MarketEvent> events = events(out);
        List<io.cryptorun.functions.micro.Microstructure> records = new ArrayList<>();
        io.cryptorun.functions.book.OrderBookFunction f = new io.cryptorun.functions.book.OrderBookFunction();
        try (var h = new org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness<>(
                new org.apache.flink.streaming.api.operators.KeyedProcessOperator<>(f),
                io.cryptorun.functions.book.OrderBookFunction.KEY_SELECTOR, org.apache.flink.api.common.typeinfo.Types.STRING)) {
            h.open();
            var wm = new io.cryptorun.sources.watermark.ExchangeClockWatermarks(
                    io.cryptorun.sources.watermark.MarketEventWatermarks.DEFAULT_OUT_OF_ORDERNESS.toMillis());
            long[] current = {Long.MIN_VALUE};
            var output = new org.apache.flink.api.common.eventtime.WatermarkOutput() {
                @Override
                public void emitWatermark(org.apache.flink.api.common.eventtime.Watermark w) {
                    current[0] = Math.max(current[0], w.getTimestamp());
                }

                @Override
                public void markIdle() {}

                @Override
                public void markActive() {}
            };
            for (MarketEvent e : events) {
                long ts = io.cryptorun.sources.watermark.MarketEventWatermarks.timestampMillis(e);
                wm.onEvent(e, ts, output);
                if (io.cryptorun.sources.book.VenueBookRules.isRuleInput(e)) {
                    h.processElement(new org.apache.flink.streaming.runtime.streamrecord.StreamRecord<>(e, ts));
                }
                long before = current[0];
                wm.onPeriodicEmit(output);
                if (current[0] > before) h.processWatermark(current[0]);
            }
            h.processWatermark(Long.MAX_VALUE);
            records.addAll(h.extractOutputValues());
        }
        records.sort(Comparator.comparingLong(io.cryptorun.functions.micro.Microstructure::tsMicros)
                .thenComparing(io.cryptorun.functions.micro.Microstructure::venue));
        assertThat(records.size()).as("microstructure records").isGreaterThan(50_000);
        TradeValidator v = new TradeValidator(ValidationConfig.defaults());
        TradeValidator.History history = new TradeValidator.History();
        TradeValidator.History plantedHistory = new TradeValidator.History();
        Map<String, Integer> flags = new TreeMap<>();
        List<String> examples = new ArrayList<>();
        int planted = 0;
        int plantedFlagged = 0;
        int judged = 0;
        for (int i = 0; i < records.size(); i++) {
            var r = records.get(i);
            if (!r.valid() || r.mid() == null) continue;
            judged++;
            BigDecimal mid = r.mid().toBigDecimal();
            for (ValidationFlag x : v.checkMid(history, r.venue(), r.symbol(), r.tsMicros(), mid)) {
                flags.merge(x.check(), 1, Integer::sum);
                if (examples.size() < 5) examples.add(r.venue() + " " + r.symbol() + " " + r.tsMicros() + " " + mid + ": " + x.reason());
            }
            // the planted stream: the same records, every 1009th one's mid 4 % off on its venue alone
            boolean plant = i % 1009 == 600;
            List<ValidationFlag> p = v.checkMid(plantedHistory, r.venue(), r.symbol(), r.tsMicros(),
                    plant ? mid.multiply(new BigDecimal("1.04")) : mid);
            if (plant) {
                planted++;
                if (!p.isEmpty()) plantedFlagged++;
            }
        }
        System.out.printf("validation FP guard (book states): %d records, %d judged, flags %s, planted %d flagged %d%n",
                records.size(), judged, flags, planted, plantedFlagged);
        assertThat(flags).as("book-state flags on clean simulated markets, e.g. %s", examples).isEmpty();
        assertThat(planted).isGreaterThan(10);
        assertThat(plantedFlagged).isEqualTo(planted);
    }

    /** Every trade of the fixture's frame files, decoded by the project's venue parsers, in receive-time order. */
    static List<Trade> trades(Path dir) throws Exception {
        List<Trade> out = new ArrayList<>();
        for (MarketEvent e : events(dir)) {
            if (e.kind() == EventKind.TRADE) out.add(e.trade());
        }
        return out;
    }

    /** Every event of the fixture's frame files, decoded by the project's venue parsers, in receive-time order. */
    static List<MarketEvent> events(Path dir) throws Exception {
        List<MarketEvent> out = new ArrayList<>();
        LineDecoder.ReaderDecoder<MarketEvent> rd = new FixtureLineDecoder(FixtureLineDecoder.DEFAULT_MAX_FRAME_BYTES).createReaderDecoder();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().matches("[a-z]+-\\d+\\.jsonl\\.gz")).sorted().toList();
        }
        for (Path f : files) {
            LineDecoder.FileDecoder<MarketEvent> fd = rd.openFile(f.toString());
            LineOutput<MarketEvent> sink = new LineOutput<>() {
                @Override
                public void lineTime(long epochMicros) {}

                @Override
                public void emit(MarketEvent e, long ts) {
                    out.add(e);
                }

                @Override
                public void emitQuarantined(MarketEvent e, long ts) {}
            };
            try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(f)), StandardCharsets.UTF_8))) {
                String line;
                long n = 0;
                while ((line = r.readLine()) != null) {
                    n++;
                    if (!line.isBlank()) fd.decode(line, n, sink);
                }
            }
        }
        out.sort(Comparator.comparingLong(ValidationFalsePositiveTest::receiveTime)); // stable: a file's order is kept
        return out;
    }

    private static long receiveTime(MarketEvent e) {
        return e.header() == null ? Long.MIN_VALUE : e.header().receiveTimeMicros();
    }
}
