package io.cryptorun.jobs.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.cryptorun.jobs.AnalyticsSettings;
import io.cryptorun.jobs.ScannerInputs;
import io.cryptorun.jobs.ScannerJob;
import io.cryptorun.jobs.FileSinks;
import io.cryptorun.jobs.output.OutputFiles;
import io.cryptorun.sources.live.LiveSourceConfig;
import io.cryptorun.sources.fixture.FixtureLine;
import io.cryptorun.sources.live.loopback.LoopbackExchange;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --live} wiring: the scanner job on the live source (loopback exchange) writes valid microstructure. */
class LiveScannerJobTest {
    @TempDir
    Path dir;

    @Test
    void scannerOnTheLiveSourceWritesMicrostructure() throws Exception {
        List<FixtureLine> lines = LiveSourceRestoreTest.krakenLines(3_000);
        try (LoopbackExchange server = new LoopbackExchange(0)) {
            LoopbackKraken.serveShiftedToNow(server, lines, 120_000);
            LiveSourceConfig config = LoopbackKraken.config(server, "BTC/USD", "ETH/USD");
            Configuration conf = new Configuration();
            conf.set(PipelineOptions.GENERIC_TYPES, false);
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1, conf);
            env.enableCheckpointing(300);
            new ScannerJob(ScannerInputs.live(config), FileSinks.outputs(dir), AnalyticsSettings.defaults()).build(env);
            JobClient job = env.executeAsync("live-scanner");
            Path parts = dir.resolve(OutputFiles.PARTS_DIR).resolve("microstructure");
            try {
                long deadline = System.currentTimeMillis() + 30_000; // hung-test guard
                while (committedLines(parts).stream().noneMatch(l -> l.contains("\"symbol\":\"BTC/USD\""))) {
                    if (System.currentTimeMillis() > deadline) {
                        fail("no committed BTC/USD microstructure; job " + job.getJobStatus().get() + "; quarantine "
                                + committedLines(dir.resolve(OutputFiles.PARTS_DIR).resolve("quarantine")).stream().limit(3).toList()
                                + "; files " + listing(dir));
                    }
                    Thread.sleep(100);
                }
            } finally {
                job.cancel().get();
            }
            assertThat(committedLines(parts)).filteredOn(l -> l.contains("\"symbol\":\"BTC/USD\""))
                    .allSatisfy(l -> assertThat(l).contains("\"venue\":\"kraken\"", "\"valid\":true"));
        }
    }

    private static List<String> listing(Path d) throws IOException {
        try (Stream<Path> s = Files.walk(d)) {
            return s.map(p -> d.relativize(p) + (Files.isRegularFile(p) ? ":" + p.toFile().length() : "")).toList();
        }
    }

    private static List<String> committedLines(Path parts) throws IOException {
        if (!Files.isDirectory(parts)) return List.of();
        try (Stream<Path> s = Files.walk(parts)) {
            return s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .flatMap(p -> {
                        try {
                            return Files.readAllLines(p).stream();
                        } catch (IOException e) {
                            return Stream.empty();
                        }
                    }).toList();
        }
    }
}
