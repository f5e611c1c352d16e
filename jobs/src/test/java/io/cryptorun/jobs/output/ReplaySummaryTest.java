package io.cryptorun.jobs.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptorun.sources.fixture.Manifest;
import io.cryptorun.sources.json.JsonWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The summary counted while the outputs are merged (field scan, hash on the way out) equals the one
 * read back from the written files, and both equal the summary rebuilt independently here with a
 * Jackson tree per line and a sha256 of each file (what {@code ReplaySummary} did before issue 16).
 */
class ReplaySummaryTest {
    private static final String[] FILES = {OutputFiles.MICROSTRUCTURE, OutputFiles.BARS, OutputFiles.QUARANTINE,
        OutputFiles.REGIME, OutputFiles.SCORES, OutputFiles.ALERTS, OutputFiles.SUPPRESSED, OutputFiles.EXITS,
        OutputFiles.CONTROL_AUDIT, OutputFiles.UNIVERSE};

    @TempDir
    Path dir;

    @Test
    void countsWhileMergingEqualTheFilesReadBackAndAJacksonRebuild() throws Exception {
        Map<String, List<String>> parts = new TreeMap<>();
        parts.put(OutputFiles.MICROSTRUCTURE, List.of(
                "{\"ts\":3,\"venue\":\"kraken\",\"symbol\":\"A/USD\",\"note\":\"\\\"venue\\\":\\\"x\\\"\"}",
                "{\"ts\":1,\"venue\":\"coinbase\",\"x\":{\"venue\":\"nested\"}}",
                "{\"ts\":2,\"venue\":\"kr\\u0061ken\",\"symbol\":\"é/USD\"}",
                "{\"ts\":2,\"symbol\":\"no venue\"}"));
        parts.put(OutputFiles.BARS, List.of("{\"ts\":5,\"interval\":\"1m\"}", "{\"ts\":5,\"interval\":\"1h\"}",
                "{\"ts\":4,\"interval\":\"1m\"}"));
        parts.put(OutputFiles.QUARANTINE, List.of("{\"ts\":9,\"reason\":\"crossed_book\"}", "{\"ts\":8,\"reason\":\"sequence_gap\"}",
                "{\"ts\":7,\"reason\":\"crossed_book\"}"));
        // regime changes depend on the canonical (ts) order, not the part order
        parts.put(OutputFiles.REGIME, List.of("{\"ts\":30,\"regime\":\"CHOPPY\"}", "{\"ts\":10,\"regime\":\"CHOPPY\"}",
                "{\"ts\":20,\"regime\":\"HIGH_VOL\",\"votes\":{\"regime\":\"X\"}}", "{\"ts\":40,\"regime\":\"CHOPPY\"}"));
        parts.put(OutputFiles.SCORES, List.of(
                "{\"ts\":1,\"inputs\":{\"pass\":true},\"pass\":false,\"gates\":{\"freshness\":{\"pass\":true,\"reasons\":[]},"
                        + "\"score\":{\"pass\":false,\"reasons\":[\"score_below_threshold\"]}}}",
                "{\"ts\":2,\"pass\":true,\"gates\":{\"freshness\":{\"reasons\":[\"}\"],\"pass\":false},\"score\":{\"pass\":true}}}",
                "{\"ts\":3,\"pass\":true,\"gates\":{\"late_fill\":{\"pass\":false}}}"));
        parts.put(OutputFiles.ALERTS, List.of("{\"ts\":1,\"symbol\":\"A\"}", "{\"ts\":1,\"symbol\":\"B\"}"));
        parts.put(OutputFiles.SUPPRESSED, List.of("{\"ts\":1,\"reasons\":[\"cooldown\"],\"reason\":\"cooldown\"}"));
        parts.put(OutputFiles.EXITS, List.of("{\"ts\":1,\"reason\":\"hard_stop\"}", "{\"ts\":2,\"reason\":\"target_1\"}"));
        parts.put(OutputFiles.UNIVERSE, List.of("{\"ts\":1,\"symbol\":\"A\"}"));
        // control_audit: no part files at all

        ReplaySummary.Tally tally = new ReplaySummary.Tally();
        for (String f : FILES) {
            Path partDir = dir.resolve("_parts").resolve(f.substring(0, f.indexOf('.')));
            List<String> lines = parts.getOrDefault(f, List.of());
            if (!lines.isEmpty()) {
                Files.createDirectories(partDir);
                // two part files, so the merge has something to order
                int half = lines.size() / 2;
                Files.write(partDir.resolve("part-0"), lines.subList(0, half), StandardCharsets.UTF_8);
                Files.write(partDir.resolve("part-1"), lines.subList(half, lines.size()), StandardCharsets.UTF_8);
            }
            SortedJsonl.Merged m = SortedJsonl.merge(partDir, dir.resolve(f), tally.lines(f));
            assertThat(m.lines()).isEqualTo(lines.size());
            assertThat(m.sha256()).as(f).isEqualTo(Manifest.sha256(dir.resolve(f)));
            tally.sha256(f, m.sha256());
        }
        Map<String, Long> counters = Map.of("frames", 12L, "trades", 3L);
        Map<String, String> settings = Map.of("thresholds.gates.min_score", "75");

        String whileMerging = ReplaySummary.build(counters, settings, tally, FILES);
        String readBack = ReplaySummary.build(counters, settings, dir, FILES);
        String rebuilt = jacksonRebuild(counters, settings, dir);

        assertThat(whileMerging).isEqualTo(rebuilt);
        assertThat(readBack).isEqualTo(rebuilt);
        JsonNode s = new ObjectMapper().readTree(whileMerging);
        assertThat(s.path("microstructure_by_venue").toString()).isEqualTo("{\"\":1,\"coinbase\":1,\"kraken\":2}");
        assertThat(s.path("regime").toString()).isEqualTo("{\"votes\":4,\"changes\":2,\"by_regime\":{\"CHOPPY\":3,\"HIGH_VOL\":1}}");
        assertThat(s.path("gates_passed").asLong()).isEqualTo(2);
        assertThat(s.path("gate_trips").toString()).isEqualTo("{\"freshness\":1,\"late_fill\":1,\"score\":1}");
        assertThat(s.path("control_commands").asLong()).isZero();
    }

