package io.cryptorun.jobs.replication;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cold tier on real files: hourly gzip JSONL partitions, sha256 manifests, corrupted file re-copied, interrupted copy resumed. */
class ColdTierTest {
    @TempDir
    Path tmp;

    // 2025-01-05T22:00Z .. 2025-01-06T01:59Z: 4 hours over two dates, 10 bars + 1 alert per hour
    static final long H0 = 1736114400L * 1_000_000L;
    static final long HOUR_US = 3_600_000_000L;

    private Path run() throws IOException {
        Path run = Files.createDirectories(tmp.resolve("run"));
        List<String> bars = new ArrayList<>();
        List<String> alerts = new ArrayList<>();
        for (int h = 0; h < 4; h++) {
            for (int i = 0; i < 10; i++) {
                bars.add("{\"ts\":" + (H0 + h * HOUR_US + i * 60_000_000L) + ",\"venue\":\"kraken\",\"symbol\":\"BTC/USD\",\"interval\":\"1m\",\"close\":9450" + h + "." + i + "}");
            }
            alerts.add("{\"ts\":" + (H0 + h * HOUR_US + HOUR_US - 1) + ",\"symbol\":\"BTC/USD\",\"score\":7" + h + "}");
        }
        Files.write(run.resolve("bars.jsonl"), bars);
        Files.write(run.resolve("alerts.jsonl"), alerts);
        return run;
    }

    @Test
    void writesHourlyPartitionsDeterministically() throws Exception {
        Path root = tmp.resolve("cold-root");
        List<ColdTier.Entry> m = ColdTier.write(run(), root, "a");
        assertThat(m).extracting(ColdTier.Entry::path).containsExactly(
                "alerts/date=2025-01-05/hour=22/part-0000.jsonl.gz", "alerts/date=2025-01-05/hour=23/part-0000.jsonl.gz",
                "alerts/date=2025-01-06/hour=00/part-0000.jsonl.gz", "alerts/date=2025-01-06/hour=01/part-0000.jsonl.gz",
                "bars/date=2025-01-05/hour=22/part-0000.jsonl.gz", "bars/date=2025-01-05/hour=23/part-0000.jsonl.gz",
                "bars/date=2025-01-06/hour=00/part-0000.jsonl.gz", "bars/date=2025-01-06/hour=01/part-0000.jsonl.gz");
        Path a = ColdTier.regionDir(root, "a");
        assertThat(gunzipLines(a.resolve("bars/date=2025-01-06/hour=01/part-0000.jsonl.gz"))).hasSize(10)
                .allMatch(l -> l.contains("\"close\":94503."));
        // the alert 1 µs before the hour ends stays in its hour
        assertThat(gunzipLines(a.resolve("alerts/date=2025-01-05/hour=23/part-0000.jsonl.gz"))).containsExactly(
                "{\"ts\":" + (H0 + 2 * HOUR_US - 1) + ",\"symbol\":\"BTC/USD\",\"score\":71}");
        // rewriting gives the same bytes, the manifest names them
        List<ColdTier.Entry> again = ColdTier.write(tmp.resolve("run"), tmp.resolve("other-root"), "a");
        assertThat(again).isEqualTo(m);
        assertThat(ColdTier.readManifest(a)).isEqualTo(m);
        for (ColdTier.Entry e : m) assertThat(sha256Independent(a.resolve(e.path()))).isEqualTo(e.sha256());
    }

    @Test
    void corruptedFileIsDetectedAndRecopiedAlone() throws Exception {
        Path root = tmp.resolve("cold-root");
        List<ColdTier.Entry> m = ColdTier.write(run(), root, "a");
        ReplicationMetrics metrics = new ReplicationMetrics();
        ColdTier.CopyResult first = ColdTier.copy(root, "a", "b", () -> false, metrics);
        assertThat(first).isEqualTo(new ColdTier.CopyResult(8, 8, 0, java.util.Map.of(), true));
        assertThat(ColdTier.validate(root, "a", "b").equal()).isTrue();
        assertThat(ColdTier.lagSeconds(root, "a", "b")).isZero();

        Path victim = ColdTier.regionDir(root, "b").resolve(m.get(5).path());
        byte[] bytes = Files.readAllBytes(victim);
        bytes[bytes.length / 2] ^= 0x01; // one bit, same size
        Files.write(victim, bytes);
        ColdTier.ColdDiff diff = ColdTier.validate(root, "a", "b");
        assertThat(diff.corrupt()).containsExactly(m.get(5).path());
        assertThat(diff.missing()).isEmpty();

        ColdTier.CopyResult repair = ColdTier.copy(root, "a", "b", () -> false, metrics);
        assertThat(repair.copied()).isEqualTo(1);
        assertThat(repair.skipped()).isEqualTo(7);
        assertThat(ColdTier.validate(root, "a", "b").equal()).isTrue();
        assertThat(metrics.planSteps("cold", "a", "b")).isEqualTo(9);
        // a copy with nothing to do plans nothing
        assertThat(ColdTier.copy(root, "a", "b", () -> false, metrics).planned()).isZero();
    }

