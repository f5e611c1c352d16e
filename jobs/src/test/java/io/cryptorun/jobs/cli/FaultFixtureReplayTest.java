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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recording with the faults the foundation must survive — a tampered checksum, an exponent-form
 * quantity, a malformed frame, an update before any snapshot — replayed through the real job on a
 * MiniCluster: every fault is counted and quarantined with its reason, the job finishes, and the
 * book recovers at the next snapshot.
 */
class FaultFixtureReplayTest {
    static final long T0 = 1_736_121_600_000_000L; // 2025-01-06T00:00:00Z
    static final String[][] GUIDE_BIDS = {
        {"45283.5", "0.10000000"}, {"45283.4", "1.54582015"}, {"45282.1", "0.10000000"}, {"45281.0", "0.10000000"},
        {"45280.3", "1.54592586"}, {"45279.0", "0.07990000"}, {"45277.6", "0.03310103"}, {"45277.5", "0.30000000"},
        {"45277.3", "1.54602737"}, {"45276.6", "0.15445238"},
    };
    static final String[][] GUIDE_ASKS = {
        {"45285.2", "0.00100000"}, {"45286.4", "1.54571953"}, {"45286.6", "1.54571109"}, {"45289.6", "1.54560911"},
        {"45290.2", "0.15890660"}, {"45291.8", "1.54553491"}, {"45294.7", "0.04454749"}, {"45296.1", "0.35380000"},
        {"45297.5", "0.09945542"}, {"45299.5", "0.18772827"},
    };

    @TempDir
    Path dir;

