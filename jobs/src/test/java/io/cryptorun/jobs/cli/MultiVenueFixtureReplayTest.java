package io.cryptorun.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptorun.jobs.output.OutputFiles;
import io.cryptorun.sources.fixture.Manifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled multi-venue fixture (simulated Kraken, Coinbase, Bitstamp and Gemini native frames
 * of one market), replayed through the real job at parallelism 1 and 2: every venue's books are
 * valid under its own rule — zero checksum mismatches, sequence gaps, out-of-order or crossed
 * books, nothing quarantined — every venue yields microstructure, and the outputs are
 * byte-identical across runs and parallelism.
 */
class MultiVenueFixtureReplayTest {
    static final Path BUNDLED = Path.of("..", "fixtures", "multi-venue-sim");

    @TempDir
    Path dir;

    @Test
    void everyVenueReplaysCleanAndIdenticallyAtParallelismOneAndTwo() throws Exception {
        ReplayRunner.Result p1 = replay(1, dir.resolve("p1"));
        ReplayRunner.Result p2 = replay(2, dir.resolve("p2"));
        ReplayRunner.Result again = replay(1, dir.resolve("again"));

        Manifest manifest = Manifest.read(BUNDLED);
        assertThat(manifest.venues()).containsExactly("bitstamp", "coinbase", "gemini", "kraken");
        JsonNode s = new ObjectMapper().readTree(p1.summaryJson());
        long frameLines = manifest.filesOfKind(Manifest.KIND_FRAMES).stream().mapToLong(Manifest.FileEntry::lines).sum();
        assertThat(s.path("frames").asLong()).isEqualTo(frameLines);
        for (String failure : List.of("checksum_mismatch", "books_invalidated", "sequence_gap", "book_out_of_order",
                "crossed_book", "precision_exceeded")) {
            assertThat(s.path(failure).asLong()).as(failure).isZero();
        }
        assertThat(s.path("quarantined").size()).as(s.path("quarantined").toString()).isZero();
        // Kraken verifies a checksum on every book message; the Bitstamp buffer dropped diffs its REST snapshot held
        assertThat(s.path("checksum_ok").asLong()).isPositive();
        assertThat(s.path("stale_dropped").asLong()).isPositive();
        assertThat(s.path("book_snapshots").asLong()).isEqualTo(16); // 4 venues x 4 symbols
        for (String venue : manifest.venues()) {
            // about one record a second for each of 4 symbols over 15 minutes
            assertThat(s.path("microstructure_by_venue").path(venue).asLong()).as(venue).isGreaterThan(3500);
        }
        assertThat(s.path("trades").asLong()).isPositive();

        assertThat(p2.summaryJson()).isEqualTo(p1.summaryJson());
        assertThat(again.summaryJson()).isEqualTo(p1.summaryJson());
        for (String f : new String[] {OutputFiles.MICROSTRUCTURE, OutputFiles.BARS, OutputFiles.QUARANTINE, OutputFiles.SUMMARY}) {
            assertThat(Files.mismatch(dir.resolve("p1").resolve(f), dir.resolve("p2").resolve(f))).as(f).isEqualTo(-1L);
        }
    }

    private static ReplayRunner.Result replay(int parallelism, Path out) throws Exception {
        return BundledFixtureReplayTest.replay(BUNDLED, parallelism, out);
    }
}
