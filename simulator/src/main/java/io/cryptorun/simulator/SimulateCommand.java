package io.cryptorun.simulator;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cryptorun simulate}: writes a deterministic simulated Kraken v2 fixture (frames, 1h history,
 * manifest, ground truth) to {@code --out}. Meant to be registered as a subcommand of the main CLI.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Write a deterministic simulated market fixture: per-connection frame files "
                + "(kraken-<n>.jsonl.gz, and with --venues coinbase-, coinbase-advanced-, bitstamp-, gemini-<n>.jsonl.gz in each venue's native format), "
                + "1h bar history (history-1h.csv.gz), manifest.json and truth.json.",
                "The same options always produce the same bytes."})
public final class SimulateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--symbols", defaultValue = "24", paramLabel = "K",
            description = "Number of USD pairs, most liquid first (1-38, default: ${DEFAULT-VALUE}).")
    int symbols;

    @Option(names = "--hours", defaultValue = "6", paramLabel = "H",
            description = "Hours of frames (default: ${DEFAULT-VALUE}).")
    int hours;

    @Option(names = "--history-days", defaultValue = "14", paramLabel = "D",
            description = "Days of 1h bar history before the first frame; 0 writes none (default: ${DEFAULT-VALUE}).")
    int historyDays;

    @Option(names = "--start", defaultValue = SimConfig.DEFAULT_START, paramLabel = "RFC3339",
            description = "First frame instant, on a whole UTC hour (default: ${DEFAULT-VALUE}).")
    String start;

    @Option(names = "--venues", defaultValue = "kraken", paramLabel = "LIST",
            description = "Venues to render the market for, comma-separated: kraken, coinbase (Exchange level2_batch), "
                    + "coinbase-advanced (Advanced Trade level2), bitstamp, gemini (default: ${DEFAULT-VALUE}). Each writes <venue>-<n>.jsonl.gz in its own native format.")
    String venues;

    @Option(names = "--frame-minutes", defaultValue = "0", paramLabel = "M",
            description = "Write frames for only the first M minutes of the frame period; 0 = all --hours (default: ${DEFAULT-VALUE}).")
    int frameMinutes;

    @Option(names = "--scenario", description = "The evaluation scenario (docs/EVALUATION.md): long 4h-aligned regimes, "
            + "waves of planted setups up and down, exit tails, a market flush, spread faults, social.jsonl, quieter books.")
    boolean scenario;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (created if missing).")
    Path out;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        SimConfig config;
        MarketSimulator simulator;
        try {
            config = new SimConfig(seed, symbols, hours, historyDays, SimConfig.parseStart(start), scenario);
            simulator = new MarketSimulator(config, new MarketSimulator.Venues(SimVenue.parseList(venues), frameMinutes));
        } catch (IllegalArgumentException e) {
            err.println("simulate: " + e.getMessage());
            err.flush();
            return 2;
        }
        long t0 = System.nanoTime();
        MarketSimulator.Result r = simulator.writeTo(out);
        double seconds = (System.nanoTime() - t0) / 1e9;
        PrintWriter o = spec.commandLine().getOut();
        o.println(String.format(Locale.ROOT, "simulate: wrote %d files, %d lines, %d bytes (%.1f MB) to %s in %.1f s [%s]",
                r.files().size(), r.totalLines(), r.totalBytes(), r.totalBytes() / 1e6, out, seconds, r.manifest().generator()));
        o.flush();
        return 0;
    }
}
