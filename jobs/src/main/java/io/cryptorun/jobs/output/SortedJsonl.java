package io.cryptorun.jobs.output;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Turns a sink's part files into one canonical JSONL file. Part files come out in an order that
 * depends on parallelism and scheduling; sorting every line by its leading {@code "ts"} and then
 * by its full text gives one total order, so the same input always yields the same bytes.
 *
 * <p>Every line the project writes starts with {@code {"ts":<epoch µs>,}: see {@link JsonCodec}.
 */
public final class SortedJsonl {
    private SortedJsonl() {}

    /** Orders lines by numeric {@code ts} (first field), then by text. */
    public static final Comparator<String> ORDER =
            Comparator.comparingLong(SortedJsonl::leadingTs).thenComparing(Comparator.naturalOrder());

    static long leadingTs(String line) {
        final String prefix = "{\"ts\":";
        if (!line.startsWith(prefix)) {
            throw new IllegalArgumentException("output line does not start with {\"ts\": " + abbreviate(line));
        }
        long v = 0;
        boolean neg = false;
        int i = prefix.length();
        if (i < line.length() && line.charAt(i) == '-') {
            neg = true;
            i++;
        }
        int start = i;
        for (; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c < '0' || c > '9') break;
            v = v * 10 + (c - '0');
        }
        if (i == start) {
            throw new IllegalArgumentException("ts is not an integer: " + abbreviate(line));
        }
        return neg ? -v : v;
    }

    private static String abbreviate(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "…" : s;
    }

    /**
     * Reads every regular file under {@code partsDir} (recursively, hidden/in-progress files
     * excluded), sorts all lines and writes them to {@code target}.
     *
     * @return number of lines written
     */
    public static long merge(Path partsDir, Path target) throws IOException {
        return merge(partsDir, target, line -> {}).lines();
    }

    /**
     * What {@link #merge(Path, Path, Consumer)} wrote.
     *
     * @param lines  lines written
     * @param sha256 lower-case hex SHA-256 of the bytes written (as {@code Manifest.sha256} of the file)
     */
    public record Merged(long lines, String sha256) {}

    /**
     * {@link #merge(Path, Path)}, handing every line to {@code eachLine} in the canonical order as it
     * is written and hashing the bytes on their way to the file, so that nothing needs to read the
     * output back (issue 16: {@link ReplaySummary} re-reading 150 MB was a quarter of a cold replay).
     */
    public static Merged merge(Path partsDir, Path target, Consumer<String> eachLine) throws IOException {
        List<Keyed> lines = new ArrayList<>();
        if (Files.isDirectory(partsDir)) {
            List<Path> parts;
            try (Stream<Path> s = Files.walk(partsDir)) {
                parts = s.filter(Files::isRegularFile)
                        .filter(p -> !p.getFileName().toString().startsWith("."))
                        .sorted()
                        .toList();
            }
            for (Path p : parts) {
                for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
                    if (!line.isEmpty()) lines.add(new Keyed(leadingTs(line), line));
                }
            }
        }
        lines.sort(Keyed.ORDER);
        Files.createDirectories(target.toAbsolutePath().getParent());
        MessageDigest sha256 = sha256();
        try (BufferedWriter w = new BufferedWriter(new OutputStreamWriter(
                new DigestOutputStream(Files.newOutputStream(target), sha256), StandardCharsets.UTF_8), 1 << 16)) {
            for (Keyed k : lines) {
                w.write(k.line);
                w.write('\n');
                eachLine.accept(k.line);
            }
        }
        return new Merged(lines.size(), HexFormat.of().formatHex(sha256.digest()));
    }

    /**
     * A line decorated once with its parsed {@code ts}, so that sorting compares longs and parses
     * nothing (issue 16: {@link #ORDER} re-parsed both lines in every comparison, 7 % of a cold
     * replay). Same order as {@link #ORDER}.
     */
    private record Keyed(long ts, String line) {
        static final Comparator<Keyed> ORDER = (a, b) -> a.ts != b.ts ? Long.compare(a.ts, b.ts) : a.line.compareTo(b.line);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Lists in-progress part files (dot-prefixed) left under {@code partsDir}: a replay must leave none. */
    public static List<Path> uncommittedParts(Path partsDir) throws IOException {
        if (!Files.isDirectory(partsDir)) return List.of();
        try (Stream<Path> s = Files.walk(partsDir)) {
            return s.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().startsWith(".")).sorted().toList();
        }
    }
}