    /** The summary as the pre-issue-16 code computed it: a Jackson tree per line of each written file. */
    private static String jacksonRebuild(Map<String, Long> counters, Map<String, String> settings, Path out) throws Exception {
        JsonWriter w = new JsonWriter().beginObject();
        for (String c : ReplaySummary.COUNTERS) w.field(c, counters.getOrDefault(c, 0L));
        counts(w.name("quarantined"), countBy(out.resolve(OutputFiles.QUARANTINE), "reason"));
        w.field("microstructure", read(out.resolve(OutputFiles.MICROSTRUCTURE)).size());
        counts(w.name("microstructure_by_venue"), countBy(out.resolve(OutputFiles.MICROSTRUCTURE), "venue"));
        counts(w.name("bars"), countBy(out.resolve(OutputFiles.BARS), "interval"));
        List<JsonNode> regimes = read(out.resolve(OutputFiles.REGIME));
        long changes = 0;
        for (int i = 1; i < regimes.size(); i++) {
            if (!regimes.get(i).path("regime").asText().equals(regimes.get(i - 1).path("regime").asText())) changes++;
        }
        w.name("regime").beginObject().field("votes", regimes.size()).field("changes", changes);
        counts(w.name("by_regime"), countBy(out.resolve(OutputFiles.REGIME), "regime"));
        w.endObject();
        Map<String, Long> trips = new TreeMap<>();
        long passed = 0;
        List<JsonNode> scores = read(out.resolve(OutputFiles.SCORES));
        for (JsonNode n : scores) {
            if (n.path("pass").asBoolean()) passed++;
            n.path("gates").fields().forEachRemaining(g -> trips.merge(g.getKey(), g.getValue().path("pass").asBoolean() ? 0L : 1L, Long::sum));
        }
        w.field("scores", scores.size()).field("gates_passed", passed);
        counts(w.name("gate_trips"), trips);
        w.field("alerts", read(out.resolve(OutputFiles.ALERTS)).size());
        counts(w.name("suppressed"), countBy(out.resolve(OutputFiles.SUPPRESSED), "reason"));
        counts(w.name("exits"), countBy(out.resolve(OutputFiles.EXITS), "reason"));
        w.field("control_commands", read(out.resolve(OutputFiles.CONTROL_AUDIT)).size());
        w.name("settings").beginObject();
        for (Map.Entry<String, String> e : settings.entrySet()) {
            java.math.BigDecimal d = new java.math.BigDecimal(e.getValue());
            w.name(e.getKey()).value(d.unscaledValue().longValueExact(), d.scale());
        }
        w.endObject();
        w.name("sha256").beginObject();
        for (String f : FILES) w.field(f, Manifest.sha256(out.resolve(f)));
        w.endObject();
        return w.endObject().toString() + "\n";
    }

    private static void counts(JsonWriter w, Map<String, Long> counts) {
        w.beginObject();
        counts.forEach(w::field);
        w.endObject();
    }

    private static List<JsonNode> read(Path file) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isEmpty()) out.add(json.readTree(line));
        }
        return out;
    }

    private static Map<String, Long> countBy(Path file, String field) throws Exception {
        Map<String, Long> counts = new TreeMap<>();
        for (JsonNode n : read(file)) counts.merge(n.path(field).asText(""), 1L, Long::sum);
        return counts;
    }
}
