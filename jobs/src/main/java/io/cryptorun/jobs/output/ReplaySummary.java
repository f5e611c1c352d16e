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
        w.name("sha256").beginObject();
        for (String f : outputFiles) {
            w.field(f, Manifest.sha256(outDir.resolve(f)));
        }
        w.endObject();
        return w.endObject().toString() + "\n";
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