    @Test
    void faultsAreCountedQuarantinedAndNeverFatal() throws Exception {
        List<String> lines = new ArrayList<>();
        long ts = T0;
        line(lines, ts, "{\"channel\":\"status\",\"type\":\"update\",\"data\":[{\"system\":\"online\",\"version\":\"2.0.9\"}]}");
        line(lines, ts += 1000, "{\"channel\":\"instrument\",\"type\":\"snapshot\",\"data\":{\"assets\":[],\"pairs\":["
                + "{\"symbol\":\"BTC/USD\",\"base\":\"BTC\",\"quote\":\"USD\",\"status\":\"online\",\"price_precision\":1,\"qty_precision\":8},"
                + "{\"symbol\":\"ETH/USD\",\"base\":\"ETH\",\"quote\":\"USD\",\"status\":\"online\",\"price_precision\":2,\"qty_precision\":8}]}}");
        line(lines, ts += 1000, "{\"method\":\"subscribe\",\"result\":{\"channel\":\"book\",\"depth\":10,\"snapshot\":true,\"symbol\":\"BTC/USD\"},\"success\":true}");
        // update before any ETH/USD snapshot
        line(lines, ts += 1000, "{\"channel\":\"book\",\"type\":\"update\",\"data\":[{\"symbol\":\"ETH/USD\",\"bids\":[{\"price\":3300.12,\"qty\":1.5}],\"asks\":[],\"checksum\":12345}]}");
        OrderBook ref = new OrderBook("kraken", "BTC/USD");
        ref.setPrecision(1, 8);
        for (String[] l : GUIDE_BIDS) ref.setBid(Decimal.parse(l[0]).unscaledAt(1), Decimal.parse(l[1]).unscaledAt(8));
        for (String[] l : GUIDE_ASKS) ref.setAsk(Decimal.parse(l[0]).unscaledAt(1), Decimal.parse(l[1]).unscaledAt(8));
        String snapshot = snapshotFrame();
        line(lines, ts += 1000, snapshot);
        // exponent-form quantity: 5.325e-05 BTC at a new bid level, with the correct checksum
        ref.setBid(452836, 5325);
        ref.truncate();
        long crc = new KrakenBookChecksum().compute(ref);
        line(lines, ts += 1_000_000, "{\"channel\":\"book\",\"type\":\"update\",\"data\":[{\"symbol\":\"BTC/USD\",\"bids\":[{\"price\":45283.6,\"qty\":5.325e-05}],\"asks\":[],\"checksum\":"
                + crc + ",\"timestamp\":\"2025-01-06T00:00:01.004000Z\"}]}");
        // malformed frame
        line(lines, ts += 500_000, "{\"channel\":\"book\",\"type\":\"update\",\"data\":[{\"symbol\":\"BTC/USD\",\"bids\":[{\"price\":");
        // tampered checksum: the book is invalid from here ...
        line(lines, ts += 500_000, "{\"channel\":\"book\",\"type\":\"update\",\"data\":[{\"symbol\":\"BTC/USD\",\"bids\":[],\"asks\":[{\"price\":45285.3,\"qty\":0.5}],\"checksum\":1,\"timestamp\":\"2025-01-06T00:00:02.004000Z\"}]}");
        // ... so this update is not applied ...
        line(lines, ts += 1_000_000, "{\"channel\":\"book\",\"type\":\"update\",\"data\":[{\"symbol\":\"BTC/USD\",\"bids\":[],\"asks\":[{\"price\":45285.4,\"qty\":0.5}],\"checksum\":2,\"timestamp\":\"2025-01-06T00:00:03.004000Z\"}]}");
        // ... until a fresh snapshot
        line(lines, ts += 3_000_000, snapshot);
        line(lines, ts += 5_000_000, "{\"channel\":\"heartbeat\"}");
        Path fixture = dir.resolve("faults.jsonl");
        Files.write(fixture, lines, StandardCharsets.UTF_8);

        ReplayOptions o = new ReplayOptions();
        o.parallelism = 1;
        o.speed = 0;
        o.checkpointIntervalMs = 500;
        ReplayRunner.Result r = ReplayRunner.run(fixture, null, dir.resolve("out"), o, false,
                new PrintStream(PrintStream.nullOutputStream()));

        JsonNode summary = new ObjectMapper().readTree(r.summaryJson());
        assertThat(summary.path("frames").asLong()).isEqualTo(lines.size());
        assertThat(summary.path("book_snapshots").asLong()).isEqualTo(2);
        assertThat(summary.path("checksum_mismatch").asLong()).isEqualTo(1);
        assertThat(summary.path("books_invalidated").asLong()).isEqualTo(1);
        assertThat(summary.path("checksum_ok").asLong()).as("2 snapshots + the exponent update").isEqualTo(3);
        JsonNode q = summary.path("quarantined");
        assertThat(q.path("malformed_json").asLong()).isEqualTo(1);
        assertThat(q.path("update_before_snapshot").asLong()).isEqualTo(1);
        assertThat(q.path("checksum_mismatch").asLong()).isEqualTo(1);
        assertThat(q.path("book_invalid").asLong()).isEqualTo(1);
        assertThat(summary.path("microstructure").asLong()).isPositive();

        // at the 1 s boundary the book is the snapshot; the exponent-form update (t = 1.004 s) shows at 2 s
        List<String> micro = Files.readAllLines(dir.resolve("out").resolve(OutputFiles.MICROSTRUCTURE));
        JsonNode atOne = new ObjectMapper().readTree(micro.get(0));
        assertThat(atOne.path("ts").asLong()).isEqualTo(T0 + 1_000_000L);
        assertThat(atOne.path("bid").asText()).isEqualTo("45283.5");
        JsonNode atTwo = new ObjectMapper().readTree(micro.get(1));
        assertThat(atTwo.path("ts").asLong()).isEqualTo(T0 + 2_000_000L);
        assertThat(atTwo.path("bid").asText()).isEqualTo("45283.6");
        // no microstructure while the book was invalid: seconds 3..(next snapshot) are missing
        List<Long> seconds = micro.stream().map(l -> {
            try {
                return new ObjectMapper().readTree(l).path("ts").asLong();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
        assertThat(seconds).doesNotContain(T0 + 4_000_000L, T0 + 5_000_000L);
        // the fresh snapshot (t ≈ 6.004 s) makes the book valid again: the 7 s boundary is emitted
        assertThat(seconds).contains(T0 + 7_000_000L);
    }

    private static String snapshotFrame() {
        return snapshotFrame("BTC/USD");
    }

    /** The checksum guide's book as a Kraken v2 snapshot of {@code symbol} (price/qty precision 1/8). */
    static String snapshotFrame(String symbol) {
        StringBuilder sb = new StringBuilder("{\"channel\":\"book\",\"type\":\"snapshot\",\"data\":[{\"symbol\":\"" + symbol + "\",\"bids\":[");
        levels(sb, GUIDE_BIDS);
        sb.append("],\"asks\":[");
        levels(sb, GUIDE_ASKS);
        return sb.append("],\"checksum\":3310070434}]}").toString();
    }

    private static void levels(StringBuilder sb, String[][] ls) {
        for (int i = 0; i < ls.length; i++) {
            if (i > 0) sb.append(',');
            sb.append("{\"price\":").append(ls[i][0]).append(",\"qty\":").append(ls[i][1]).append('}');
        }
    }

    private static void line(List<String> lines, long ts, String frame) {
        lines.add(new FixtureLine(ts, "kraken", "kraken-0", frame).toJson());
    }
}
