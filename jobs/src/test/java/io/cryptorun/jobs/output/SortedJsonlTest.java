package io.cryptorun.jobs.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The merged file is every part line once, in (numeric ts, then text) order, rebuilt here independently. */
class SortedJsonlTest {
    private static final Pattern TS = Pattern.compile("^\\{\"ts\":(-?[0-9]+)");

    @TempDir
    Path dir;

    @Test
    void mergeOrdersByNumericTsThenTextAcrossPartFiles() throws Exception {
        Random rnd = new Random(16);
        List<String> lines = new ArrayList<>();
        long[] ts = {-5, 0, 9, 10, 99, 100, 1736121601000000L, 1736121601000001L, Long.MAX_VALUE};
        for (int i = 0; i < 3000; i++) {
            // ts of different digit counts (text order would differ), ties on ts, identical lines, non-ASCII text
            lines.add("{\"ts\":" + ts[rnd.nextInt(ts.length)] + ",\"symbol\":\"" + (char) ('A' + rnd.nextInt(5))
                    + (rnd.nextInt(7) == 0 ? "é" : "") + "\",\"n\":" + rnd.nextInt(4) + "}");
        }
        Collections.shuffle(lines, rnd);
        Path parts = dir.resolve("parts");
        Files.createDirectories(parts.resolve("sub"));
        Files.write(parts.resolve("part-a"), withBlanks(lines.subList(0, 1000)), StandardCharsets.UTF_8);
        Files.write(parts.resolve("sub").resolve("part-b"), lines.subList(1000, 2000), StandardCharsets.UTF_8);
        Files.write(parts.resolve("part-c"), lines.subList(2000, 3000), StandardCharsets.UTF_8);
        Files.write(parts.resolve(".part-d.inprogress"), List.of("{\"ts\":1,\"never\":true}"), StandardCharsets.UTF_8);

        List<String> seen = new ArrayList<>();
        SortedJsonl.Merged m = SortedJsonl.merge(parts, dir.resolve("out.jsonl"), seen::add);

        List<String> expected = new ArrayList<>(lines);
        expected.sort((a, b) -> {
            int c = Long.compare(ts(a), ts(b));
            return c != 0 ? c : a.compareTo(b);
        });
        assertThat(Files.readAllLines(dir.resolve("out.jsonl"), StandardCharsets.UTF_8)).containsExactlyElementsOf(expected);
        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(m.lines()).isEqualTo(3000);
        assertThat(m.sha256()).isEqualTo(io.cryptorun.sources.fixture.Manifest.sha256(dir.resolve("out.jsonl")));
    }

    @Test
    void aLineWithoutLeadingTsIsRefused() throws Exception {
        Path parts = dir.resolve("bad");
        Files.createDirectories(parts);
        Files.write(parts.resolve("part-0"), List.of("{\"ts\":1}", "{\"venue\":\"x\",\"ts\":2}"), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> SortedJsonl.merge(parts, dir.resolve("bad.jsonl")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not start with");
    }

    private static List<String> withBlanks(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            out.add(l);
            out.add("");
        }
        return out;
    }

    private static long ts(String line) {
        Matcher m = TS.matcher(line);
        if (!m.find()) throw new AssertionError(line);
        return Long.parseLong(m.group(1));
    }
}
