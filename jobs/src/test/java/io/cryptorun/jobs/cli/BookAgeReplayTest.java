package io.cryptorun.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptorun.jobs.output.OutputFiles;
import io.cryptorun.sources.venue.kraken.KrakenBookChecksum;
import io.cryptorun.sources.book.OrderBook;
import io.cryptorun.sources.decimal.Decimal;
import io.cryptorun.sources.fixture.FixtureLine;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 item 7 at replay level: a book's age is event time minus its last exchange update (SPEC
 * §4), and a book older than 60 s is invalid — no microstructure from it, whatever the catch-up
 * after a quiet spell would otherwise emit. Three books whose last update sits exactly 60 s before
 * a boundary, and one microsecond either side, a subscribe ack at 30 s that keeps their clocks
 * ticking to 90 s, then silence until their next update at 124.5 s.
 */
class BookAgeReplayTest {
    static final long T0 = FaultFixtureReplayTest.T0;
    static final long S = 1_000_000L;

    @TempDir
    Path dir;

    @Test
    void aBookOlderThanSixtySecondsEmitsNothingUntilItsNextUpdate() throws Exception {
        // symbol -> event time of its snapshot; boundary T0 + 64 s is 60 s after ON
        Map<String, Long> snapshotAt = new TreeMap<>(Map.of(
                "BTC/USD", T0 + 4 * S, // exactly on: 64 s has age 60.000000 s, valid
                "ETH/USD", T0 + 4 * S + 1, // one µs younger: 64 s valid too
                "SOL/USD", T0 + 4 * S - 1)); // one µs older: 64 s has age 60.000001 s, invalid
        List<String> lines = new ArrayList<>();
        line(lines, T0 + S, "{\"channel\":\"instrument\",\"type\":\"snapshot\",\"data\":{\"assets\":[],\"pairs\":["
                + pair("BTC/USD") + "," + pair("ETH/USD") + "," + pair("SOL/USD") + "]}}");
        List<Map.Entry<String, Long>> bySnapshot = new ArrayList<>(snapshotAt.entrySet());
        bySnapshot.sort(Map.Entry.comparingByValue());
        for (var e : bySnapshot) line(lines, e.getValue(), FaultFixtureReplayTest.snapshotFrame(e.getKey()));
        // at 30 s a subscribe ack per book: a book input that changes nothing, so each market's clock
        // keeps ticking to 90 s (the quiet horizon) and only the age limit can stop the emission
        for (String sym : snapshotAt.keySet()) {
            line(lines, T0 + 30 * S, "{\"method\":\"subscribe\",\"result\":{\"channel\":\"book\",\"depth\":10,"
                    + "\"snapshot\":true,\"symbol\":\"" + sym + "\"},\"success\":true}");
        }
        // 120 s later each book changes (correct checksum): the catch-up used to emit the stale seconds in between
        OrderBook ref = new OrderBook("kraken", "X");
        ref.setPrecision(1, 8);
        for (String[] l : FaultFixtureReplayTest.GUIDE_BIDS) ref.setBid(Decimal.parse(l[0]).unscaledAt(1), Decimal.parse(l[1]).unscaledAt(8));
        for (String[] l : FaultFixtureReplayTest.GUIDE_ASKS) ref.setAsk(Decimal.parse(l[0]).unscaledAt(1), Decimal.parse(l[1]).unscaledAt(8));
        ref.setBid(452836, 5325);
        ref.truncate();
        long crc = new KrakenBookChecksum().compute(ref);
        long update = T0 + 124 * S + 500_000;
        for (String sym : snapshotAt.keySet()) {
            line(lines, update, "{\"channel\":\"book\",\"type\":\"update\",\"data\":[{\"symbol\":\"" + sym
                    + "\",\"bids\":[{\"price\":45283.6,\"qty\":0.00005325}],\"asks\":[],\"checksum\":" + crc
                    + ",\"timestamp\":\"" + Instant.ofEpochSecond(0, update * 1000).toString() + "\"}]}");
        }
        Path fixture = dir.resolve("age.jsonl");
        Files.write(fixture, lines, StandardCharsets.UTF_8);

        ReplayOptions o = new ReplayOptions();
        o.parallelism = 1;
        o.speed = 0;
        ReplayRunner.Result r = ReplayRunner.run(fixture, null, dir.resolve("out"), o, false,
                new PrintStream(PrintStream.nullOutputStream()));
        JsonNode summary = new ObjectMapper().readTree(r.summaryJson());
        assertThat(summary.path("checksum_ok").asLong()).as("3 snapshots + 3 updates").isEqualTo(6);

        Map<String, List<Long>> seconds = new TreeMap<>();
        ObjectMapper json = new ObjectMapper();
        for (String l : Files.readAllLines(dir.resolve("out").resolve(OutputFiles.MICROSTRUCTURE))) {
            JsonNode m = json.readTree(l);
            assertThat(m.path("valid").asBoolean()).isTrue();
            assertThat(m.path("book_age_ms").asLong()).as(l).isBetween(0L, 60_000L);
            seconds.computeIfAbsent(m.path("symbol").asText(), k -> new ArrayList<>()).add((m.path("ts").asLong() - T0) / S);
        }
        // up to the last boundary within 60 s of the snapshot (not to 90 s, nor caught up to 124 s),
        // then the updated book from 125 s, up to 60 s after it (quiet horizon; age 59.5 s at 184 s)
        assertThat(seconds.get("BTC/USD")).containsExactlyElementsOf(range(5, 64, 125, 184));
        assertThat(seconds.get("ETH/USD")).containsExactlyElementsOf(range(5, 64, 125, 184));
        assertThat(seconds.get("SOL/USD")).containsExactlyElementsOf(range(4, 63, 125, 184));
        assertThat(summary.path("microstructure_stale").isMissingNode()).isTrue(); // not a summary field (metric only)
        assertThat(summary.path("microstructure").asLong()).isEqualTo(60 + 60 + 60 + 60 + 60 + 60);
    }

    /** [a, b] then [c, d]. */
    private static List<Long> range(long a, long b, long c, long d) {
        List<Long> out = new ArrayList<>();
        for (long i = a; i <= b; i++) out.add(i);
        for (long i = c; i <= d; i++) out.add(i);
        return out;
    }

    private static String pair(String symbol) {
        String[] p = symbol.split("/");
        return "{\"symbol\":\"" + symbol + "\",\"base\":\"" + p[0] + "\",\"quote\":\"" + p[1]
                + "\",\"status\":\"online\",\"price_precision\":1,\"qty_precision\":8}";
    }

    private static void line(List<String> lines, long ts, String frame) {
        lines.add(new FixtureLine(ts, "kraken", "kraken-0", frame).toJson());
    }
}
