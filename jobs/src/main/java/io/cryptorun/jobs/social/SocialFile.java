package io.cryptorun.jobs.social;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptorun.functions.scan.SocialSignal;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Social readings for a replay (issue 14), one JSON object per line — the same messages as the
 * {@code cryptorun.social} topic: {@code {"ts":1736125200000000,"symbol":"SOL/USD","social":12.5}}
 * ({@code ts} epoch µs, {@code social} the raw value; the scorer caps what it adds at +10, added last,
 * SPEC §7). A fixture directory may hold {@value #FILE_NAME} ({@code cryptorun simulate --scenario}
 * writes one); the replay then feeds it to the scan. Blank lines and {@code #} lines are skipped; a line
 * that is not such an object fails the replay with its line number (a bad input file should not pass silently).
 */
public final class SocialFile {
    public static final String FILE_NAME = "social.jsonl";

    private SocialFile() {}

    /** One reading from its JSON object, or null when it is not a valid reading. */
    public static SocialSignal of(JsonNode n) {
        if (n == null || !n.isObject() || !n.path("ts").isIntegralNumber() || !n.path("symbol").isTextual()
                || !n.path("social").isNumber() || n.path("symbol").asText().isEmpty()) {
            return null;
        }
        double v = n.path("social").decimalValue().doubleValue();
        if (!Double.isFinite(v)) {
            return null;
        }
        return new SocialSignal(n.path("ts").asLong(), n.path("symbol").asText(), v);
    }

    /** The readings of {@code dir}/{@value #FILE_NAME}, sorted by time then symbol; empty when the file is absent. */
    public static List<SocialSignal> forFixtures(Path dir) throws IOException {
        Path f = dir.resolve(FILE_NAME);
        return Files.isDirectory(dir) && Files.isRegularFile(f) ? read(f) : List.of();
    }

    public static List<SocialSignal> read(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<SocialSignal> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            long no = 0;
            while ((line = r.readLine()) != null) {
                no++;
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                SocialSignal s;
                try {
                    s = of(json.readTree(t));
                } catch (IOException e) {
                    s = null;
                }
                if (s == null) {
                    throw new IOException(file + " line " + no
                            + ": not a social reading {\"ts\":<epoch µs>,\"symbol\":\"<pair>\",\"social\":<number>}");
                }
                out.add(s);
            }
        }
        out.sort(Comparator.comparingLong(SocialSignal::tsMicros).thenComparing(SocialSignal::symbol));
        return List.copyOf(out);
    }
}
