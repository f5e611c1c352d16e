package io.cryptorun.jobs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What a finished replay prints: the counts a person looks at first, read from
 * {@code summary.json} (so the two cannot disagree), where the files are and the wall time since
 * the command started; or, for scripts, {@code summary.json} alone ({@code --json}) or nothing
 * ({@code --quiet}).
 */
final class RunSummary {
    private RunSummary() {}

    static void print(ReplayRunner.Result r, ReplayOptions o, PrintStream out) throws IOException {
        if (o.quiet) return;
        if (o.json) {
            out.print(r.summaryJson());
            return;
        }
        out.print(human(r, wallMillis()));
    }

    /** Milliseconds since this JVM started: the time the person waited, build excepted. */
    static long wallMillis() {
        return System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    }

    static String human(ReplayRunner.Result r, long wallMs) throws IOException {
        JsonNode s = new ObjectMapper().readTree(r.summaryJson());
        double seconds = Math.max(1, wallMs) / 1000.0;
        StringBuilder b = new StringBuilder();
        b.append(String.format("done in %.1f s: %,d frames (%,.0f frames/s)%n", seconds, s.path("frames").asLong(),
                s.path("frames").asLong() / seconds));
        row(b, "books", String.format("%,d snapshots, %,d updates; checksums %,d ok, %,d mismatched; %,d books invalidated, %,d recovered",
                n(s, "book_snapshots"), n(s, "book_updates"), n(s, "checksum_ok"), n(s, "checksum_mismatch"),
                n(s, "books_invalidated"), n(s, "books_recovered")));
        row(b, "microstructure", String.format("%,d rows (%s)", n(s, "microstructure"), counts(s.path("microstructure_by_venue"))));
        row(b, "quarantined", String.format("%,d (%s)", total(s.path("quarantined")), counts(s.path("quarantined"))));
        row(b, "regime", String.format("%,d votes, %,d changes", s.path("regime").path("votes").asLong(),
                s.path("regime").path("changes").asLong()));
        row(b, "scores", String.format("%,d, %,d passed every gate; gate trips: %s", n(s, "scores"), n(s, "gates_passed"),
                counts(s.path("gate_trips"))));
        row(b, "alerts", String.format("%,d sent, %,d suppressed (%s)", n(s, "alerts"), total(s.path("suppressed")),
                counts(s.path("suppressed"))));
        row(b, "exits", String.format("%,d (%s)", total(s.path("exits")), counts(s.path("exits"))));
        row(b, "outputs", r.outDir().toAbsolutePath().normalize() + "/ (summary.json, *.jsonl)");
        if (r.savepoint() != null) row(b, "savepoint", r.savepoint());
        if (n(s, "alerts") == 0) {
            b.append("no alert: nothing passed every gate and the throttle; see docs/GETTING_STARTED.md (\"Why no alert?\")")
                    .append(System.lineSeparator());
        }
        return b.toString();
    }

    private static void row(StringBuilder b, String name, String value) {
        b.append(String.format("  %-15s %s%n", name, value));
    }

    private static long n(JsonNode s, String field) {
        return s.path(field).asLong();
    }

    private static long total(JsonNode counts) {
        long t = 0;
        for (JsonNode v : counts) t += v.asLong();
        return t;
    }

    /** {@code a 3, b 1}, or {@code none}. */
    private static String counts(JsonNode counts) {
        List<String> parts = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = counts.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            parts.add(e.getKey() + " " + String.format("%,d", e.getValue().asLong()));
        }
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }
}
