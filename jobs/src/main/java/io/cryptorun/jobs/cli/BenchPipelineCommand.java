package io.cryptorun.jobs.cli;

import io.cryptorun.functions.metrics.LatencyAccumulators;
import io.cryptorun.functions.scan.ScanFunction;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Whole-pipeline replay benchmark: replays a fixture several times at each parallelism and
 * reports median frames/s over the job's net runtime (MiniCluster start-up excluded), plus the
 * ratio p2/p1. Also checks every run produced the same summary, so a fast but wrong run shows.
 * Each run also prints wall-clock latency percentiles (issue 16, {@link LatencyAccumulators}); with
 * {@code --live} it runs the live latency run instead ({@link LatencyBench}).
 */
@Command(name = "bench-pipeline", mixinStandardHelpOptions = true,
        description = "Replay benchmark: median frames/s at each parallelism (see docs/PERF.md).")
public final class BenchPipelineCommand implements Callable<Integer> {
    @Option(names = "--fixtures", defaultValue = "fixtures/kraken-sim", description = "Input (default: ${DEFAULT-VALUE}).")
    Path fixtures;

    @Option(names = "--runs", defaultValue = "3", description = "Runs per parallelism (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--parallelism", split = ",", defaultValue = "1,2", description = "Parallelisms (default: ${DEFAULT-VALUE}).")
    int[] parallelisms;

    @Option(names = "--live", description = "Live latency run instead: ws-server replays the fixture at --speed into the live job "
            + "(run --live, checkpoints every --checkpoint-ms) for --seconds, then prints latency percentiles.")
    boolean live;

    @Option(names = "--speed", defaultValue = "10", description = "--live: pace as recorded × this (default: ${DEFAULT-VALUE}).")
    double speed;

    @Option(names = "--seconds", defaultValue = "300", description = "--live: wall-clock duration (default: ${DEFAULT-VALUE}).")
    long seconds;

    @Option(names = "--checkpoint-ms", defaultValue = "10000", description = "--live: checkpoint interval (default: ${DEFAULT-VALUE}).")
    long checkpointMs;

    @Option(names = "--buffer-timeout-ms", defaultValue = "" + LiveRunner.BUFFER_TIMEOUT_MS,
            description = "--live: network buffer timeout (default: ${DEFAULT-VALUE}, as run --live; Flink's own default is 100).")
    long bufferTimeoutMs;

    @Option(names = "--symbols", defaultValue = "ATOM/USD,AVAX/USD,BCH/USD,BONK/USD,BTC/USD,LTC/USD,TIA/USD,XRP/USD",
            description = "--live: Kraken symbols to subscribe (default: the bundled fixture's first recorded connection, ${DEFAULT-VALUE}).")
    String symbols;

    /** Latencies printed for a replay: its receive stamps are fixture times, so only scan → decision is wall-clock. */
    static final List<String> REPLAY_LATENCIES = List.of(LatencyAccumulators.SCAN_TO_DECISION);
    static final List<String> LIVE_LATENCIES = List.of(LatencyAccumulators.FRAME_TO_MICROSTRUCTURE,
            LatencyAccumulators.TICK_TO_DECISION, LatencyAccumulators.TICK_TO_ALERT, LatencyAccumulators.SCAN_TO_DECISION,
            LatencyAccumulators.TICK_TO_DEADLINE);

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        if (live) {
            var latencies = LatencyBench.run(fixtures, symbols, speed, seconds, checkpointMs, bufferTimeoutMs, parallelisms[0], out);
            out.println("latency (wall clock, ms):");
            LatencyBench.print(latencies, LIVE_LATENCIES, out);
            return 0;
        }
        Path work = Files.createTempDirectory("cryptorun-bench");
        Set<String> summaries = new HashSet<>();
        double[] medians = new double[parallelisms.length];
        for (int pi = 0; pi < parallelisms.length; pi++) {
            List<Double> rates = new ArrayList<>();
            for (int run = 0; run < runs; run++) {
                ReplayOptions o = new ReplayOptions();
                o.parallelism = parallelisms[pi];
                o.speed = 0;
                o.checkpointIntervalMs = 2000;
                ReplayRunner.Result r = ReplayRunner.run(fixtures, null, work.resolve("p" + o.parallelism + "-" + run), o,
                        false, new PrintStream(PrintStream.nullOutputStream()));
                double rate = r.frames() / (Math.max(1, r.netRuntimeMs()) / 1000.0);
                rates.add(rate);
                summaries.add(r.summaryJson());
                out.printf("parallelism %d run %d: %d frames in %d ms = %.0f frames/s; scans %d, of which before the late-fill"
                        + " deadline %d%n", o.parallelism, run, r.frames(), r.netRuntimeMs(), rate,
                        r.counters().getOrDefault(ScanFunction.SCANS_FIRED, 0L), r.counters().getOrDefault(ScanFunction.SCANS_EARLY, 0L));
                LatencyBench.print(r.latencies(), REPLAY_LATENCIES, out);
            }
            double[] sorted = rates.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            medians[pi] = sorted[sorted.length / 2];
            out.printf("parallelism %d: median %.0f frames/s (runs: %s)%n", parallelisms[pi], medians[pi], Arrays.toString(sorted));
        }
        if (parallelisms.length > 1) {
            out.printf("ratio p%d/p%d = %.2f%n", parallelisms[parallelisms.length - 1], parallelisms[0],
                    medians[medians.length - 1] / medians[0]);
        }
        out.printf("distinct summaries across all runs: %d (must be 1)%n", summaries.size());
        ReplayRunner.deleteTree(work);
        return summaries.size() == 1 ? 0 : 1;
    }
}
