package io.cryptorun.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptorun.jobs.output.OutputFiles;
import io.cryptorun.sources.fixture.Manifest;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §11 point-in-time replay: a replay stopped with a savepoint at a cut, then resumed from it
 * over the same input into the same output directory, ends byte-identical to an uninterrupted
 * replay — every output file and the summary.
 */
class PointInTimeReplayTest {
    private static final Path BUNDLED = BundledFixtureReplayTest.BUNDLED;
    private static final PrintStream QUIET = new PrintStream(PrintStream.nullOutputStream());

    @TempDir
    Path dir;

    @Test
    void stoppedAndResumedReplayEqualsAnUninterruptedOne() throws Exception {
        ReplayOptions o = options(2);
        Path whole = dir.resolve("whole");
        ReplayRunner.run(BUNDLED, null, whole, o, false, QUIET);

        Manifest m = Manifest.read(BUNDLED);
        long cut = m.firstTs() + (m.lastTs() - m.firstTs()) * 2 / 5;
        Path out = dir.resolve("split");
        Path savepoints = dir.resolve("savepoints");
        ReplayRunner.Result stopped = ReplayRunner.run(BUNDLED, null, out, o,
                new PointInTime(cut, savepoints, null), false, QUIET);

        assertThat(stopped.savepoint()).as("a savepoint is taken at the cut").isNotNull();
        Path savepoint = Path.of(stopped.savepoint());
        assertThat(savepoint).startsWith(savepoints);
        assertThat(savepoint.resolve("_metadata")).isRegularFile();
        long frameLines = m.filesOfKind(Manifest.KIND_FRAMES).stream().mapToLong(Manifest.FileEntry::lines).sum();
        assertThat(stopped.frames()).as("only input up to the cut").isPositive().isLessThan(frameLines);
        assertThat(Files.size(out.resolve(OutputFiles.MICROSTRUCTURE)))
                .isPositive().isLessThan(Files.size(whole.resolve(OutputFiles.MICROSTRUCTURE)));
        assertThat(maxTs(out.resolve(OutputFiles.MICROSTRUCTURE))).as("nothing from after the cut").isLessThanOrEqualTo(cut);

        ReplayRunner.Result resumed = ReplayRunner.run(BUNDLED, null, out, o,
                new PointInTime(PointInTime.NO_STOP, null, savepoint), false, QUIET);

        assertThat(resumed.savepoint()).isNull();
        assertThat(resumed.frames()).isEqualTo(frameLines);
        for (String f : List.of(OutputFiles.MICROSTRUCTURE, OutputFiles.BARS, OutputFiles.QUARANTINE, OutputFiles.SUMMARY)) {
            assertThat(Files.mismatch(whole.resolve(f), out.resolve(f))).as(f).isEqualTo(-1L);
        }
        assertThat(out.resolve(OutputFiles.PARTS_DIR)).as("a finished replay leaves no parts").doesNotExist();
    }

    @Test
    void aCutAfterTheEndReplaysEverythingWithoutSavepoint() throws Exception {
        Manifest m = Manifest.read(BUNDLED);
        ReplayRunner.Result r = ReplayRunner.run(BUNDLED, null, dir.resolve("out"), options(1),
                new PointInTime(m.lastTs() + 1, dir.resolve("sp"), null), false, QUIET);

        assertThat(r.savepoint()).isNull();
        assertThat(r.frames()).isEqualTo(m.filesOfKind(Manifest.KIND_FRAMES).stream().mapToLong(Manifest.FileEntry::lines).sum());
        assertThat(dir.resolve("out").resolve(OutputFiles.PARTS_DIR)).doesNotExist();
    }

    @Test
    void resumingIntoAnotherOutputDirectoryIsRefused() throws Exception {
        Path savepoint = Files.createDirectories(dir.resolve("sp"));
        new StoppedReplay(dir.resolve("first").toAbsolutePath(), 42, java.util.Map.of("frames", 7L)).write(savepoint);

        assertThatThrownBy(() -> StoppedReplay.read(savepoint, dir.resolve("second")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--out " + dir.resolve("first").toAbsolutePath());
        assertThat(StoppedReplay.read(savepoint, dir.resolve("first")).counters()).containsEntry("frames", 7L);
        assertThatThrownBy(() -> StoppedReplay.read(dir, dir.resolve("first")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a savepoint of `cryptorun replay --stop-at`");
    }

    private static ReplayOptions options(int parallelism) {
        ReplayOptions o = new ReplayOptions();
        o.parallelism = parallelism;
        o.speed = 0;
        o.checkpointIntervalMs = 2000;
        return o;
    }

    private static long maxTs(Path jsonl) throws Exception {
        try (Stream<String> lines = Files.lines(jsonl)) {
            return lines.mapToLong(l -> Long.parseLong(l.replaceAll(".*\"ts\":(\\d+).*", "$1"))).max().orElse(0);
        }
    }
}
