package io.cryptorun.jobs.cli;

import io.cryptorun.jobs.AnalyticsSettings;
import io.cryptorun.jobs.ScannerInputs;
import io.cryptorun.jobs.ThresholdConfig;
import io.cryptorun.jobs.ScannerJob;
import io.cryptorun.jobs.db.PgSettings;
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
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import io.cryptorun.sources.replay.reader.ReplayStop;
import io.cryptorun.sources.time.Rfc3339;
import java.net.URI;
import io.cryptorun.functions.route.EventRouter;
import io.cryptorun.sources.fixture.Manifest;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ExecutionException;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.HeartbeatManagerOptions;
import org.apache.flink.core.execution.JobListener;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs a bounded replay on an embedded MiniCluster and turns the sinks' part files into the
 * canonical, sorted output files plus {@code summary.json}.
 */
public final class ReplayRunner {
    /** Under the parts directory: where the readers of a stopping replay report reaching the cut. */
    static final String STOP_MARKERS_DIR = "_stop";
    /** How often a running replay's counts are sampled for its progress display. */
    static final long PROGRESS_INTERVAL_MS = 1000;
    private static final String[] OUTPUTS = {OutputFiles.MICROSTRUCTURE, OutputFiles.BARS, OutputFiles.QUARANTINE,
        OutputFiles.REGIME, OutputFiles.SCORES, OutputFiles.ALERTS, OutputFiles.SUPPRESSED, OutputFiles.EXITS,
        OutputFiles.CONTROL_AUDIT, OutputFiles.UNIVERSE};

    /**
     * What a replay produced.
     *
     * @param savepoint the savepoint a stopped replay left (resume from it), {@code null} otherwise
     * @param latencies the wall-clock latency histograms (accumulator name → ms → count; issue 16), never in the summary
     */
    public record Result(Path outDir, Map<String, Long> counters, long netRuntimeMs, String summaryJson, String savepoint,
            Map<String, Map<Integer, Integer>> latencies) {
        public long frames() {
            return counters.getOrDefault("frames", 0L);
        }
    }

    private ReplayRunner() {}

    public static Result run(Path fixtures, Path history, Path outDir, ReplayOptions o, boolean webUi, PrintStream log)
            throws Exception {
        return run(fixtures, history, outDir, o, PointInTime.NONE, webUi, log);
    }

    /**
     * A replay that may resume from a savepoint of an earlier stopped replay and/or stop at a cut
     * with a savepoint. A stopped replay keeps its sinks' part files, so that the replay resumed
     * from its savepoint into the same {@code outDir} ends with outputs byte-identical to an
     * uninterrupted one; the outputs it leaves meanwhile are those up to the cut.
     */
    public static Result run(Path fixtures, Path history, Path outDir, ReplayOptions o, PointInTime pit, boolean webUi,
            PrintStream log) throws Exception {
        long started = System.nanoTime();
        // Preflight: everything outside the JVM the job will use, before anything is deleted or started.
        boolean resume = pit.fromSavepoint() != null;
        Map<String, Long> carried = resume ? StoppedReplay.read(pit.fromSavepoint(), outDir).counters() : Map.of();
        Preflight.outputDir(outDir);
        if (webUi) Preflight.webPort(o.webPort);
        InputFacts input = InputFacts.of(fixtures);
        if (o.kafkaBootstrap != null && !o.kafkaBootstrap.isBlank()) {
            Preflight.kafka(o.kafkaBootstrap, List.of(o.kafkaTopic, o.kafkaAlertsTopic, o.kafkaExitsTopic, o.kafkaQuarantineTopic),
                    input.earliest(), System.err);
        }
        Optional<PgSettings> pg = o.postgres(System.getenv());
        if (pg.isPresent()) Preflight.postgres(pg.get());

        // A plain replay writes into a staging directory next to --out and moves its outputs into
        // place only when it succeeded: a failed or interrupted replay leaves --out as it was. A
        // replay that stops at a cut, or resumes from one, works in --out itself, because the
        // savepoint's file sinks continue the part files where they were written.
        boolean staged = !resume && !pit.stops();
        Path work = staged ? stagingDir(outDir) : outDir;
        if (staged) {
            deleteTree(work);
            Files.createDirectories(work);
        } else if (resume) {
            prepareOutDirForResume(outDir);
        } else {
            prepareOutDir(outDir);
        }
        try {
            Result r = execute(fixtures, history, work, o, pit, webUi, log, pg, carried, input, started);
            if (!staged) return r;
            publish(work, outDir);
            return new Result(outDir, r.counters(), r.netRuntimeMs(), r.summaryJson(), r.savepoint(), r.latencies());
        } finally {
            if (staged) deleteTree(work);
        }
    }

