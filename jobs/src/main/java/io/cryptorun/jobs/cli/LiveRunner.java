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
            throw UserError.usage(e.getMessage(), "--metrics-port takes a port or a range lo-hi (env CRYPTORUN_METRICS_PORT)");
        }
        ScannerJob job;
        FileSinks sinks;
        Preflight.outputDir(out);
        Preflight.webPort(o.webPort);
        if (o.kafkaBootstrap != null && !o.kafkaBootstrap.isBlank()) {
            Preflight.kafka(o.kafkaBootstrap, java.util.List.of(o.kafkaTopic, o.kafkaAlertsTopic, o.kafkaExitsTopic,
                    o.kafkaQuarantineTopic), null, System.err);
        }
        ReplayRunner.prepareOutDir(out);
        switch (input) {
            case "ws" -> {
                sinks = new FileSinks(out, o.kafkaBootstrap, o.kafkaTopic).withTopics(o.kafkaAlertsTopic, o.kafkaExitsTopic, o.kafkaQuarantineTopic);
                job = ScannerJob.forLive(LiveArgs.config(venues, symbols, System.getenv()), sinks);
            }
            case "kafka" -> {
                if (o.kafkaBootstrap == null || o.kafkaBootstrap.isBlank()) {
                    throw UserError.usage("--source kafka needs --kafka BOOTSTRAP", "or set KAFKA_BOOTSTRAP");
                }
                sinks = new FileSinks(out, o.kafkaBootstrap, o.kafkaTopic).withTopics(o.kafkaAlertsTopic, o.kafkaExitsTopic, o.kafkaQuarantineTopic);
                job = ScannerJob.forKafka(o.kafkaBootstrap, LiveArgs.venues(venues), sinks);
            }
            default -> {
                throw UserError.usage("unknown --source '" + input + "'", "one of fixtures, ws, kafka");
            }
        }
        job = job.withSettings(ReplayRunner.settings(o)); // the config's thresholds, validated before the job starts
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(RestOptions.PORT, o.webPort);
        conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(conf);
        env.setParallelism(o.parallelism);
        env.enableCheckpointing(o.checkpointIntervalMs);
        job.build(env);
        log.printf("scanning %s input (%s; %s) — Flink web UI on http://localhost:%d, Prometheus metrics on :%s, outputs under %s;"
                + " Ctrl-C to stop%n", input, venues, symbols, o.webPort, metricsPorts, out.resolve("_parts").toAbsolutePath());
        env.execute("cryptorun-live");
        return 0;
    }
}
