package io.cryptorun.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptorun.sources.fixture.Manifest;
import io.cryptorun.sources.model.Bar;
import io.cryptorun.sources.time.Rfc3339;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A small but complete run (all 24 default symbols, 1 h of frames, 2 days of history), checked end to end. */
class MarketSimulatorTest {
    static final long START = SimConfig.parseStart(SimConfig.DEFAULT_START);
    static final SimConfig SMALL = new SimConfig(7, 24, 1, 2, START);

    @TempDir
    static Path tmp;
    static Path dir;
    static MarketSimulator.Result result;
    static FixtureReplay.Stats replay;

    @BeforeAll
    static void generate() throws IOException {
        dir = tmp.resolve("a");
        result = new MarketSimulator(SMALL).writeTo(dir);
        replay = FixtureReplay.replay(dir);
    }

    @Test
    void sameConfigGivesByteIdenticalFilesAndAnotherSeedDoesNot() throws IOException {
        Path again = tmp.resolve("b");
        new MarketSimulator(SMALL).writeTo(again);
        Map<String, String> first = shas(dir);
        assertThat(first).containsOnlyKeys("kraken-0.jsonl.gz", "kraken-1.jsonl.gz", "kraken-2.jsonl.gz",
                "history-1h.csv.gz", "manifest.json", "truth.json");
        assertThat(shas(again)).isEqualTo(first);

        Path other = tmp.resolve("c");
        new MarketSimulator(new SimConfig(8, 24, 1, 2, START)).writeTo(other);
        Map<String, String> third = shas(other);
        assertThat(third.get("kraken-0.jsonl.gz")).isNotEqualTo(first.get("kraken-0.jsonl.gz"));
        assertThat(third.get("history-1h.csv.gz")).isNotEqualTo(first.get("history-1h.csv.gz"));
    }

    @Test
    void gzipHeaderCarriesNoTimestampOrFileName() throws IOException {
        for (String f : List.of("kraken-0.jsonl.gz", MarketSimulator.HISTORY_FILE)) {
            byte[] head;
            try (InputStream in = Files.newInputStream(dir.resolve(f))) {
                head = in.readNBytes(10);
            }
            assertThat(head[0] & 0xff).isEqualTo(0x1f);
            assertThat(head[1] & 0xff).isEqualTo(0x8b);
            assertThat(head[3]).as("FLG: no name, comment or extra").isZero();
            assertThat(new byte[] {head[4], head[5], head[6], head[7]}).as("MTIME").containsOnly(0);
        }
    }

    @Test
    void everyFrameParsesAndEveryBookVerifies() {
        assertThat(replay.failures).isEmpty();
        assertThat(replay.quarantines).isZero();
        assertThat(replay.checksumFailures).isZero();
        assertThat(replay.crossed).isZero();
        assertThat(replay.snapshots).isEqualTo(24);
        assertThat(replay.deltas).isGreaterThan(10_000);
        assertThat(replay.trades).isGreaterThan(1_000);
        assertThat(replay.statuses).isEqualTo(3);
        assertThat(replay.instruments).isEqualTo(3 * 24);
        assertThat(replay.subscriptions).isEqualTo(3 + 2 * 24);
        assertThat(replay.heartbeats).isPositive();
        assertThat(replay.exponentFrames).as("tiny prices in exponent notation").isPositive();
        // connection 0's one stall holds frames back by up to its length; everything else is ≤ 200 ms
        assertThat(replay.maxLatencyMicros).isBetween(ConnectionWriter.MAX_LATENCY + 1, MarketModel.STALL_MICROS + ConnectionWriter.MAX_LATENCY);
        assertThat(replay.firstFrameByConn.values()).allMatch(f -> f.startsWith("{\"channel\":\"status\""));
        for (OrderBookCheck c : books()) {
            assertThat(c.valid).as(c.symbol).isTrue();
            assertThat(c.levels).as(c.symbol).isEqualTo(2 * SimBook.DEPTH);
        }
        assertThat(replay.symbols).hasSize(24).allSatisfy((s, st) -> {
            assertThat(st.deltas).as(s).isPositive();
            assertThat(st.trades).as(s).isPositive();
        });
    }

    record OrderBookCheck(String symbol, boolean valid, int levels) {}

    private static List<OrderBookCheck> books() {
        List<OrderBookCheck> out = new ArrayList<>();
        replay.books.forEach((s, b) -> out.add(new OrderBookCheck(s, b.isValid(), b.bidCount() + b.askCount())));
        return out;
    }

    @Test
    void manifestDescribesAndVerifiesTheFiles() throws IOException {
        Manifest m = Manifest.read(dir);
        assertThat(m.verify(dir)).isEmpty();
        assertThat(m.generator()).isEqualTo("cryptorun simulate --seed 7 --symbols 24 --hours 1 --history-days 2 --start 2025-01-06T00:00:00Z");
        assertThat(m.venues()).containsExactly("kraken");
        assertThat(m.symbols()).hasSize(24).isSorted();
        assertThat(m.firstTs()).isGreaterThanOrEqualTo(START);
        assertThat(m.lastTs()).isLessThan(START + Times.HOUR);
        List<Manifest.FileEntry> frames = m.filesOfKind(Manifest.KIND_FRAMES);
        assertThat(frames).extracting(Manifest.FileEntry::path)
                .containsExactly("kraken-0.jsonl.gz", "kraken-1.jsonl.gz", "kraken-2.jsonl.gz");
        assertThat(frames).allSatisfy(f -> {
            assertThat(f.conns()).containsExactly(f.path().replace(".jsonl.gz", ""));
            assertThat(f.symbols()).hasSize(8).isSorted();
        });
        assertThat(frames.stream().mapToLong(Manifest.FileEntry::lines).sum()).isEqualTo(replay.lines);
        Manifest.FileEntry history = m.filesOfKind(Manifest.KIND_HISTORY).get(0);
        assertThat(history.path()).isEqualTo(MarketSimulator.HISTORY_FILE);
        assertThat(history.lines()).isEqualTo(2 * 24 * 24);
        assertThat(history.firstTs()).isEqualTo(START - 2 * Times.DAY);
        assertThat(history.lastTs()).isEqualTo(START - Times.HOUR);
    }

