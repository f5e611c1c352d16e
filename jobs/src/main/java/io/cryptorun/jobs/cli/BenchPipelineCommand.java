package io.cryptorun.jobs.cli;

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

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
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
