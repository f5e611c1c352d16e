package io.cryptorun.jobs.cli;

import io.cryptorun.jobs.ScannerJob;
import io.cryptorun.jobs.live.LiveArgs;
import io.cryptorun.jobs.output.FileSinks;
import java.io.PrintStream;
import java.nio.file.Path;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * {@code cryptorun run --live} / {@code --source kafka}: the scanner on an embedded MiniCluster
 * with the web UI on :8081, reading live input until interrupted. Outputs are the file sinks'
 * committed part files under {@code <out>/_parts/} (committed on every checkpoint).
 */
final class LiveRunner {
    private LiveRunner() {}

    static int run(String input, String venues, String symbols, Path out, ReplayOptions o, PrintStream log) throws Exception {
        return run(input, venues, symbols, out, o, log, io.cryptorun.jobs.live.LiveMetricsEndpoint.portFrom(System.getenv()));
    }

    /** @param metricsPorts the Prometheus endpoint's port or range (see {@link io.cryptorun.jobs.live.LiveMetricsEndpoint}) */
    static int run(String input, String venues, String symbols, Path out, ReplayOptions o, PrintStream log, String metricsPorts)
            throws Exception {
        Configuration conf = new Configuration();
        try {
            io.cryptorun.jobs.live.LiveMetricsEndpoint.configure(conf, metricsPorts);
        } catch (IllegalArgumentException e) {
            System.err.println("cryptorun: error: " + e.getMessage());
            return 2;
        }
        ScannerJob job;
        FileSinks sinks;
        ReplayRunner.prepareOutDir(out);
        switch (input) {
            case "ws" -> {
                sinks = new FileSinks(out, o.kafkaBootstrap, o.kafkaTopic).withTopics(o.kafkaAlertsTopic, o.kafkaExitsTopic, o.kafkaQuarantineTopic);
                job = ScannerJob.forLive(LiveArgs.config(venues, symbols, System.getenv()), sinks);
            }
            case "kafka" -> {
                if (o.kafkaBootstrap == null || o.kafkaBootstrap.isBlank()) {
                    System.err.println("--source kafka needs --kafka BOOTSTRAP (or KAFKA_BOOTSTRAP)");
                    return 2;
                }
                sinks = new FileSinks(out, o.kafkaBootstrap, o.kafkaTopic).withTopics(o.kafkaAlertsTopic, o.kafkaExitsTopic, o.kafkaQuarantineTopic);
                job = ScannerJob.forKafka(o.kafkaBootstrap, LiveArgs.venues(venues), sinks);
            }
            default -> {
                System.err.println("unknown --source '" + input + "' (fixtures, ws, kafka)");
                return 2;
            }
        }
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(RestOptions.PORT, 8081);
        conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(conf);
        env.setParallelism(o.parallelism);
        env.enableCheckpointing(o.checkpointIntervalMs);
        job.build(env);
        log.printf("scanning %s input (%s; %s) — Flink web UI on http://localhost:8081, Prometheus metrics on :%s, outputs under %s;"
                + " Ctrl-C to stop%n", input, venues, symbols, metricsPorts, out.resolve("_parts").toAbsolutePath());
        env.execute("cryptorun-live");
        return 0;
    }
}
