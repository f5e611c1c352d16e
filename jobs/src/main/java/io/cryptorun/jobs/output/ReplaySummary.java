package io.cryptorun.jobs.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptorun.sources.fixture.Manifest;
import io.cryptorun.sources.json.JsonWriter;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code summary.json} of a replay. Everything in it is derived from the input and the canonical
 * output files (never from wall-clock time), so it is byte-identical across runs too.
 *
 * <p>Counts of what was written (microstructure, bars per interval, quarantined per reason) are
 * read back from the output files themselves; counts of what was processed (frames, snapshots,
 * checksums) come from the job's accumulators.
 */
public final class ReplaySummary {
    /** Accumulator names the job registers; keys of summary.json. */
    public static final String[] COUNTERS = {
        "frames", "book_snapshots", "book_updates", "checksum_ok", "checksum_mismatch", "books_invalidated", "trades",
        "sequence_gap", "book_out_of_order", "crossed_book", "precision_exceeded", "stale_dropped", "books_recovered",
    };

    private ReplaySummary() {}

    public static String build(Map<String, Long> counters, Path outDir, String... outputFiles) throws IOException {
        return build(counters, Map.of(), outDir, outputFiles);
    }

    /** With {@code settings}: the thresholds in force, key → exact decimal text, written under {@code settings}. */
    public static String build(Map<String, Long> counters, Map<String, String> settings, Path outDir, String... outputFiles)
            throws IOException {
        JsonWriter w = new JsonWriter().beginObject();
        for (String c : COUNTERS) {
            w.field(c, counters.getOrDefault(c, 0L));
        }
        w.name("quarantined").beginObject();
        for (Map.Entry<String, Long> e : countBy(outDir.resolve(OutputFiles.QUARANTINE), "reason").entrySet()) {
            w.field(e.getKey(), e.getValue());
        }
        w.endObject();
        w.field("microstructure", lines(outDir.resolve(OutputFiles.MICROSTRUCTURE)));
        w.name("microstructure_by_venue").beginObject();
        for (Map.Entry<String, Long> e : countBy(outDir.resolve(OutputFiles.MICROSTRUCTURE), "venue").entrySet()) {
            w.field(e.getKey(), e.getValue());
        }
        w.endObject();
        w.name("bars").beginObject();
        for (Map.Entry<String, Long> e : countBy(outDir.resolve(OutputFiles.BARS), "interval").entrySet()) {
            w.field(e.getKey(), e.getValue());
        }
        w.endObject();
        analytics(w, outDir);
        if (!settings.isEmpty()) {
            w.name("settings").beginObject();
            for (Map.Entry<String, String> e : settings.entrySet()) {
                w.name(e.getKey());
                java.math.BigDecimal d = new java.math.BigDecimal(e.getValue());
                w.value(d.unscaledValue().longValueExact(), d.scale()); // the exact decimal, as a JSON number
            }
            w.endObject();
        }
        w.name("sha256").beginObject();
        for (String f : outputFiles) {
            w.field(f, Manifest.sha256(outDir.resolve(f)));
        }
        w.endObject();
        return w.endObject().toString() + "\n";
    }

    /** Counts of the analytics outputs, read back from their files. */
    static void analytics(JsonWriter w, Path outDir) throws IOException {
        List<JsonNode> regimes = read(outDir.resolve(OutputFiles.REGIME));
        long changes = 0;
        for (int i = 1; i < regimes.size(); i++) {
            if (!regimes.get(i).path("regime").asText().equals(regimes.get(i - 1).path("regime").asText())) {
                changes++;
            }
        }
        w.name("regime").beginObject().field("votes", regimes.size()).field("changes", changes);
        w.name("by_regime").beginObject();
        writeCounts(w, countBy(outDir.resolve(OutputFiles.REGIME), "regime"));
        w.endObject().endObject();
        Map<String, Long> trips = new TreeMap<>();
        long scores = 0;
        long passed = 0;
        for (JsonNode n : read(outDir.resolve(OutputFiles.SCORES))) {
            scores++;
            if (n.path("pass").asBoolean()) {
                passed++;
            }
            n.path("gates").fields().forEachRemaining(g -> {
                trips.putIfAbsent(g.getKey(), 0L);
                if (!g.getValue().path("pass").asBoolean()) {
                    trips.merge(g.getKey(), 1L, Long::sum);
                }
            });
        }
        w.field("scores", scores).field("gates_passed", passed);
        w.name("gate_trips").beginObject();
        writeCounts(w, trips);
        w.endObject();
        w.field("alerts", lines(outDir.resolve(OutputFiles.ALERTS)));
        w.name("suppressed").beginObject();
        writeCounts(w, countBy(outDir.resolve(OutputFiles.SUPPRESSED), "reason"));
        w.endObject();
        w.name("exits").beginObject();
        writeCounts(w, countBy(outDir.resolve(OutputFiles.EXITS), "reason"));
        w.endObject();
        w.field("control_commands", lines(outDir.resolve(OutputFiles.CONTROL_AUDIT)));
    }

    private static void writeCounts(JsonWriter w, Map<String, Long> counts) {
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            w.field(e.getKey(), e.getValue());
        }
    }

    private static List<JsonNode> read(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        if (!Files.exists(file)) return out;
        ObjectMapper json = new ObjectMapper();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isEmpty()) out.add(json.readTree(line));
            }
        }
        return out;
    }

    static long lines(Path file) throws IOException {
        if (!Files.exists(file)) return 0;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return r.lines().filter(l -> !l.isEmpty()).count();
        }
    }

    /** Counts lines by the text of one field; sorted keys for a stable summary. */
    static Map<String, Long> countBy(Path file, String field) throws IOException {
        Map<String, Long> counts = new TreeMap<>();
        if (!Files.exists(file)) return counts;
        ObjectMapper json = new ObjectMapper();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isEmpty()) continue;
                JsonNode n = json.readTree(line);
                counts.merge(n.path(field).asText(""), 1L, Long::sum);
            }
        }
        return counts;
    }
}
