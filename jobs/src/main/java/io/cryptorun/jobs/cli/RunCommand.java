package io.cryptorun.jobs.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import io.cryptorun.jobs.live.LiveArgs;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the scanner on an embedded Flink MiniCluster with the web UI on http://localhost:8081, "
                + "replaying the bundled fixture into ./data/ and printing a summary.")
public final class RunCommand implements Callable<Integer> {
    static final Path BUNDLED = Path.of("fixtures", "kraken-sim");

    @Option(names = "--fixtures", paramLabel = "<file|dir>", description = "Input (default: the bundled fixture ${DEFAULT-VALUE}).",
            defaultValue = "fixtures/kraken-sim")
    Path fixtures;

    @Option(names = "--out", paramLabel = "<dir>", defaultValue = "data", description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Mixin
    ReplayOptions options;

    @Option(names = "--live", description = "Read the exchanges' WebSockets (same as --source ws); runs until interrupted.")
    boolean live;

    @Option(names = "--source", paramLabel = "fixtures|ws|kafka", defaultValue = "fixtures",
            description = "Input: bundled/recorded fixtures (default), live exchange WebSockets (endpoints from KRAKEN_WS_URL, "
                    + "COINBASE_WS_URL, BITSTAMP_WS_URL, BITSTAMP_API_BASE, GEMINI_WS_URL or the public ones), or the ingest "
                    + "job's Kafka topics md.raw.<venue> (--kafka BOOTSTRAP).")
    String source;

    @Option(names = "--venues", defaultValue = LiveArgs.DEFAULT_VENUES, description = "Live/Kafka venues (default: ${DEFAULT-VALUE}).")
    String venues;

    @Option(names = "--symbols", defaultValue = LiveArgs.DEFAULT_SYMBOLS,
            description = "Live symbols, canonical BASE/QUOTE, on every venue (default: ${DEFAULT-VALUE}).")
    String symbols;

    @Option(names = "--metrics-port", paramLabel = "<port|lo-hi>",
            description = "Prometheus endpoint of a live run (default: $CRYPTORUN_METRICS_PORT, else 9249).")
    String metricsPort;

    @Override
    public Integer call() throws Exception {
        String input = live ? "ws" : source;
        if (!input.equals("fixtures")) {
            return LiveRunner.run(input, venues, symbols, out, options, System.out,
                    metricsPort != null ? metricsPort : io.cryptorun.jobs.live.LiveMetricsEndpoint.portFrom(System.getenv()));
        }
        if (!Files.exists(fixtures)) {
            System.err.println("fixture not found: " + fixtures.toAbsolutePath()
                    + " (run from the repository root, or pass --fixtures)");
            return 2;
        }
        ReplayRunner.Result r = ReplayRunner.run(fixtures, options.history, out, options, true, System.out);
        printSummary(r, System.out);
        return 0;
    }

    static void printSummary(ReplayRunner.Result r, PrintStream out) {
        double seconds = Math.max(1, r.netRuntimeMs()) / 1000.0;
        out.printf("done in %.1f s (%.0f frames/s). outputs in %s%n", seconds, r.frames() / seconds, r.outDir().toAbsolutePath());
        out.print(r.summaryJson());
    }
}