    private static Result execute(Path fixtures, Path history, Path outDir, ReplayOptions o, PointInTime pit, boolean webUi,
            PrintStream log, Optional<PgSettings> pg, Map<String, Long> carried, InputFacts input, long started) throws Exception {
        Path markers = outDir.resolve(OutputFiles.PARTS_DIR).resolve(STOP_MARKERS_DIR);
        deleteTree(markers);
        ReplayStop stop = pit.stops() ? new ReplayStop(pit.stopAtMicros(), markers.toString(), "replay") : null;

        // thresholds are validated before anything starts: a bad value is one InvalidSettingsException
        AnalyticsSettings settings = ScannerLauncher.settings(o);
        io.cryptorun.jobs.validate.ValidationSettings validation = ScannerLauncher.validation(o);
        ScannerInputs inputs = ScannerLauncher.inputs("fixtures", fixtures, history, stop, null, null, o, System.getenv());

        Configuration conf = ScannerLauncher.configuration();
        if (pit.fromSavepoint() != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, pit.fromSavepoint().toAbsolutePath().toString());
        }
        ScannerLauncher.boundedRestarts(conf);
        // Accumulators (the progress display's counts) travel with the task heartbeats: once a second.
        conf.set(HeartbeatManagerOptions.HEARTBEAT_INTERVAL, java.time.Duration.ofMillis(PROGRESS_INTERVAL_MS));
        StreamExecutionEnvironment env;
        if (webUi) {
            conf.set(RestOptions.PORT, o.webPort);
            conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
            env = StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(conf);
            env.setParallelism(o.parallelism);
        } else {
            env = StreamExecutionEnvironment.createLocalEnvironment(o.parallelism, conf);
        }
        env.enableCheckpointing(o.checkpointIntervalMs);

        ScannerLauncher.prepareDatabase(env, pg, ScannerJob.JOB_NAME);
        new ScannerJob(inputs, ScannerLauncher.outputs(outDir, o, pg, validation.region()), settings, validation).build(env);
        log.printf("replaying %s (parallelism %d, speed %s)%s%s%s%n", fixtures, o.parallelism,
                o.speed == 0 ? "max" : o.speed + "x",
                pit.fromSavepoint() != null ? ", resuming from " + pit.fromSavepoint() : "",
                stop != null ? ", stopping at " + Rfc3339.formatMicros(stop.atMicros()) : "",
                webUi ? " — Flink web UI on http://localhost:" + o.webPort : "");
        String savepoint = null;
        JobExecutionResult r;
        JobClient client = env.executeAsync(ScannerJob.JOB_NAME);
        try (RunningReplay running = RunningReplay.watch(client, o.progress, input.frames(), started)) {
            try {
                if (stop != null) {
                    savepoint = stopAtCut(client, markers, ScannerInputs.STOP_AWARE_SOURCES * o.parallelism, pit.savepointDir());
                }
                r = client.getJobExecutionResult().get();
            } catch (ExecutionException | InterruptedException e) {
                Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                for (JobListener l : env.getJobListeners()) l.onJobExecuted(null, cause);
                if (running.interrupted()) {
                    throw new UserError(UserError.INTERRUPTED, "interrupted: the replay was stopped",
                            pit.stops() || pit.fromSavepoint() != null ? "outputs in " + outDir + " are incomplete"
                                    : "nothing was written; the earlier results in --out are as they were", e);
                }
                throw e instanceof ExecutionException && cause instanceof Exception ex ? ex : e;
            }
            for (JobListener l : env.getJobListeners()) l.onJobExecuted(r, null);
        }

        // The summary's counts and sha256s are taken as the canonical files are written, not read back from them.
        ReplaySummary.Tally tally = new ReplaySummary.Tally();
        for (String f : OUTPUTS) {
            String stream = f.substring(0, f.indexOf('.'));
            Path parts = outDir.resolve(OutputFiles.PARTS_DIR).resolve(stream);
            List<Path> pending = SortedJsonl.uncommittedParts(parts);
            if (!pending.isEmpty()) {
                throw new IllegalStateException("sink left uncommitted part files (no final checkpoint?): " + pending);
            }
            tally.sha256(f, SortedJsonl.merge(parts, outDir.resolve(f), tally.lines(f)).sha256());
        }
        deleteTree(markers);

