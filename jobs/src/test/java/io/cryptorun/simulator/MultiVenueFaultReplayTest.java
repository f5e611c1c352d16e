package io.cryptorun.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptorun.jobs.cli.ReplayOptions;
import io.cryptorun.jobs.cli.ReplayRunner;
import io.cryptorun.jobs.output.OutputFiles;
import io.cryptorun.sources.fixture.FixtureLine;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault variants of simulated recordings, one per venue integrity rule, generated here (never
 * shipped) and replayed through the real job: a tampered Kraken checksum, a missed Coinbase match
 * (trade-id gap), a Bitstamp diff already in the REST snapshot (stale) and one older than a diff
 * already applied (out of order), a Gemini update that crosses the book. Each is counted under its
 * reason, the BTC/USD book produces no microstructure while invalid, the untouched ETH/USD book
 * carries on, and the resubscription's fresh snapshot (4 minutes in) brings BTC/USD back — at
 * parallelism 1 and 2 alike.
 */
class MultiVenueFaultReplayTest {
    static final SimConfig CONFIG = new SimConfig(11, 2, 1, 0, SimConfig.parseStart(SimConfig.DEFAULT_START));
    static final long START = CONFIG.startMicros();
    static final long FAULT_FROM = START + Times.MINUTE;
    static final long RESUBSCRIBE = START + 4 * Times.MINUTE;
    static final long END = START + 7 * Times.MINUTE;

    @TempDir
    static Path dir;
    static MarketModel model;

    @BeforeAll
    static void model() {
        model = new MarketModel(CONFIG);
    }