    @Test
    void historyRowsAreSortedConsistentAndEndAtTheFirstFrameHour() throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader r = Manifest.open(dir.resolve(MarketSimulator.HISTORY_FILE))) {
            assertThat(r.readLine()).isEqualTo("venue,symbol,interval,open_time,open,high,low,close,volume,trades,vwap");
            String line;
            while ((line = r.readLine()) != null) rows.add(line.split(",", -1));
        }
        assertThat(rows).hasSize(2 * 24 * 24);
        String prevKey = "";
        Map<String, Integer> pricePrecision = new HashMap<>();
        Universe.ALL.forEach(s -> pricePrecision.put(s.symbol(), s.pricePrecision()));
        for (String[] row : rows) {
            assertThat(row).hasSize(11);
            assertThat(row[0]).isEqualTo("kraken");
            assertThat(row[2]).isEqualTo("1h");
            assertThat(row[3]).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:00:00Z");
            String key = row[3] + " " + row[1];
            assertThat(key).isGreaterThan(prevKey);
            prevKey = key;
            long t = Rfc3339.parseMicros(row[3]);
            assertThat(t).isBetween(START - 2 * Times.DAY, START - Times.HOUR);
            int ps = pricePrecision.get(row[1]);
            for (int i = 4; i <= 7; i++) assertThat(scale(row[i])).as(String.join(",", row)).isEqualTo(ps);
            assertThat(scale(row[10])).isEqualTo(ps + 4);
            var open = new java.math.BigDecimal(row[4]);
            var high = new java.math.BigDecimal(row[5]);
            var low = new java.math.BigDecimal(row[6]);
            var close = new java.math.BigDecimal(row[7]);
            var vwap = new java.math.BigDecimal(row[10]);
            assertThat(high).isGreaterThanOrEqualTo(open.max(close));
            assertThat(low).isLessThanOrEqualTo(open.min(close)).isPositive();
            assertThat(vwap).isBetween(low, high);
            assertThat(new java.math.BigDecimal(row[8])).isPositive();
            assertThat(Long.parseLong(row[9])).isPositive();
        }
    }

    private static int scale(String plain) {
        assertThat(plain).doesNotContain("e").doesNotContain("E");
        int dot = plain.indexOf('.');
        return dot < 0 ? 0 : plain.length() - dot - 1;
    }

    @Test
    void historyBarsMatchTheCsvAndFramePricesContinueFromIt() throws IOException {
        List<Bar> bars = new MarketSimulator(SMALL).historyBars();
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = Manifest.open(dir.resolve(MarketSimulator.HISTORY_FILE))) {
            r.readLine();
            String l;
            while ((l = r.readLine()) != null) lines.add(l);
        }
        assertThat(bars.stream().map(HistoryBuilder::csvRow).toList()).isEqualTo(lines);
        // the last history close is within a spread or so of the anchor the frames start from
        for (InstrumentSpec s : Universe.first(24)) {
            Bar last = bars.stream().filter(b -> b.symbol().equals(s.symbol())).reduce((a, b) -> b).orElseThrow();
            double rel = Math.abs(last.close().toDouble() / s.anchor().toDouble() - 1) * 10_000;
            assertThat(rel).as(s.symbol()).isLessThan(s.spreadBps() * 3 + 1);
        }
    }

    @Test
    void truthFileListsRegimesSetupsAndInstruments() throws IOException {
        JsonNode t = new ObjectMapper().readTree(dir.resolve(GroundTruth.FILE_NAME).toFile());
        assertThat(t.path("format").asText()).isEqualTo(GroundTruth.FORMAT);
        assertThat(t.path("start").asText()).isEqualTo("2025-01-06T00:00:00Z");
        assertThat(t.path("regimes").size()).isGreaterThan(1);
        JsonNode prev = null;
        for (JsonNode r : t.path("regimes")) {
            if (prev != null) {
                assertThat(r.path("start_ts").asLong()).isEqualTo(prev.path("end_ts").asLong());
                assertThat(r.path("regime").asText()).isNotEqualTo(prev.path("regime").asText());
            }
            prev = r;
        }
        assertThat(t.path("regimes").get(0).path("start_ts").asLong()).isEqualTo(START - 2 * Times.DAY);
        assertThat(prev.path("end_ts").asLong()).isEqualTo(START + Times.HOUR);
        assertThat(t.path("setups").size()).isPositive();
        assertThat(t.path("instruments").size()).isEqualTo(24);
        Map<String, String> liquidity = new TreeMap<>();
        t.path("instruments").forEach(i -> liquidity.put(i.path("symbol").asText(), i.path("liquidity").asText()));
        assertThat(liquidity).containsEntry("BTC/USD", "pass").containsEntry("KAS/USD", "fail")
                .containsEntry("FLOKI/USD", "fail").containsEntry("BONK/USD", "fails_in_high_vol");
    }

    private static Map<String, String> shas(Path d) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.list(d)) {
            for (Path p : s.toList()) out.put(p.getFileName().toString(), Manifest.sha256(p));
        }
        return out;
    }
}
