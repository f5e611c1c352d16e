package io.cryptorun.jobs.output;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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
        List<String> lines = new ArrayList<>();
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
                    if (!line.isEmpty()) lines.add(line);
                }
            }
        }
        lines.sort(ORDER);
        Files.createDirectories(target.toAbsolutePath().getParent());
        try (BufferedWriter w = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
            for (String line : lines) {
                w.write(line);
                w.write('\n');
            }
        }
        return lines.size();
    }

    /** Lists in-progress part files (dot-prefixed) left under {@code partsDir}: a replay must leave none. */
    public static List<Path> uncommittedParts(Path partsDir) throws IOException {
        if (!Files.isDirectory(partsDir)) return List.of();
        try (Stream<Path> s = Files.walk(partsDir)) {
            return s.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().startsWith(".")).sorted().toList();
        }
    }
}