    /** The venue's recording (BTC/USD and ETH/USD on one connection, resubscribing at 4 min) as fixture lines. */
    static List<FixtureLine> recording(SimVenue venue) throws Exception {
        Path gz = dir.resolve(venue.id() + "-clean.jsonl.gz");
        try (GzipLineWriter out = new GzipLineWriter(gz)) {
            new ConnectionWriter(model, venue, END, 0, List.of(0, 1), out).resubscribeAt(RESUBSCRIBE).write();
        }
        List<FixtureLine> lines = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(gz)),
                StandardCharsets.UTF_8))) {
            String l;
            while ((l = in.readLine()) != null) lines.add(FixtureLine.parse(l));
        }
        return lines;
    }

    /** Index of the first line at or after {@code from} whose frame contains every needle. */
    static int find(List<FixtureLine> lines, int from, String... needles) {
        for (int i = from; i < lines.size(); i++) {
            FixtureLine l = lines.get(i);
            boolean all = l.ts() >= FAULT_FROM && l.ts() < RESUBSCRIBE - 30 * Times.SECOND;
            for (String n : needles) all &= l.frame().contains(n);
            if (all) return i;
        }
        throw new AssertionError("no line with " + List.of(needles));
    }

    static FixtureLine withFrame(FixtureLine l, long ts, String frame) {
        return new FixtureLine(ts, l.venue(), l.conn(), frame);
    }

    static long micros(String frame) {
        Matcher m = Pattern.compile("\"microtimestamp\":\"(\\d+)\"").matcher(frame);
        if (!m.find()) throw new AssertionError("no microtimestamp in " + frame);
        return Long.parseLong(m.group(1));
    }

    /** Replays the faulted recording at parallelism 1 and 2; returns the summary (identical for both). */
    static JsonNode replay(SimVenue venue, UnaryOperator<List<FixtureLine>> fault) throws Exception {
        List<FixtureLine> lines = fault.apply(new ArrayList<>(recording(venue)));
        Path file = dir.resolve(venue.id() + "-faults.jsonl");
        Files.write(file, lines.stream().map(FixtureLine::toJson).toList(), StandardCharsets.UTF_8);
        String first = null;
        for (int p = 1; p <= 2; p++) {
            ReplayOptions o = new ReplayOptions();
            o.parallelism = p;
            o.speed = 0;
            Path out = dir.resolve(venue.id() + "-out-" + p);
            ReplayRunner.Result r = ReplayRunner.run(file, null, out, o, false, new PrintStream(PrintStream.nullOutputStream()));
            if (first == null) first = r.summaryJson();
            assertThat(r.summaryJson()).as("parallelism 2").isEqualTo(first);
        }
        JsonNode s = new ObjectMapper().readTree(first);
        // while the BTC/USD book is invalid it emits nothing; after the resubscription it does again; ETH/USD never stops
        List<Long> btc = new ArrayList<>();
        List<Long> eth = new ArrayList<>();
        for (String l : Files.readAllLines(dir.resolve(venue.id() + "-out-1").resolve(OutputFiles.MICROSTRUCTURE))) {
            JsonNode m = new ObjectMapper().readTree(l);
            (m.path("symbol").asText().equals("BTC/USD") ? btc : eth).add(m.path("ts").asLong());
        }
        long lastBeforeGap = btc.stream().filter(t -> t < RESUBSCRIBE).mapToLong(Long::longValue).max().orElseThrow();
        long firstAfterGap = btc.stream().filter(t -> t > lastBeforeGap).mapToLong(Long::longValue).min().orElseThrow();
        assertThat(lastBeforeGap).as(venue + ": BTC/USD valid until the fault").isGreaterThanOrEqualTo(FAULT_FROM)
                .isLessThan(RESUBSCRIBE - 30 * Times.SECOND + Times.SECOND);
        assertThat(firstAfterGap).as(venue + ": BTC/USD back after the fresh snapshot")
                .isBetween(RESUBSCRIBE, RESUBSCRIBE + 5 * Times.SECOND);
        assertThat(eth.stream().filter(t -> t > lastBeforeGap && t < firstAfterGap).count())
                .as(venue + ": ETH/USD carries on").isGreaterThan(30);
        assertThat(s.path("books_recovered").asLong()).as(venue + " recovered").isEqualTo(1);
        return s;
    }

    @Test
    void krakenChecksumMismatch() throws Exception {
        JsonNode s = replay(SimVenue.KRAKEN, lines -> {
            int i = find(lines, 0, "\"channel\":\"book\"", "\"type\":\"update\"", "BTC/USD");
            FixtureLine l = lines.get(i);
            Matcher m = Pattern.compile("\"checksum\":(\\d+)").matcher(l.frame());
            assertThat(m.find()).isTrue();
            long wrong = (Long.parseLong(m.group(1)) + 1) & 0xFFFF_FFFFL;
            lines.set(i, withFrame(l, l.ts(), m.replaceFirst("\"checksum\":" + wrong)));
            return lines;
        });
        assertThat(s.path("checksum_mismatch").asLong()).isEqualTo(1);
        assertThat(s.path("books_invalidated").asLong()).isEqualTo(1);
        assertThat(s.path("quarantined").path("checksum_mismatch").asLong()).isEqualTo(1);
        assertThat(s.path("quarantined").path("book_invalid").asLong()).isPositive();
    }

    @Test
    void coinbaseMissedMatchIsASequenceGap() throws Exception {
        JsonNode s = replay(SimVenue.COINBASE, lines -> {
            int first = find(lines, 0, "\"type\":\"match\"", "BTC-USD");
            lines.remove(find(lines, first + 1, "\"type\":\"match\"", "BTC-USD"));
            return lines;
        });
        assertThat(s.path("sequence_gap").asLong()).isEqualTo(1);
        assertThat(s.path("books_invalidated").asLong()).isEqualTo(1);
        assertThat(s.path("quarantined").path("sequence_gap").asLong()).isEqualTo(1);
        assertThat(s.path("quarantined").path("book_invalid").asLong()).isPositive();
        assertThat(s.path("checksum_mismatch").asLong()).isZero();
    }

    static final String BTC_DIFF = "\"channel\":\"diff_order_book_btcusd\",\"event\":\"data\"";

    @Test
    void bitstampStaleAndOutOfOrderDiffs() throws Exception {
        JsonNode s = replay(SimVenue.BITSTAMP, lines -> {
            // stale: a diff the REST snapshot already holds, delivered again after it
            int rest = -1;
            for (int i = 0; i < lines.size() && rest < 0; i++) {
                if (lines.get(i).conn().equals("bitstamp-0#rest:btcusd")) rest = i;
            }
            long snapshotMicros = micros(lines.get(rest).frame());
            FixtureLine old = null;
            for (int i = 0; i < rest && old == null; i++) {
                FixtureLine l = lines.get(i);
                if (l.frame().contains(BTC_DIFF) && micros(l.frame()) <= snapshotMicros) old = l;
            }
            assertThat(old).as("a diff older than the REST snapshot").isNotNull();
            lines.add(rest + 1, withFrame(old, lines.get(rest).ts(), old.frame()));
            // out of order: a diff delivered again after a newer one was applied
            int i = find(lines, rest + 2, BTC_DIFF);
            int j = i + 1;
            while (!lines.get(j).frame().contains(BTC_DIFF)
                    || micros(lines.get(j).frame()) <= micros(lines.get(i).frame())) {
                j++;
            }
            lines.add(j + 1, withFrame(lines.get(i), lines.get(j).ts(), lines.get(i).frame()));
            return lines;
        });
        assertThat(s.path("book_out_of_order").asLong()).isEqualTo(1);
        assertThat(s.path("books_invalidated").asLong()).isEqualTo(1);
        // the diff, and ETH/USD's second REST snapshot: its book stayed valid and applied newer diffs meanwhile
        assertThat(s.path("quarantined").path("stale_update").asLong()).isEqualTo(2);
        assertThat(s.path("quarantined").path("out_of_order").asLong()).isEqualTo(1);
        assertThat(s.path("stale_dropped").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(s.path("book_snapshots").asLong()).isEqualTo(4); // two REST snapshots per pair
    }

    @Test
    void geminiCrossingUpdate() throws Exception {
        JsonNode s = replay(SimVenue.GEMINI, lines -> {
            int i = find(lines, 0, "\"type\":\"l2_updates\"", "BTCUSD");
            FixtureLine l = lines.get(i);
            lines.add(i + 1, withFrame(l, l.ts(),
                    "{\"type\":\"l2_updates\",\"symbol\":\"BTCUSD\",\"changes\":[[\"buy\",\"999999.0\",\"1.00000000\"]]}"));
            return lines;
        });
        assertThat(s.path("crossed_book").asLong()).isEqualTo(1);
        assertThat(s.path("books_invalidated").asLong()).isEqualTo(1);
        assertThat(s.path("quarantined").path("crossed_book").asLong()).isEqualTo(1);
        assertThat(s.path("quarantined").path("book_invalid").asLong()).isPositive();
    }
}
