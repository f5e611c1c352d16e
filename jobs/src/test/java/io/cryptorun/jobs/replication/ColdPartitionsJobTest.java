package io.cryptorun.jobs.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptorun.jobs.AnalyticsSettings;
import io.cryptorun.jobs.FileSinks;
import io.cryptorun.jobs.OutputKind;
import io.cryptorun.jobs.ScannerInputs;
import io.cryptorun.jobs.ScannerJob;
import io.cryptorun.jobs.ScannerOutputs;
import io.cryptorun.jobs.output.ColdPartitions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cold tier written by the job (issue 17): the real scanner on the first 70 minutes of the bundled {@code kraken-0}
 * (with its history, so scores exist) at parallelism 2, checkpoints every second, every cold table on. For each
 * table, the lines of its committed partitions equal, as a multiset, the lines of the same run's own output, and each
 * line sits in the {@code date=…/hour=…} partition of its own {@code ts}; nothing is left hidden (in progress or
 * pending). Then the copy executor copies region a to b (the job-written region gets its manifest on the way) and
 * validation finds them equal; a part file corrupted on b is found and re-copied alone.
 */
class ColdPartitionsJobTest {
    static final long T0 = 1_736_121_600_000_000L;

    @TempDir
    Path dir;

    @Test
    void everyTablesLinesLandInTheirHourAndCopyToTheOtherRegion() throws Exception {
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                Files.newInputStream(Path.of("..", "fixtures", "kraken-sim", "kraken-0.jsonl.gz"))), StandardCharsets.UTF_8))) {
            for (String l; (l = r.readLine()) != null;) {
                long ts = Long.parseLong(l.substring(6, l.indexOf(',')));
                if (ts >= T0 + 70 * 60_000_000L) break;
                lines.add(l);
            }
        }
        Path frames = dir.resolve("frames.jsonl");
        Files.write(frames, lines);
        Path out = dir.resolve("out");
        Path root = dir.resolve("tiers");
        ScannerOutputs outputs = FileSinks.outputs(out);
        for (OutputKind kind : OutputKind.values()) {
            if (kind.coldTable() != null) outputs = outputs.withCold(kind, ColdPartitions.sink(root, "a", kind.coldTable()));
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
        env.enableCheckpointing(1000);
        new ScannerJob(ScannerInputs.fixtures(frames, Path.of("..", "fixtures", "kraken-sim", "history-1h.csv.gz"), 0, null),
                outputs, AnalyticsSettings.defaults()).build(env);
        env.execute("cold-partitions");

        Path a = ColdTier.regionDir(root, "a");
        try (Stream<Path> s = Files.walk(a)) {
            assertThat(s.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList())
                    .as("hidden (in-progress or pending) part files left").isEmpty();
        }
        int hours = 0;
        for (OutputKind kind : OutputKind.values()) {
            if (kind.coldTable() == null) continue;
            List<String> own = parts(out.resolve("_parts").resolve(kind.stream()));
            Map<String, List<String>> byPartition = cold(a.resolve(kind.coldTable()));
            List<String> all = new ArrayList<>();
            for (Map.Entry<String, List<String>> p : byPartition.entrySet()) {
                for (String l : p.getValue()) {
                    assertThat(ColdPartitions.partition(l)).as("%s line in %s", kind, p.getKey()).isEqualTo(p.getKey());
                }
                all.addAll(p.getValue());
            }
            all.sort(null);
            assertThat(all).as("%s: the cold partitions hold exactly the run's lines", kind).isEqualTo(own);
            if (kind == OutputKind.MICROSTRUCTURE) {
                assertThat(byPartition.keySet()).containsExactly("date=2025-01-06/hour=00", "date=2025-01-06/hour=01");
                hours = byPartition.size();
            }
        }
        assertThat(hours).isEqualTo(2);

        ColdTier.CopyResult copy = ColdTier.copy(root, "a", "b", () -> false, new ReplicationMetrics());
        assertThat(copy.complete()).isTrue();
        assertThat(copy.copied()).isGreaterThan(0).isEqualTo(copy.planned());
        assertThat(ColdTier.validate(root, "a", "b").equal()).isTrue();
        assertThat(ColdTier.readManifest(a)).as("a's manifest, written on the way").hasSize(copy.planned());

        Path victim = ColdTier.regionDir(root, "b").resolve(ColdTier.readManifest(a).get(0).path());
        byte[] bytes = Files.readAllBytes(victim);
        bytes[bytes.length / 2] ^= 1;
        Files.write(victim, bytes);
        assertThat(ColdTier.validate(root, "a", "b").corrupt()).containsExactly(ColdTier.readManifest(a).get(0).path());
        ColdTier.CopyResult again = ColdTier.copy(root, "a", "b", () -> false, new ReplicationMetrics());
        assertThat(again.copied()).isEqualTo(1);
        assertThat(ColdTier.validate(root, "a", "b").equal()).isTrue();
    }

    /** Committed part files' lines of one output, sorted. */
    private static List<String> parts(Path root) throws Exception {
        List<String> all = new ArrayList<>();
        if (!Files.isDirectory(root)) return all;
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).toList()) {
                all.addAll(Files.readAllLines(p));
            }
        }
        all.sort(null);
        return all;
    }

    /** partition ("date=…/hour=…") → the lines of its part files. */
    private static Map<String, List<String>> cold(Path table) throws Exception {
        Map<String, List<String>> out = new TreeMap<>();
        if (!Files.isDirectory(table)) return out;
        try (Stream<Path> s = Files.walk(table)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                assertThat(p.getFileName().toString()).startsWith("part-").endsWith(".jsonl.gz");
                String partition = table.relativize(p.getParent()).toString();
                try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(p)),
                        StandardCharsets.UTF_8))) {
                    for (String l; (l = r.readLine()) != null;) out.computeIfAbsent(partition, k -> new ArrayList<>()).add(l);
                }
            }
        }
        return out;
    }
}
