package io.cryptorun.jobs.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The restore-continuity verdict on file-sink output written here: a clean resume, then each way it can go wrong. */
class RestoreContinuityTest {
    static final long FIRST = 1736121600000500L;
    static final long S = 1_000_000L;

    @TempDir
    Path out;

    final Set<String> job1 = new HashSet<>();

    /** Rows for symbols A and B at FIRST + 100 s + [from, to] seconds, frame = second, into one part file. */
    Path part(String stream, String name, int from, int to, boolean ofJob1) throws IOException {
        Path dir = Files.createDirectories(out.resolve("_parts").resolve(stream).resolve("2025-01-06--00"));
        StringBuilder b = new StringBuilder();
        for (int sec = from; sec <= to; sec++) {
            for (String sym : List.of("A", "B")) {
                b.append("{\"symbol\":\"").append(sym).append("\",\"ts\":").append(FIRST + (100 + sec) * S)
                        .append(",\"frame\":").append(sec).append("}\n");
            }
        }
        Path p = dir.resolve(name);
        Files.writeString(p, b.toString());
        if (ofJob1) job1.add(p.toString());
        return p;
    }

    List<RestoreContinuity.Claim> check() throws IOException {
        return RestoreContinuity.check(out.resolve("_parts"), job1, FIRST);
    }

    @Test
    void theVeryNextSecondIsACleanResume() throws IOException {
        part("microstructure", "part-0-0", 0, 9, true);
        part("microstructure", "part-1-0", 10, 20, false);
        Files.createDirectories(out.resolve("_parts/quarantine"));
        Files.writeString(out.resolve("_parts/quarantine/part-1-0"), "{\"reason\":\"bad_checksum\"}\n");
        List<RestoreContinuity.Claim> c = check();
        assertThat(c).extracting(RestoreContinuity.Claim::ok).containsOnly(true).hasSize(6);
        assertThat(RestoreContinuity.allOk(c)).isTrue();
        assertThat(c.get(1).text()).isEqualTo("job 2 starts 110 s into the fixture, not at its start (a fresh job would)");
    }

    @Test
    void aRepeatedSecondIsADuplicateAndAZeroGap() throws IOException {
        part("microstructure", "part-0-0", 0, 9, true);
        part("microstructure", "part-1-0", 9, 20, false);
        List<RestoreContinuity.Claim> c = check();
        assertThat(c.get(3).ok()).isFalse();
        assertThat(c.get(3).text()).contains("(2 duplicates)");
        assertThat(c.get(4).ok()).isFalse();
    }

    @Test
    void aSkippedSecondIsAGap() throws IOException {
        part("microstructure", "part-0-0", 0, 9, true);
        part("microstructure", "part-1-0", 11, 20, false);
        List<RestoreContinuity.Claim> c = check();
        assertThat(c.get(3).ok()).isTrue();
        assertThat(c.get(4).ok()).isFalse();
        assertThat(c.get(4).text()).contains("[2000000]");
    }

    /** The cut landed where a quiet market's book had just gone stale (CI saw JASMY/USD: age 59,357 ms, next row 13 s on). */
    @Test
    void aGapAfterTheBooksLastValidSecondIsNoLoss() throws IOException {
        part("microstructure", "part-0-0", 0, 9, true);
        Path dir = out.resolve("_parts/microstructure/2025-01-06--00");
        Files.writeString(dir.resolve("part-0-1"), "{\"symbol\":\"C\",\"ts\":" + (FIRST + 109 * S)
                + ",\"frame\":9,\"book_age_ms\":59357}\n");
        job1.add(dir.resolve("part-0-1").toString());
        part("microstructure", "part-1-0", 10, 20, false);
        Files.writeString(dir.resolve("part-1-1"), "{\"symbol\":\"C\",\"ts\":" + (FIRST + 122 * S)
                + ",\"frame\":22,\"book_age_ms\":296}\n");
        List<RestoreContinuity.Claim> c = check();
        assertThat(c.get(4).ok()).as(c.get(4).text()).isTrue();
        assertThat(c.get(4).text()).contains("went stale (1)");

        // the same gap from a book that was young: seconds lost
        Files.writeString(dir.resolve("part-0-1"), "{\"symbol\":\"C\",\"ts\":" + (FIRST + 109 * S)
                + ",\"frame\":9,\"book_age_ms\":30000}\n");
        assertThat(check().get(4).ok()).isFalse();
    }

    @Test
    void aFreshStartAndLostBooksFail() throws IOException {
        // job 1 wrote nothing listed, job 2 starts 60 s (exactly the bound, not beyond) into the fixture
        part("microstructure", "part-1-0", -40, -30, false);
        Files.createDirectories(out.resolve("_parts/quarantine"));
        Files.writeString(out.resolve("_parts/quarantine/part-1-0"), "{\"reason\":\"update_before_snapshot\"}\n");
        List<RestoreContinuity.Claim> c = check();
        assertThat(c.get(0).ok()).isFalse();
        assertThat(c.get(1).ok()).isFalse();
        assertThat(c.get(5).ok()).isFalse();
        assertThat(c.get(5).text()).startsWith("order books restored: 1 ");
        assertThat(RestoreContinuity.allOk(c)).isFalse();
    }

    @Test
    void sixtyOneSecondsInIsAResume() throws IOException {
        part("microstructure", "part-0-0", -50, -40, true);
        part("microstructure", "part-1-0", -39, -30, false);
        assertThat(check().get(1).ok()).isTrue(); // 61 s > 60 s
    }
}
