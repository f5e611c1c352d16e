package io.cryptorun.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptorun.jobs.cli.ReplayOptions;
import io.cryptorun.jobs.cli.ReplayRunner;
import io.cryptorun.jobs.output.OutputFiles;
import io.cryptorun.sources.fixture.FixtureLine;
import io.cryptorun.sources.fixture.Manifest;
import io.cryptorun.sources.time.Rfc3339;
import java.io.BufferedReader;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Simulated Coinbase Advanced Trade recordings (BTC/USD and ETH/USD on one connection, resubscribing
 * at 4 min) replayed through the real job at parallelism 1 and 2: the clean one with no integrity
 * failure and every microstructure record equal to the book rebuilt independently from the frames
 * (Jackson and BigDecimal, not the project's parser); a fault variant whose server never sends one
 * message: the next frame reveals the skipped {@code sequence_num}, both books are invalid (no
 * record between the last data before the gap and the fresh snapshots) and recover at the
 * resubscription.
 */
class AdvancedTradeReplayTest {
    // the market and timing of the other venues' fault recordings
    static final long START = MultiVenueFaultReplayTest.START;
    static final long RESUBSCRIBE = MultiVenueFaultReplayTest.RESUBSCRIBE;
    static final long END = MultiVenueFaultReplayTest.END;
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static MarketModel model;

    @BeforeAll
    static void model() {
        model = new MarketModel(MultiVenueFaultReplayTest.CONFIG);
    }

    static List<FixtureLine> recording(String name, Set<Long> dropped) throws Exception {
        Path gz = dir.resolve(name + ".jsonl.gz");
        try (GzipLineWriter out = new GzipLineWriter(gz)) {
            new ConnectionWriter(model, SimVenue.COINBASE_ADVANCED, END, 0, List.of(0, 1), out).resubscribeAt(RESUBSCRIBE)
                    .dropSequences(dropped).write();
        }
        return recordingFile(gz);
    }

    record Replay(JsonNode summary, List<JsonNode> micro) {}

    static Replay replay(String name, List<FixtureLine> lines) throws Exception {
        Path file = dir.resolve(name + ".jsonl");
        Files.write(file, lines.stream().map(FixtureLine::toJson).toList(), StandardCharsets.UTF_8);
        String first = null;
        List<String> firstMicro = null;
        for (int p = 1; p <= 2; p++) {
            ReplayOptions o = new ReplayOptions();
            o.parallelism = p;
            o.speed = 0;
            Path out = dir.resolve(name + "-out-" + p);
            ReplayRunner.Result r = ReplayRunner.run(file, null, out, o, false, new PrintStream(PrintStream.nullOutputStream()));
            List<String> micro = Files.readAllLines(out.resolve(OutputFiles.MICROSTRUCTURE));
            if (first == null) {
                first = r.summaryJson();
                firstMicro = micro;
            }
            assertThat(r.summaryJson()).as("parallelism %d", p).isEqualTo(first);
            List<String> sorted = new ArrayList<>(micro);
            List<String> sortedFirst = new ArrayList<>(firstMicro);
            Collections.sort(sorted);
            Collections.sort(sortedFirst);
            assertThat(sorted).as("parallelism %d microstructure", p).isEqualTo(sortedFirst);
        }
        List<JsonNode> micro = new ArrayList<>();
        for (String l : firstMicro) micro.add(JSON.readTree(l));
        return new Replay(JSON.readTree(first), micro);
    }

    /** Best bid/ask per symbol after each book message, by exchange time, rebuilt from the frames alone. */
    static final class Truth {
        record Top(long exchMicros, BigDecimal bid, BigDecimal ask) {}

        final Map<String, List<Top>> tops = new HashMap<>();

        Truth(List<FixtureLine> lines) throws Exception {
            Map<String, TreeMap<BigDecimal, BigDecimal>> bids = new HashMap<>();
            Map<String, TreeMap<BigDecimal, BigDecimal>> asks = new HashMap<>();
            for (FixtureLine l : lines) {
                JsonNode f = JSON.readTree(l.frame());
                if (!"l2_data".equals(f.path("channel").asText())) continue;
                long t = Rfc3339.parseMicros(f.path("timestamp").asText());
                for (JsonNode e : f.path("events")) {
                    String sym = e.path("product_id").asText().replace('-', '/');
                    if (e.path("type").asText().equals("snapshot")) {
                        bids.put(sym, new TreeMap<>(Collections.reverseOrder()));
                        asks.put(sym, new TreeMap<>());
                    }
                    for (JsonNode u : e.path("updates")) {
                        TreeMap<BigDecimal, BigDecimal> side = (u.path("side").asText().equals("bid") ? bids : asks).get(sym);
                        BigDecimal px = new BigDecimal(u.path("price_level").asText());
                        BigDecimal q = new BigDecimal(u.path("new_quantity").asText());
                        if (q.signum() == 0) side.remove(px);
                        else side.put(px, q);
                    }
                    tops.computeIfAbsent(sym, s -> new ArrayList<>()).add(new Top(t, bids.get(sym).firstKey(), asks.get(sym).firstKey()));
                }
            }
        }

        /** The book at boundary {@code ts}: after every message with exchange time before it. */
        Top at(String symbol, long ts) {
            Top last = null;
            for (Top t : tops.get(symbol)) {
                if (t.exchMicros() >= ts) break;
                last = t;
            }
            return last;
        }
    }

    static void assertEveryRecordIsTheTrueBook(List<JsonNode> micro, Truth truth) {
        assertThat(micro).isNotEmpty();
        for (JsonNode m : micro) {
            Truth.Top top = truth.at(m.path("symbol").asText(), m.path("ts").asLong());
            assertThat(top).as("a book exists before %s", m).isNotNull();
            assertThat(new BigDecimal(m.path("bid").asText())).as("%s", m).isEqualByComparingTo(top.bid());
            assertThat(new BigDecimal(m.path("ask").asText())).as("%s", m).isEqualByComparingTo(top.ask());
        }
    }

    @Test
    void cleanRecordingReplaysWithoutIntegrityFailuresAndMatchesTheTrueBooks() throws Exception {
        List<FixtureLine> lines = recording("clean", Set.of());
        assertThat(lines).allSatisfy(l -> assertThat(l.venue()).isEqualTo("coinbase-advanced"));
        // every message numbered by the connection, from 0, without a hole
        List<Long> seqs = new ArrayList<>();
        for (FixtureLine l : lines) seqs.add(JSON.readTree(l.frame()).path("sequence_num").asLong());
        for (int i = 0; i < seqs.size(); i++) assertThat(seqs.get(i)).isEqualTo(i);
        assertThat(lines.stream().filter(l -> l.frame().startsWith("{\"channel\":\"heartbeats\"")).count())
                .as("a heartbeat a second").isBetween(410L, 420L);

        Replay r = replay("clean", lines);
        JsonNode s = r.summary();
        assertThat(s.path("sequence_gap").asLong()).isZero();
        assertThat(s.path("books_invalidated").asLong()).isZero();
        assertThat(s.path("books_recovered").asLong()).isZero();
        assertThat(r.micro()).as("two books, seven minutes and the quiet minute after").hasSizeGreaterThan(900);
        assertThat(s.path("book_updates").asLong()).isPositive();
        assertThat(s.path("quarantined").size()).as("%s", s.path("quarantined")).isZero();
        assertThat(s.path("book_snapshots").asLong()).isEqualTo(4); // two per product: subscribe and resubscribe
        assertEveryRecordIsTheTrueBook(r.micro(), new Truth(lines));
        assertThat(r.micro()).extracting(m -> m.path("venue").asText()).containsOnly("coinbase");
    }

    @Test
    void aDroppedMessageIsASequenceGapForBothBooksUntilTheResubscription() throws Exception {
        List<FixtureLine> clean = recording("clean-for-drop", Set.of());
        // the first ETH/USD book update after 2 minutes: the server numbers it but never sends it
        long drop = -1;
        long dropExch = 0;
        for (FixtureLine l : clean) {
            JsonNode f = JSON.readTree(l.frame());
            long t = Rfc3339.parseMicros(f.path("timestamp").asText());
            if (t >= START + 2 * Times.MINUTE && f.path("channel").asText().equals("l2_data")
                    && f.path("events").get(0).path("product_id").asText().equals("ETH-USD")) {
                drop = f.path("sequence_num").asLong();
                dropExch = t;
                break;
            }
        }
        assertThat(drop).isPositive();
        List<FixtureLine> lines = recording("dropped", Set.of(drop));
        assertThat(lines).hasSize(clean.size() - 1);

        Replay r = replay("dropped", lines);
        JsonNode s = r.summary();
        // one gap: one sequence_gap quarantine from the connection's rule, a BookReset for each of its two books
        assertThat(s.path("quarantined").path("sequence_gap").asLong()).as("one gap").isEqualTo(1);
        assertThat(s.path("books_invalidated").asLong()).as("both books of the connection").isEqualTo(2);
        assertThat(s.path("books_recovered").asLong()).isEqualTo(2);
        assertThat(s.path("sequence_gap").asLong()).as("the book rule saw no gap of its own").isZero();
        assertThat(s.path("quarantined").path("book_invalid").asLong()).as("updates refused while invalid").isPositive();
        assertThat(s.path("checksum_mismatch").asLong()).isZero();
        for (String sym : List.of("BTC/USD", "ETH/USD")) {
            List<Long> ts = r.micro().stream().filter(m -> m.path("symbol").asText().equals(sym))
                    .map(m -> m.path("ts").asLong()).toList();
            long lastBefore = ts.stream().filter(t -> t < RESUBSCRIBE).mapToLong(Long::longValue).max().orElseThrow();
            long firstAfter = ts.stream().filter(t -> t > lastBefore).mapToLong(Long::longValue).min().orElseThrow();
            assertThat(lastBefore).as(sym + ": valid until the lost message").isLessThanOrEqualTo(dropExch + Times.SECOND)
                    .isGreaterThan(dropExch - 2 * Times.SECOND);
            assertThat(firstAfter).as(sym + ": back after its fresh snapshot").isBetween(RESUBSCRIBE, RESUBSCRIBE + 5 * Times.SECOND);
        }
        // what was emitted is the true book (the venue's, which includes the lost message)
        assertEveryRecordIsTheTrueBook(r.micro(), new Truth(clean));
    }

    /** {@code simulate --venues kraken,coinbase-advanced}: its own files and manifest entry; a rerun without it removes them. */
    @Test
    void simulatorWritesAdvancedTradeFilesNextToKrakenUnchangedAndRerunsDropThem() throws Exception {
        SimConfig cfg = new SimConfig(42, 2, 1, 0, SimConfig.parseStart(SimConfig.DEFAULT_START));
        Path out = dir.resolve("sim");
        var written = new MarketSimulator(cfg, new MarketSimulator.Venues(List.of(SimVenue.KRAKEN, SimVenue.COINBASE_ADVANCED), 2))
                .writeTo(out);
        assertThat(written.manifest().venues()).containsExactly("coinbase-advanced", "kraken");
        assertThat(Manifest.read(out).verify(out)).isEmpty();
        assertThat(out.resolve("coinbase-advanced-0.jsonl.gz")).exists();
        Replay r = replay("sim-advanced", recordingFile(out.resolve("coinbase-advanced-0.jsonl.gz")));
        assertThat(r.summary().path("sequence_gap").asLong()).isZero();
        assertThat(r.summary().path("quarantined").size()).isZero();
        assertThat(r.micro()).isNotEmpty();
        new MarketSimulator(cfg, new MarketSimulator.Venues(List.of(SimVenue.KRAKEN), 2)).writeTo(dir.resolve("sim-kraken"));
        assertThat(Files.mismatch(out.resolve("kraken-0.jsonl.gz"), dir.resolve("sim-kraken/kraken-0.jsonl.gz")))
                .as("adding Advanced Trade leaves the Kraken bytes as they were").isEqualTo(-1L);
        new MarketSimulator(cfg, new MarketSimulator.Venues(List.of(SimVenue.KRAKEN), 2)).writeTo(out);
        assertThat(out.resolve("coinbase-advanced-0.jsonl.gz")).doesNotExist();
        assertThat(Manifest.read(out).verify(out)).isEmpty();
    }

    static List<FixtureLine> recordingFile(Path gz) throws Exception {
        try (BufferedReader in = Manifest.open(gz)) {
            return in.lines().map(FixtureLine::parse).toList();
        }
    }
}
