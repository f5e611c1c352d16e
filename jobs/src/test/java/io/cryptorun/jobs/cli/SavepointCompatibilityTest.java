package io.cryptorun.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cryptorun.jobs.OperatorUid;
import io.cryptorun.jobs.output.OutputFiles;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A savepoint taken on the code before issue 15 (the uids were string constants in ScannerJob; see
 * {@code src/test/resources/savepoints/pre-issue15-p2/README.md}) restores on the current code: every
 * operator state finds its operator (Flink refuses a savepoint with unmatched state, as
 * {@code allowNonRestoredState} is off), and the resumed replay produces exactly what the old code's
 * uninterrupted replay produced after the cut, ending with the same counts.
 */
class SavepointCompatibilityTest {
    static final String RESOURCE = "/savepoints/pre-issue15-p2/";
    /** The output directory of the replay that took the savepoint. */
    static final Path OUT = Path.of("/tmp/cryptorun-issue15-savepoint/out");
    /**
     * Where the replay that took the savepoint read the bundled fixture (the worktree it ran in): the
     * source split state names these files by absolute path.
     */
    static final String TAKEN_FROM = "/work/wt/archjobs/fixtures/kraken-sim/";
    /**
     * The bundled fixture's files for this test, at a path of the same length: the split state's
     * paths are length-prefixed strings, so the savepoint is pointed here by replacing the bytes in
     * place. The files are the same, so the restored readers continue at the same offsets.
     */
    static final String FIXTURE = "/tmp/cryptorun-sp/fixtures/kraken-sim/";
    /** Two builds on one machine run this test one after the other (they share {@link #OUT}). */
    static final Path LOCK = Path.of("/tmp/cryptorun-issue15-savepoint.lock");
    private static final PrintStream QUIET = new PrintStream(PrintStream.nullOutputStream());

    @TempDir
    Path dir;

