package io.cryptorun.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptorun.jobs.output.OutputFiles;
import io.cryptorun.sources.fixture.Manifest;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled fixture, replayed through the real job at parallelism 1 and 2: no checksum
 * mismatch, nothing quarantined, microstructure and bars at every interval, the analytics
 * invariants of {@link AnalyticsInvariants}, and byte-identical outputs (the summary holds every
 * output's sha256).
 */
class BundledFixtureReplayTest {
    static final Path BUNDLED = Path.of("..", "fixtures", "kraken-sim");

    @TempDir
    Path dir;

    @Test
    void replayIsCleanAndIdenticalAtParallelismOneAndTwo() throws Exception {
        ReplayRunner.Result p1 = replay(1, dir.resolve("p1"));
        ReplayRunner.Result p2 = replay(2, dir.resolve("p2"));

        JsonNode s = new ObjectMapper().readTree(p1.summaryJson());
        long frameLines = Manifest.read(BUNDLED).filesOfKind(Manifest.KIND_FRAMES).stream()
                .mapToLong(Manifest.FileEntry::lines).sum();
        assertThat(s.path("frames").asLong()).isEqualTo(frameLines);
        assertThat(s.path("checksum_mismatch").asLong()).isZero();
        assertThat(s.path("books_invalidated").asLong()).isZero();
        assertThat(s.path("checksum_ok").asLong()).isEqualTo(s.path("book_snapshots").asLong() + s.path("book_updates").asLong());
        assertThat(s.path("quarantined").size()).isZero();
        assertThat(s.path("microstructure").asLong()).isPositive();
        assertThat(s.path("trades").asLong()).isPositive();
        for (String interval : new String[] {"1m", "1h", "4h", "1d"}) {
            assertThat(s.path("bars").path(interval).asLong()).as(interval).isPositive();
        }
        assertThat(p2.summaryJson()).isEqualTo(p1.summaryJson());
        assertThat(s.path("scores").asLong()).isPositive();
        assertThat(s.path("alerts").asLong()).isPositive();
        assertThat(s.path("regime").path("changes").asLong()).isPositive();
        AnalyticsInvariants.check(dir.resolve("p1"));
        for (String f : new String[] {OutputFiles.MICROSTRUCTURE, OutputFiles.BARS, OutputFiles.QUARANTINE, OutputFiles.REGIME,
                OutputFiles.SCORES, OutputFiles.ALERTS, OutputFiles.SUPPRESSED, OutputFiles.EXITS, OutputFiles.UNIVERSE,
                OutputFiles.SUMMARY}) {
            assertThat(Files.mismatch(dir.resolve("p1").resolve(f), dir.resolve("p2").resolve(f))).as(f).isEqualTo(-1L);
        }
    }

    private static ReplayRunner.Result replay(int parallelism, Path out) throws Exception {
        return replay(BUNDLED, parallelism, out);
    }

    /** A quiet replay of {@code fixture} as fast as possible, checkpointing every 2 s. */
    static ReplayRunner.Result replay(Path fixture, int parallelism, Path out) throws Exception {
        ReplayOptions o = new ReplayOptions();
        o.parallelism = parallelism;
        o.speed = 0;
        o.checkpointIntervalMs = 2000;
        return ReplayRunner.run(fixture, null, out, o, false, new PrintStream(PrintStream.nullOutputStream()));
    }
}
