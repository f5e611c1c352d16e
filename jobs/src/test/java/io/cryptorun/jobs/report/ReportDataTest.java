package io.cryptorun.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cryptorun.jobs.evaluate.RunOutputs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What the report draws, from a hand-built run: downsampled microstructure, candles, markers, regimes, gate trips. */
class ReportDataTest {
    static final long T0 = 1_736_121_600_000_000L;
    static final long S = 1_000_000L;

    @TempDir
    Path dir;

    @Test
    void sparklineIsBestVenuePerFiveMinutesAndBarsKeepTheLastLine() throws Exception {
        Files.write(dir.resolve("microstructure.jsonl"), List.of(
                micro(T0, "kraken", 5.0, 200000), micro(T0 + 10 * S, "coinbase", 3.5, 150000),
                micro(T0 + 299 * S, "kraken", 4.0, 250000), // still the first bucket (boundary −1 s)
                micro(T0 + 300 * S, "kraken", 9.0, 90000))); // the second bucket starts exactly at +5 min
        Files.write(dir.resolve("bars.jsonl"), List.of(
                bar(T0, "1h", 10, 12, 9, 11, "history"), bar(T0, "1h", 10, 13, 9, 12, "trades"), bar(T0 + 3600 * S, "1h", 12, 12, 11, 11, "trades")));
        Files.write(dir.resolve("scores.jsonl"), List.of(
                "{\"ts\":" + T0 + ",\"symbol\":\"X/USD\",\"score\":80,\"band\":\"MODERATE\",\"pass\":false,"
                        + "\"gates\":{\"freshness\":{\"pass\":false},\"score\":{\"pass\":true}}}",
                "{\"ts\":" + (T0 + 3599 * S) + ",\"symbol\":\"X/USD\",\"score\":40,\"band\":\"\",\"pass\":false,"
                        + "\"gates\":{\"freshness\":{\"pass\":false},\"score\":{\"pass\":false}}}"));
        Files.write(dir.resolve("alerts.jsonl"), List.of("{\"ts\":" + T0 + ",\"symbol\":\"X/USD\",\"band\":\"MODERATE\",\"microstructure\":{\"mid\":11.5}}"));
        Files.write(dir.resolve("exits.jsonl"), List.of("{\"ts\":" + (T0 + 60 * S) + ",\"symbol\":\"X/USD\",\"exit\":11,\"reason\":\"hard_stop\",\"entry_ts\":" + T0 + "}"));
        Files.write(dir.resolve("regime.jsonl"), List.of("{\"ts\":" + (T0 - 4 * 3600 * S) + ",\"regime\":\"CHOPPY\"}", "{\"ts\":" + T0 + ",\"regime\":\"HIGH_VOL\"}"));
        Files.writeString(dir.resolve("summary.json"), "{\"frames\":1}");

        JsonNode d = ReportData.build(RunOutputs.read(dir), RunOutputs.JSON_READER.createObjectNode());
        JsonNode x = d.path("symbols").get(0);
        assertThat(x.path("symbol").asText()).isEqualTo("X/USD");
        assertThat(x.path("spread").toString()).isEqualTo("[[" + T0 / 1000 + ",3.5],[" + (T0 + 300 * S) / 1000 + ",9.0]]");
        assertThat(x.path("depth").toString()).isEqualTo("[[" + T0 / 1000 + ",250000],[" + (T0 + 300 * S) / 1000 + ",90000]]");
        // [t, open, close, low, high]; the later line for the same open time wins
        assertThat(x.at("/candles/1h").toString()).isEqualTo("[[" + T0 / 1000 + ",10.0,12.0,9.0,13.0],[" + (T0 + 3600 * S) / 1000 + ",12.0,11.0,11.0,12.0]]");
        assertThat(d.at("/alerts/0/price").asDouble()).isEqualTo(11.5);
        assertThat(d.at("/exits/0/reason").asText()).isEqualTo("hard_stop");
        assertThat(d.at("/regimes").toString()).isEqualTo("[[" + (T0 - 4 * 3600 * S) / 1000 + "," + T0 / 1000 + ",\"CHOPPY\"],["
                + T0 / 1000 + "," + (T0 + 4 * 3600 * S) / 1000 + ",\"HIGH_VOL\"]]");
        assertThat(d.at("/gate_trips_by_hour/" + T0 / 1000).toString()).isEqualTo("{\"freshness\":2,\"score\":1}");
        assertThat(d.at("/bands").toString()).isEqualTo("{\"MODERATE\":1,\"NONE\":1}");
        assertThat(d.at("/score_histogram/16").asInt()).isEqualTo(1); // 80 → bucket 80–85
        assertThat(d.at("/score_histogram/8").asInt()).isEqualTo(1);
    }

    @Test
    void notARunDirectoryIsOneLineAndExitTwo() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        System.setErr(new PrintStream(err));
        try {
            int rc = new CommandLine(new ReportCommand()).execute("--run", dir.resolve("missing").toString());
            assertThat(rc).isEqualTo(2);
        } finally {
            System.setErr(old);
        }
        assertThat(err.toString().strip()).startsWith("run directory not found: ").doesNotContain("\n");
    }

    static String micro(long ts, String venue, double spread, long depth) {
        return "{\"ts\":" + ts + ",\"venue\":\"" + venue + "\",\"symbol\":\"X/USD\",\"spread_bps\":" + spread + ",\"depth_usd\":" + depth + "}";
    }

    static String bar(long ts, String iv, double o, double h, double l, double c, String origin) {
        return "{\"ts\":" + ts + ",\"symbol\":\"X/USD\",\"interval\":\"" + iv + "\",\"open\":" + o + ",\"high\":" + h + ",\"low\":" + l
                + ",\"close\":" + c + ",\"origin\":\"" + origin + "\"}";
    }
}
