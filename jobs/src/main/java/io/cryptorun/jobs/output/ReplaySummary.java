package io.cryptorun.jobs.output;

import io.cryptorun.sources.fixture.Manifest;
import io.cryptorun.sources.json.JsonWriter;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * {@code summary.json} of a replay. Everything in it is derived from the input and the canonical
 * output files (never from wall-clock time), so it is byte-identical across runs too.
 *
 * <p>Counts of what was written (microstructure, bars per interval, quarantined per reason) are
 * taken from the canonical output lines themselves, by a {@link Tally} that sees every line as
 * {@link SortedJsonl#merge} writes it (or, for files already written, as it reads them back);
 * counts of what was processed (frames, snapshots, checksums) come from the job's accumulators.
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
        return build(counters, settings, Tally.read(outDir, outputFiles), outputFiles);
    }

    /** From a {@link Tally} that has seen every line and the sha256 of each of {@code outputFiles}. */
    public static String build(Map<String, Long> counters, Map<String, String> settings, Tally tally, String... outputFiles) {
        JsonWriter w = new JsonWriter().beginObject();
        for (String c : COUNTERS) {
            w.field(c, counters.getOrDefault(c, 0L));
        }
        w.name("quarantined").beginObject();
        writeCounts(w, tally.file(OutputFiles.QUARANTINE).by);
        w.endObject();
        FileTally micro = tally.file(OutputFiles.MICROSTRUCTURE);
        w.field("microstructure", micro.lines);
        w.name("microstructure_by_venue").beginObject();
        writeCounts(w, micro.by);
        w.endObject();
        w.name("bars").beginObject();
        writeCounts(w, tally.file(OutputFiles.BARS).by);
        w.endObject();
        analytics(w, tally);
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
            w.field(f, tally.sha256(f));
        }
        w.endObject();
        return w.endObject().toString() + "\n";
    }

    /** Counts of the analytics outputs. */
    static void analytics(JsonWriter w, Tally tally) {
        FileTally regimes = tally.file(OutputFiles.REGIME);
        w.name("regime").beginObject().field("votes", regimes.lines).field("changes", tally.regimeChanges);
        w.name("by_regime").beginObject();
        writeCounts(w, regimes.by);
        w.endObject().endObject();
        w.field("scores", tally.file(OutputFiles.SCORES).lines).field("gates_passed", tally.scoresPassed);
        w.name("gate_trips").beginObject();
        writeCounts(w, tally.gateTrips);
        w.endObject();
        w.field("alerts", tally.file(OutputFiles.ALERTS).lines);
        w.name("suppressed").beginObject();
        writeCounts(w, tally.file(OutputFiles.SUPPRESSED).by);
        w.endObject();
        w.name("exits").beginObject();
        writeCounts(w, tally.file(OutputFiles.EXITS).by);
        w.endObject();
        w.field("control_commands", tally.file(OutputFiles.CONTROL_AUDIT).lines);
    }

    private static void writeCounts(JsonWriter w, Map<String, Long> counts) {
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            w.field(e.getKey(), e.getValue());
        }
    }

    /** Lines of one output file, and its counts by the one field the summary breaks it down by (sorted keys). */
    static final class FileTally {
        long lines;
        final Map<String, Long> by = new TreeMap<>();
    }

    /**
     * What the summary says about the output files, accumulated one canonical line at a time with a
     * field scan ({@link JsonMembers}) instead of a JSON tree per line, plus each file's sha256.
     * Feed each file's lines in the file's order (the regime changes depend on it).
     */
    public static final class Tally {
        private final Map<String, FileTally> files = new HashMap<>();
        private final Map<String, String> sha256 = new HashMap<>();
        private String lastRegime;
        long regimeChanges;
        long scoresPassed;
        final Map<String, Long> gateTrips = new TreeMap<>();

        /** Reads the files back from {@code outDir} (missing files count as empty). */
        public static Tally read(Path outDir, String... outputFiles) throws IOException {
            Tally t = new Tally();
            for (String f : outputFiles) {
                Path file = outDir.resolve(f);
                if (!Files.exists(file)) continue;
                Consumer<String> sink = t.lines(f);
                try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        if (!line.isEmpty()) sink.accept(line);
                    }
                }
                t.sha256(f, Manifest.sha256(file));
            }
            return t;
        }

        /** The consumer of {@code file}'s non-empty lines, in the file's order. */
        public Consumer<String> lines(String file) {
            FileTally t = file(file);
            return switch (file) {
                case OutputFiles.QUARANTINE, OutputFiles.SUPPRESSED, OutputFiles.EXITS -> line -> countBy(t, line, "reason");
                case OutputFiles.MICROSTRUCTURE -> line -> countBy(t, line, "venue");
                case OutputFiles.BARS -> line -> countBy(t, line, "interval");
                case OutputFiles.REGIME -> line -> {
                    String regime = countBy(t, line, "regime");
                    if (lastRegime != null && !regime.equals(lastRegime)) regimeChanges++;
                    lastRegime = regime;
                };
                case OutputFiles.SCORES -> line -> {
                    t.lines++;
                    score(line);
                };
                default -> line -> t.lines++;
            };
        }

        /** Records {@code file}'s sha256 (lower-case hex of its bytes). */
        public void sha256(String file, String hex) {
            sha256.put(file, hex);
        }

        String sha256(String file) {
            String hex = sha256.get(file);
            if (hex == null) throw new IllegalStateException("no sha256 recorded for " + file);
            return hex;
        }

        FileTally file(String file) {
            return files.computeIfAbsent(file, f -> new FileTally());
        }

        private static String countBy(FileTally t, String line, String field) {
            String key = JsonMembers.text(line, field);
            t.lines++;
            t.by.merge(key, 1L, Long::sum);
            return key;
        }

        /** A score line: its {@code pass}, and every gate of {@code gates} (a trip when the gate's {@code pass} is false). */
        private void score(String line) {
            if (JsonMembers.bool(line, 0, "pass")) scoresPassed++;
            int gates = JsonMembers.valueStart(line, 0, "gates");
            if (gates < 0 || line.charAt(gates) != '{') return;
            JsonMembers.forEach(line, gates, (name, start, end) -> {
                boolean pass = line.charAt(start) == '{' && JsonMembers.bool(line, start, "pass");
                gateTrips.merge(name, pass ? 0L : 1L, Long::sum);
            });
        }
    }
}
