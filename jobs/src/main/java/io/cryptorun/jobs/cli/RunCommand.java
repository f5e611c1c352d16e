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
        description = "Run the scanner on an embedded Flink MiniCluster with the web UI on http://localhost:8081 "
                + "(--web-port), replaying the bundled fixture into ./data/ and printing a summary. Checks Kafka, "
                + "PostgreSQL, --out and the web UI port first; writes next to --out and moves the outputs in on "
                + "success (Ctrl-C keeps the earlier ones).")
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

    @Option(names = "--web-port", paramLabel = "<port>", defaultValue = "${env:CRYPTORUN_WEB_PORT:-8081}",
            converter = ReplayOptions.PositiveInt.class,
            description = "Port of the Flink web UI on 127.0.0.1 (env CRYPTORUN_WEB_PORT, default 8081).")
    int webPort;

    @Option(names = "--control-topic", paramLabel = "<topic>",
            description = "Live/Kafka input: read control commands (cryptorun mute/unmute/allow/deny) from this topic at the "
                    + "--kafka servers while running, e.g. cryptorun.control (default: none; --controls FILE replays a file).")
    String controlTopic;

    @Option(names = "--social-topic", paramLabel = "<topic>",
            description = "Live/Kafka input: read social readings {\"ts\":<epoch µs>,\"symbol\":\"SOL/USD\",\"social\":12.5} "
                    + "from this topic at the --kafka servers, e.g. cryptorun.social (default: none, social adds 0; a "
                    + "fixture run reads the fixture's social.jsonl). Values that are not readings are quarantined.")
    String socialTopic;

    @Option(names = "--metrics-port", paramLabel = "<port|lo-hi>",
            description = "Prometheus endpoint of a live run (default: $CRYPTORUN_METRICS_PORT, else 9249).")
    String metricsPort;

    @Override
    public Integer call() throws Exception {
        options.webPort = webPort;
        String input = live ? "ws" : source;
        if (!input.equals("fixtures")) {
            return LiveRunner.run(input, venues, symbols, controlTopic, socialTopic, out, options, System.out,
                    metricsPort != null ? metricsPort : io.cryptorun.jobs.live.LiveMetricsEndpoint.portFrom(System.getenv()));
        }
        if (controlTopic != null) {
            throw UserError.usage("--control-topic reads a live topic; a fixture run ends", "use --live or --source kafka, "
                    + "or replay the commands with --controls FILE");
        }
        if (socialTopic != null) {
            throw UserError.usage("--social-topic reads a live topic; a fixture run ends", "use --live or --source kafka, "
                    + "or put the readings in the fixture's social.jsonl");
        }
        if (!Files.exists(fixtures)) {
            throw UserError.usage("fixture not found: " + fixtures.toAbsolutePath(), "run from the repository root, or pass --fixtures");
        }
        ReplayRunner.Result r = ReplayRunner.run(fixtures, options.history, out, withProgress(options), true, log(options));
        RunSummary.print(r, options, System.out);
        // The report path goes with the human summary; a script asking for --json or --quiet gets only that.
        io.cryptorun.jobs.report.ReportCommand.afterRun(out, fixtures, log(options));
        return 0;
    }

    /** The CLI's progress display on stderr, unless the output is for a script. */
    static ReplayOptions withProgress(ReplayOptions o) {
        if (!o.quiet && !o.json) o.progress = ReplayProgress.console(System.err, System.console() != null);
        return o;
    }

    /** Where a replay's own lines go: stdout, or nowhere for --quiet / --json. */
    static PrintStream log(ReplayOptions o) {
        return o.quiet || o.json ? new PrintStream(java.io.OutputStream.nullOutputStream()) : System.out;
    }
}
