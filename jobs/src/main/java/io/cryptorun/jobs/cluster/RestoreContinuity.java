package io.cryptorun.jobs.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Did a job restored from a savepoint carry the state over? Compares the committed file-sink output
 * ({@code <out>/_parts/<stream>/.../part-*}) of the job before the stop (the files listed when it
 * stopped) with what the restored job wrote after it: the replay source resumed mid-fixture (not at
 * its start), the order books came back from keyed state (no book update quarantined as
 * {@code update_before_snapshot}), and per symbol the restored job continues with the very next
 * second — nothing emitted twice, nothing skipped. Used by deploy/local/cluster-test.sh through
 * {@code cryptorun verify-restore}.
 */
public final class RestoreContinuity {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A fresh job would start at the fixture's first second; a restored one well after it. */
    static final long MIN_RESUME_OFFSET_MICROS = 60_000_000L;
    static final long ONE_SECOND_MICROS = 1_000_000L;
    /** A book older than this emits nothing (OrderBookFunction.MAX_BOOK_AGE_MICROS, SPEC §4). */
    static final long MAX_BOOK_AGE_MICROS = 60_000_000L;

    public record Claim(boolean ok, String text) {
        public String line() {
            return (ok ? "  ok   " : "  FAIL ") + text;
        }
    }

    private RestoreContinuity() {}

    public static boolean allOk(List<Claim> claims) {
        return !claims.isEmpty() && claims.stream().allMatch(Claim::ok);
    }

    /**
     * @param parts {@code <out>/_parts}
     * @param job1Files the part files that existed when the first job stopped (absolute paths)
     * @param firstTs the fixture's first event time (µs, manifest {@code first_ts})
     */
    public static List<Claim> check(Path parts, Set<String> job1Files, long firstTs) throws IOException {
        List<JsonNode> m1 = rows(parts, "microstructure", job1Files, true);
        List<JsonNode> m2 = rows(parts, "microstructure", job1Files, false);
        List<JsonNode> q2 = rows(parts, "quarantine", job1Files, false);
        List<Claim> claims = new ArrayList<>();
        claims.add(new Claim(!m1.isEmpty() && !m2.isEmpty(), "microstructure rows: job 1 " + m1.size() + ", job 2 " + m2.size()));
        long start2 = m2.stream().mapToLong(r -> r.path("ts").asLong()).min().orElse(firstTs);
        claims.add(new Claim(start2 - firstTs > MIN_RESUME_OFFSET_MICROS, "job 2 starts " + (start2 - firstTs) / ONE_SECOND_MICROS
                + " s into the fixture, not at its start (a fresh job would)"));

        Map<String, JsonNode> last1 = new TreeMap<>();
        for (JsonNode r : m1) {
            JsonNode cur = last1.get(r.path("symbol").asText());
            if (cur == null || r.path("ts").asLong() >= cur.path("ts").asLong()) last1.put(r.path("symbol").asText(), r);
        }
        Map<String, JsonNode> first2 = new TreeMap<>();
        for (JsonNode r : m2) {
            JsonNode cur = first2.get(r.path("symbol").asText());
            if (cur == null || r.path("ts").asLong() < cur.path("ts").asLong()) first2.put(r.path("symbol").asText(), r);
        }
        if (first2.isEmpty()) {
            claims.add(new Claim(false, "job 2 has rows"));
        } else {
            boolean ordered = first2.entrySet().stream().filter(e -> last1.containsKey(e.getKey()))
                    .allMatch(e -> e.getValue().path("frame").asLong() >= last1.get(e.getKey()).path("frame").asLong());
            String s = first2.keySet().iterator().next();
            JsonNode l = last1.get(s);
            claims.add(new Claim(ordered, "per symbol, job 2's first row comes from the same or a later frame than job 1's last (e.g. "
                    + s + ": frame " + (l == null ? "None" : l.path("frame").asText()) + " -> " + first2.get(s).path("frame").asText() + ")"));
        }

        Map<String, Set<Long>> seen = new HashMap<>();
        long dups = 0;
        for (List<JsonNode> rows : List.of(m1, m2)) {
            for (JsonNode r : rows) {
                if (!seen.computeIfAbsent(r.path("symbol").asText(), k -> new HashSet<>()).add(r.path("ts").asLong())) dups++;
            }
        }
        claims.add(new Claim(dups == 0, "no (symbol, second) emitted twice across the stop/restore (" + dups + " duplicates)"));

        // A longer gap is right where job 1's last row was the book's last valid second: a quiet market's book
        // turns stale (older than the 60 s limit) and emits nothing until its next update, in any run. A cut
        // that lands in such a stretch shows it as a gap at the cut.
        Set<Long> gaps = new TreeSet<>();
        int both = 0;
        int afterStale = 0;
        for (Map.Entry<String, JsonNode> e : first2.entrySet()) {
            JsonNode l = last1.get(e.getKey());
            if (l == null) continue;
            both++;
            long gap = e.getValue().path("ts").asLong() - l.path("ts").asLong();
            if (gap > ONE_SECOND_MICROS && l.path("book_age_ms").asLong() * 1000 + ONE_SECOND_MICROS > MAX_BOOK_AGE_MICROS) {
                afterStale++;
            } else {
                gaps.add(gap);
            }
        }
        claims.add(new Claim(both > 0 && (gaps.isEmpty() || gaps.equals(Set.of(ONE_SECOND_MICROS))),
                "for all " + both + " symbols job 2 continues with the very next second (gaps " + gaps + " µs)"
                        + (afterStale > 0 ? ", or with the next update after the book went stale (" + afterStale + ")" : "")));

        long lost = q2.stream().filter(q -> "update_before_snapshot".equals(q.path("reason").asText())).count();
        claims.add(new Claim(lost == 0, "order books restored: " + lost + " book updates quarantined as update_before_snapshot in job 2"));
        return claims;
    }

    /** The rows of one stream's part files, of job 1 (listed) or of job 2 (not listed). */
    static List<JsonNode> rows(Path parts, String stream, Set<String> job1Files, boolean job1) throws IOException {
        Path dir = parts.resolve(stream);
        List<JsonNode> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) return out;
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList();
        }
        for (Path p : files) {
            if (job1Files.contains(p.toString()) != job1) continue;
            try (BufferedReader in = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (!line.isBlank()) out.add(JSON.readTree(line));
                }
            }
        }
        return out;
    }
}
