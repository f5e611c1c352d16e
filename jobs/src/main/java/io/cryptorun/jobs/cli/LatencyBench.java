package io.cryptorun.jobs.cli;

import io.cryptorun.functions.metrics.LatencyAccumulators;
import io.cryptorun.jobs.ScannerInputs;
import io.cryptorun.jobs.ScannerJob;
import io.cryptorun.sources.live.Venue;
import io.cryptorun.sources.live.loopback.FixtureReplay;
import io.cryptorun.sources.live.loopback.LoopbackExchange;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The live latency run of {@code bench-pipeline --live} (issue 16): a loopback exchange
 * ({@code ws-server}'s {@link FixtureReplay}) serves a recorded Kraken fixture at {@code speed}×,
 * moved by whole days so it starts at the next UTC midnight (as {@code ws-server --shift-days}),
 * and the real scanner job reads it over WebSocket ({@code run --live}), warmed up with the
 * fixture's bar history moved by the same days, checkpointing every {@code checkpointMs}. After
 * {@code seconds} of wall clock the job's latency accumulators ({@link LatencyAccumulators}) are
 * read and the job is cancelled. Receive stamps are the live source's wall clock, so "frame →
 * microstructure" and "tick → decision" are real wall-clock latencies here.
 */
final class LatencyBench {
    /** The recording day of the bundled fixture (its file names and bars). */
    static final LocalDate RECORDED_DAY = LocalDate.parse("2025-01-06");

    private LatencyBench() {}

    static Map<String, Map<Integer, Integer>> run(Path fixture, String symbols, double speed, long seconds, long checkpointMs,
            long bufferTimeoutMs, int parallelism, PrintStream out) throws Exception {
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        LocalDate day = now.toLocalDate().plusDays(now.getHour() == 23 ? 2 : 1);
        long days = ChronoUnit.DAYS.between(RECORDED_DAY, day);
        Path work = Files.createTempDirectory("cryptorun-latency");
        try {
            Path history = shiftedHistory(fixture.resolve("history-1h.csv.gz"), work.resolve("history-1h.csv"), days);
            try (LoopbackExchange exchange = FixtureReplay.serveShifted(fixture, 0, speed, Duration.ofDays(days).toNanos() / 1_000)) {
                ReplayOptions o = new ReplayOptions();
                o.parallelism = parallelism;
                o.checkpointIntervalMs = checkpointMs;
                Map<String, String> env = new HashMap<>(System.getenv());
                env.put(Venue.KRAKEN.urlEnv(), exchange.wsUrl("/kraken"));
                ScannerInputs inputs = ScannerLauncher.inputs("ws", null, history, null, "kraken", symbols, o, env);
                Configuration conf = ScannerLauncher.configuration();
                StreamExecutionEnvironment senv = StreamExecutionEnvironment.createLocalEnvironment(conf);
                senv.setParallelism(parallelism);
                senv.enableCheckpointing(checkpointMs);
                senv.setBufferTimeout(bufferTimeoutMs);
                io.cryptorun.jobs.validate.ValidationSettings validation = ScannerLauncher.validation(o);
                new ScannerJob(inputs, ScannerLauncher.outputs(work.resolve("out"), o, java.util.Optional.empty(), validation.region()),
                        ScannerLauncher.settings(o), validation).build(senv);
                out.printf("live latency run: %s served at %.0fx from %s (shifted %d days), symbols %s, checkpoints every %d ms,"
                        + " network buffer timeout %d ms, parallelism %d, %d s%n", fixture, speed, day, days, symbols, checkpointMs,
                        bufferTimeoutMs, parallelism, seconds);
                JobClient job = senv.executeAsync("cryptorun-latency-bench");
                try {
                    Thread.sleep(seconds * 1000);
                    return histograms(job.getAccumulators().get());
                } finally {
                    job.cancel().get();
                }
            }
        } finally {
            ReplayRunner.deleteTree(work);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Map<Integer, Integer>> histograms(Map<String, Object> accumulators) {
        return ReplayRunner.latencies(accumulators);
    }

    /** One line per latency: samples, p50/p90/p99/max in ms ("—" when it has none). */
    static void print(Map<String, Map<Integer, Integer>> latencies, List<String> names, PrintStream out) {
        for (String name : names) {
            Map<Integer, Integer> h = latencies.getOrDefault(name, Map.of());
            long n = LatencyAccumulators.count(h);
            if (n == 0) {
                out.printf("  %-40s no samples%n", name);
                continue;
            }
            long over = h.getOrDefault(LatencyAccumulators.OVERFLOW_MS, 0);
            out.printf("  %-40s n=%d p50=%d p90=%d p99=%d max=%d ms%s%n", name, n, LatencyAccumulators.quantile(h, 0.5),
                    LatencyAccumulators.quantile(h, 0.9), LatencyAccumulators.quantile(h, 0.99),
                    LatencyAccumulators.quantile(h, 1.0),
                    over == 0 ? "" : String.format(" (%d samples ≥ %d ms: receive stamps not wall-clock)", over,
                            LatencyAccumulators.OVERFLOW_MS));
        }
    }

    /** The bar history with every bar's open time moved by {@code days} (as the fixture's frames are). */
    static Path shiftedHistory(Path gz, Path to, long days) throws IOException {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(gz)),
                StandardCharsets.UTF_8));
                BufferedWriter w = Files.newBufferedWriter(to, StandardCharsets.UTF_8)) {
            w.write(r.readLine()); // header: venue,symbol,interval,open_time,…
            w.newLine();
            for (String l = r.readLine(); l != null; l = r.readLine()) {
                if (l.isBlank()) continue;
                String[] f = l.split(",", -1);
                f[3] = Instant.parse(f[3]).plus(days, ChronoUnit.DAYS).toString();
                w.write(String.join(",", f));
                w.newLine();
            }
        }
        return to;
    }
}