    @Test
    void interruptedCopyResumesWithoutDuplicates() throws Exception {
        Path root = tmp.resolve("cold-root");
        List<ColdTier.Entry> m = ColdTier.write(run(), root, "a");
        AtomicInteger asked = new AtomicInteger();
        ColdTier.CopyResult half = ColdTier.copy(root, "a", "b", () -> asked.incrementAndGet() > 6, new ReplicationMetrics());
        assertThat(half.copied()).isEqualTo(6);
        assertThat(half.complete()).isFalse();
        Path b = ColdTier.regionDir(root, "b");
        assertThat(b.resolve(ColdTier.MANIFEST)).doesNotExist(); // written only by a complete copy
        // a crash in the middle of the 7th file leaves its temporary half written
        Path fifth = b.resolve(m.get(6).path());
        Files.createDirectories(fifth.getParent());
        byte[] src = Files.readAllBytes(ColdTier.regionDir(root, "a").resolve(m.get(6).path()));
        Files.write(fifth.resolveSibling(".tmp-" + fifth.getFileName()), java.util.Arrays.copyOf(src, src.length / 2));
        assertThat(ColdTier.validate(root, "a", "b").missing()).hasSize(2);
        // alerts are complete on b, bars end at 2025-01-05 hour 23 there: the table furthest behind counts
        assertThat(ColdTier.lagSeconds(root, "a", "b")).isEqualTo(2 * 3600.0);

        ColdTier.CopyResult rest = ColdTier.copy(root, "a", "b", () -> false, new ReplicationMetrics());
        assertThat(rest.copied()).isEqualTo(2);
        assertThat(rest.skipped()).isEqualTo(6);
        assertThat(half.copied() + rest.copied()).isEqualTo(m.size()); // each file copied exactly once
        assertThat(ColdTier.validate(root, "a", "b").equal()).isTrue();
        try (Stream<Path> s = Files.walk(b)) {
            assertThat(s.filter(p -> p.getFileName().toString().startsWith(".tmp-")).count()).isZero();
        }
        long lines = 0;
        for (ColdTier.Entry e : m) lines += gunzipLines(b.resolve(e.path())).size();
        assertThat(lines).isEqualTo(44); // 40 bars + 4 alerts, none twice
    }

    @Test
    void corruptSourceIsNotCopiedAndCounted() throws Exception {
        Path root = tmp.resolve("cold-root");
        List<ColdTier.Entry> m = ColdTier.write(run(), root, "a");
        Path victim = ColdTier.regionDir(root, "a").resolve(m.get(0).path());
        byte[] bytes = Files.readAllBytes(victim);
        bytes[0] ^= 0x01;
        Files.write(victim, bytes);
        ReplicationMetrics metrics = new ReplicationMetrics();
        ColdTier.CopyResult r = ColdTier.copy(root, "a", "b", () -> false, metrics);
        assertThat(r.copied()).isEqualTo(7);
        assertThat(r.failures()).containsEntry("source_checksum", 1);
        assertThat(r.complete()).isFalse();
        assertThat(metrics.failures("cold", "a", "b", "source_checksum")).isEqualTo(1);
        assertThat(metrics.exposition()).contains(
                "cryptorun_replication_step_failures_total{tier=\"cold\",from=\"a\",to=\"b\",reason=\"source_checksum\"} 1");
    }

    static List<String> gunzipLines(Path p) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
            ByteArrayOutputStream bos = new ByteArrayOutputStream();
            in.transferTo(bos);
            String s = bos.toString(StandardCharsets.UTF_8);
            return s.isEmpty() ? List.of() : List.of(s.split("\n"));
        }
    }

    static String sha256Independent(Path p) throws Exception {
        Process pr = new ProcessBuilder("sha256sum", p.toString()).start();
        String out = new String(pr.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertThat(pr.waitFor()).isZero();
        return out.substring(0, 64);
    }
}