    @Test
    void aSavepointOfThePreviousCodeRestoresAndResumesByteForByte() throws Exception {
        try (FileChannel lock = FileChannel.open(LOCK, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock held = lock.lock()) {
            resumeOldSavepoint();
        }
    }

    private void resumeOldSavepoint() throws Exception {
        Path savepoint = dir.resolve("savepoint");
        Files.createDirectories(savepoint);
        // The savepoint's file-sink state names the directory it was taken in (StoppedReplay): the
        // resumed replay writes there, so the test does too.
        Path out = OUT;
        ReplayRunner.deleteTree(out);
        Files.write(savepoint.resolve("_metadata"), relocated(resource("_metadata")));
        Path fixture = Path.of(FIXTURE);
        Files.createDirectories(fixture);
        try (java.util.stream.Stream<Path> files = Files.list(BundledFixtureReplayTest.BUNDLED)) {
            for (Path f : files.toList()) {
                Files.copy(f, fixture.resolve(f.getFileName().toString()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        // the stopped replay's counts, continued into this test's output directory
        String counters = new String(resource("counters.properties"), StandardCharsets.UTF_8);
        Files.writeString(savepoint.resolve(StoppedReplay.FILE),
                counters + "out=" + out.toAbsolutePath().normalize().toString().replace("\\", "\\\\") + "\n");

        ReplayOptions o = new ReplayOptions();
        o.parallelism = 2;
        o.speed = 0;
        ReplayRunner.Result resumed = ReplayRunner.run(fixture, null, out, o,
                new PointInTime(PointInTime.NO_STOP, null, savepoint), false, QUIET);

        ObjectMapper json = new ObjectMapper();
        JsonNode tails = json.readTree(resource("expected-tail-sha256.json"));
        for (Iterator<Map.Entry<String, JsonNode>> it = tails.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> f = it.next();
            assertThat(sha256(out.resolve(f.getKey()))).as("%s after the cut", f.getKey()).isEqualTo(f.getValue().asText());
        }
        // the counts of what was processed: carried over from the old code's run up to the cut plus
        // this run's; the counts read back from the output files cover only the lines after the cut
        // here (the files before it stayed with the old run), and their sha256s are checked above
        ObjectNode summary = (ObjectNode) json.readTree(resumed.summaryJson());
        ObjectNode expected = (ObjectNode) json.readTree(resource("expected-summary-without-sha256.json"));
        for (String fromFiles : List.of("sha256", "quarantined", "microstructure", "microstructure_by_venue", "bars", "regime",
                "scores", "gates_passed", "gate_trips", "alerts", "suppressed", "exits", "control_commands")) {
            summary.remove(fromFiles);
            expected.remove(fromFiles);
        }
        assertThat(summary.get("frames").asLong()).isEqualTo(396_343L);
        // as Objects: AssertJ would compare JsonNodes as ordered iterables
        assertThat((Object) summary).isEqualTo(expected);
        ReplayRunner.deleteTree(out);
    }

    /** The uids are the savepoint format: the enum holds exactly the values the old code used. */
    @Test
    void uidValuesAreThoseOfTheOldCode() {
        Set<String> old = Set.of("source-frames", "source-history", "route-events", "route-history", "order-book", "bars",
                "sink-microstructure", "sink-bars", "sink-quarantine", "kafka-microstructure", "kafka-quarantine",
                "sink-postgres", "pg-bundles", "audit-checkpoints", "kafka-alerts", "kafka-exits", "tick-arrivals",
                "indicators", "regime", "scan", "source-controls", "alert-throttle", "paper-tracker", "sink-regime",
                "sink-scores", "sink-alerts", "sink-suppressed", "sink-exits", "sink-control-audit",
                "encode-microstructure", "encode-bars", "encode-quarantine", "encode-kafka-microstructure",
                "encode-kafka-quarantine", "pg-rows-microstructure", "pg-rows-bars", "encode-trades", "pg-rows-trades",
                "pg-rows-regime", "pg-rows-premove-artifacts", "pg-rows-alerts", "pg-rows-suppressed", "pg-rows-exits",
                "pg-rows-control-audit", "encode-regime", "encode-scores", "encode-alerts", "encode-suppressed",
                "encode-exits", "encode-control-audit", "encode-kafka-alerts", "encode-kafka-exits");
        // operators added since the savepoint was taken: new uids, no state in the old savepoint (restored empty)
        Set<String> added = Set.of("source-social", "encode-universe", "sink-universe", "pg-rows-universe",
                "validate-trades", "route-social", "validate-books", "encode-flagged-microstructure", "encode-kafka-flagged-microstructure",
                "cold-microstructure", "cold-bars", "cold-quarantine", "cold-regime", "cold-scores", "cold-alerts", "cold-suppressed",
                "cold-exits");
        Set<String> expected = new java.util.HashSet<>(old);
        expected.addAll(added);
        assertThat(Stream.of(OperatorUid.values()).map(OperatorUid::value).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(OutputFiles.PARTS_DIR).isEqualTo("_parts");
    }

    /** The savepoint with its three fixture paths moved from {@link #TAKEN_FROM} to {@link #FIXTURE}. */
    static byte[] relocated(byte[] metadata) {
        byte[] from = TAKEN_FROM.getBytes(StandardCharsets.UTF_8);
        byte[] to = FIXTURE.getBytes(StandardCharsets.UTF_8);
        assertThat(to).hasSameSizeAs(from);
        byte[] out = metadata.clone();
        int replaced = 0;
        for (int i = 0; i + from.length <= out.length; i++) {
            if (java.util.Arrays.equals(out, i, i + from.length, from, 0, from.length)) {
                System.arraycopy(to, 0, out, i, to.length);
                replaced++;
            }
        }
        assertThat(replaced).as("the split state of each of the three fixture files").isEqualTo(3);
        return out;
    }

    private static byte[] resource(String name) throws Exception {
        try (InputStream in = SavepointCompatibilityTest.class.getResourceAsStream(RESOURCE + name)) {
            assertThat(in).as(RESOURCE + name).isNotNull();
            return in.readAllBytes();
        }
    }

    private static String sha256(Path f) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
    }
}