        // Accumulators are not part of a savepoint: a resumed replay adds the counts of the part before the cut.
        Map<String, Long> counters = new TreeMap<>(carried);
        for (Map.Entry<String, Object> e : r.getAllAccumulatorResults().entrySet()) {
            if (e.getKey().equals(EventRouter.ACC_RECEIVE_TIME_MAX)) continue; // a maximum, not a count
            if (e.getValue() instanceof Number n) counters.merge(e.getKey(), n.longValue(), Long::sum);
        }
        if (savepoint != null) {
            new StoppedReplay(outDir.toAbsolutePath().normalize(), pit.stopAtMicros(), counters).write(Path.of(savepoint));
            log.printf("stopped at %s with savepoint %s%nresume with: --from-savepoint %s --out %s%n",
                    Rfc3339.formatMicros(pit.stopAtMicros()), savepoint, savepoint, outDir);
        } else {
            if (stop != null) log.printf("the input ended before %s: replayed to the end, no savepoint taken%n",
                    Rfc3339.formatMicros(pit.stopAtMicros()));
            deleteTree(outDir.resolve(OutputFiles.PARTS_DIR));
        }
        String summary = ReplaySummary.build(counters, ThresholdConfig.describe(settings), tally, OUTPUTS);
        Files.writeString(outDir.resolve(OutputFiles.SUMMARY), summary, StandardCharsets.UTF_8);
        return new Result(outDir, counters, r.getNetRuntime(), summary, savepoint, latencies(r.getAllAccumulatorResults()));
    }

    /** The latency histograms among a job's accumulators ({@code LatencyAccumulators}). */
    @SuppressWarnings("unchecked")
    static Map<String, Map<Integer, Integer>> latencies(Map<String, Object> accumulators) {
        Map<String, Map<Integer, Integer>> out = new TreeMap<>();
        for (Map.Entry<String, Object> e : accumulators.entrySet()) {
            if (e.getKey().startsWith("latency_") && e.getValue() instanceof Map<?, ?> m) {
                out.put(e.getKey(), (Map<Integer, Integer>) m);
            }
        }
        return out;
    }

    /** Where a plain replay into {@code outDir} builds its outputs: a hidden sibling on the same file system. */
    static Path stagingDir(Path outDir) {
        Path abs = outDir.toAbsolutePath().normalize();
        Path name = abs.getFileName();
        return abs.resolveSibling("." + (name == null ? "out" : name.toString()) + ".cryptorun-staging");
    }

    /** Moves a finished replay's outputs from the staging directory into {@code outDir}, replacing the earlier ones. */
    static void publish(Path work, Path outDir) throws IOException {
        Files.createDirectories(outDir);
        deleteTree(outDir.resolve(OutputFiles.PARTS_DIR));
        List<String> files = new java.util.ArrayList<>(List.of(OUTPUTS));
        files.add(OutputFiles.SUMMARY);
        for (String f : files) {
            try {
                Files.move(work.resolve(f), outDir.resolve(f), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                Files.move(work.resolve(f), outDir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** What the progress display and the Kafka preflight know of the input up front (from its manifest). */
    record InputFacts(long frames, Instant earliest) {
        static InputFacts of(Path fixtures) {
            if (!Files.isDirectory(fixtures) || !Files.isRegularFile(fixtures.resolve(Manifest.FILE_NAME))) {
                return new InputFacts(-1, null);
            }
            try {
                long frames = 0;
                long first = Long.MAX_VALUE;
                for (Manifest.FileEntry f : Manifest.read(fixtures).filesOfKind(Manifest.KIND_FRAMES)) {
                    frames += f.lines();
                    if (f.firstTs() > 0) first = Math.min(first, f.firstTs());
                }
                return new InputFacts(frames, first == Long.MAX_VALUE ? null
                        : Instant.ofEpochSecond(first / 1_000_000, first % 1_000_000 * 1000));
            } catch (IOException | RuntimeException e) {
                return new InputFacts(-1, null); // the job's own input check reports a bad manifest
            }
        }
    }

    /**
     * Waits until every stop-aware reader has emitted its input up to the cut (or the job ended
     * because the input ended first), then stops the job with a savepoint. Records emitted before
     * the cut are ahead of the savepoint barrier in every channel, so the savepoint holds all of
     * their effects and none of the input after the cut.
     *
     * @return the savepoint path, or {@code null} when the job finished on its own
     */
    private static String stopAtCut(JobClient client, Path markers, int readers, Path savepointDir)
            throws Exception {
        while (ReplayStop.readersReached(markers) < readers) {
            if (client.getJobStatus().get().isGloballyTerminalState()) return null;
            Thread.sleep(20);
        }
        if (ReplayStop.readersPaused(markers) == 0) return null;
        String location = client.stopWithSavepoint(false, savepointDir.toAbsolutePath().toUri().toString(),
                SavepointFormatType.CANONICAL).get();
        return location.startsWith("file:") ? Path.of(URI.create(location)).toString() : location;
    }

    /** Removes earlier outputs so nothing stale can be mistaken for this run's. */
    static void prepareOutDir(Path outDir) throws IOException {
        Files.createDirectories(outDir);
        deleteTree(outDir.resolve(OutputFiles.PARTS_DIR));
        prepareOutDirForResume(outDir);
    }

    /** Keeps the part files the restored sinks continue from; the merged outputs are rebuilt from them. */
    static void prepareOutDirForResume(Path outDir) throws IOException {
        Files.createDirectories(outDir);
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
