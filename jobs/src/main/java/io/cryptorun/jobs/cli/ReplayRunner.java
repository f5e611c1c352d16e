package io.cryptorun.jobs.cli;

import io.cryptorun.jobs.AnalyticsSettings;
import io.cryptorun.jobs.ScannerJob;
import io.cryptorun.jobs.control.ControlFile;
import io.cryptorun.jobs.output.FileSinks;
import io.cryptorun.jobs.output.OutputFiles;
import io.cryptorun.jobs.output.ReplaySummary;
import io.cryptorun.jobs.output.SortedJsonl;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs a bounded replay on an embedded MiniCluster and turns the sinks' part files into the
 * canonical, sorted output files plus {@code summary.json}.
 */
public final class ReplayRunner {
    private static final String[] OUTPUTS = {OutputFiles.MICROSTRUCTURE, OutputFiles.BARS, OutputFiles.QUARANTINE,
        OutputFiles.REGIME, OutputFiles.SCORES, OutputFiles.ALERTS, OutputFiles.SUPPRESSED, OutputFiles.EXITS,
        OutputFiles.CONTROL_AUDIT};

    /** What a replay produced. */
    public record Result(Path outDir, Map<String, Long> counters, long netRuntimeMs, String summaryJson) {
        public long frames() {
            return counters.getOrDefault("frames", 0L);
        }
    }

    private ReplayRunner() {}

    public static Result run(Path fixtures, Path history, Path outDir, ReplayOptions o, boolean webUi, PrintStream log)
            throws Exception {
        prepareOutDir(outDir);
        Configuration conf = new Configuration();
        // Fail instead of silently falling back to Kryo for a type without a proper serializer.
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        // A bounded replay that fails should say so, not restart forever (checkpointing's default).
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env;
        if (webUi) {
            conf.set(RestOptions.PORT, 8081);
            conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
            env = StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(conf);
            env.setParallelism(o.parallelism);
        } else {
            env = StreamExecutionEnvironment.createLocalEnvironment(o.parallelism, conf);
        }
        env.enableCheckpointing(o.checkpointIntervalMs);

        ScannerJob job = ScannerJob.forFixtures(fixtures, history, o.speed,
                new FileSinks(outDir, o.kafkaBootstrap, o.kafkaTopic));
        if (o.channels != null && o.channels.length > 0) {
            job = job.withSettings(AnalyticsSettings.defaults().withChannels(o.channels));
        }
        if (o.controls != null) {
            job = job.withControls(ControlFile.read(o.controls));
        }
        job.build(env);
        log.printf("replaying %s (parallelism %d, speed %s)%s%n", fixtures, o.parallelism,
                o.speed == 0 ? "max" : o.speed + "x", webUi ? " — Flink web UI on http://localhost:8081" : "");
        JobExecutionResult r = env.execute("cryptorun-replay");

        for (String f : OUTPUTS) {
            String stream = f.substring(0, f.indexOf('.'));
            Path parts = outDir.resolve(OutputFiles.PARTS_DIR).resolve(stream);
            List<Path> pending = SortedJsonl.uncommittedParts(parts);
            if (!pending.isEmpty()) {
                throw new IllegalStateException("sink left uncommitted part files (no final checkpoint?): " + pending);
            }
            SortedJsonl.merge(parts, outDir.resolve(f));
        }
        deleteTree(outDir.resolve(OutputFiles.PARTS_DIR));

        Map<String, Long> counters = new TreeMap<>();
        for (Map.Entry<String, Object> e : r.getAllAccumulatorResults().entrySet()) {
            if (e.getValue() instanceof Number n) counters.put(e.getKey(), n.longValue());
        }
        String summary = ReplaySummary.build(counters, outDir, OUTPUTS);
        Files.writeString(outDir.resolve(OutputFiles.SUMMARY), summary, StandardCharsets.UTF_8);
        return new Result(outDir, counters, r.getNetRuntime(), summary);
    }

    /** Removes earlier outputs so nothing stale can be mistaken for this run's. */
    static void prepareOutDir(Path outDir) throws IOException {
        Files.createDirectories(outDir);
        deleteTree(outDir.resolve(OutputFiles.PARTS_DIR));
        for (String f : OUTPUTS) Files.deleteIfExists(outDir.resolve(f));
        Files.deleteIfExists(outDir.resolve(OutputFiles.SUMMARY));
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
