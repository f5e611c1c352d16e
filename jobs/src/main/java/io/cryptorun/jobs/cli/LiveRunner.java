package io.cryptorun.jobs.cli;

import io.cryptorun.jobs.AnalyticsSettings;
import io.cryptorun.jobs.ScannerInputs;
import io.cryptorun.jobs.ScannerJob;
import java.io.PrintStream;
import java.nio.file.Path;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * {@code cryptorun run --live} / {@code --source kafka}: the scanner on an embedded MiniCluster
 * with the web UI on :8081, reading live input until interrupted, optionally warmed up with
 * {@code --history} bars and taking control commands from {@code --control-topic}. Outputs are the
 * file sinks' committed part files under {@code <out>/_parts/} (committed on every checkpoint).
 */
final class LiveRunner {
    /**
     * Network buffer timeout of a live job (ms; Flink's default is 100): a live feed is sparse, so
     * with the default a record waits up to 100 ms per network hop for its buffer to fill (issue 16:
     * frame → microstructure p50 53 ms, p99 156 ms at 10× with the default; docs/PERF.md §6).
     */
    static final long BUFFER_TIMEOUT_MS = 5;

    private LiveRunner() {}

    static int run(String input, String venues, String symbols, Path out, ReplayOptions o, PrintStream log) throws Exception {
        return run(input, venues, symbols, null, out, o, log, io.cryptorun.jobs.live.LiveMetricsEndpoint.portFrom(System.getenv()));
    }

    static int run(String input, String venues, String symbols, String controlTopic, Path out, ReplayOptions o, PrintStream log,
            String metricsPorts) throws Exception {
        return run(input, venues, symbols, controlTopic, null, out, o, log, metricsPorts);
    }

    /**
     * @param controlTopic the Kafka topic of live control commands ({@code --control-topic}), or null
     * @param socialTopic  the Kafka topic of social readings ({@code --social-topic}, issue 14), or null
     * @param metricsPorts the Prometheus endpoint's port or range (see {@link io.cryptorun.jobs.live.LiveMetricsEndpoint})
     */
    static int run(String input, String venues, String symbols, String controlTopic, String socialTopic, Path out,
            ReplayOptions o, PrintStream log, String metricsPorts) throws Exception {
        boolean kafka = o.kafkaBootstrap != null && !o.kafkaBootstrap.isBlank();
        if (socialTopic != null && !kafka) {
            throw UserError.usage("--social-topic needs --kafka BOOTSTRAP", "or set KAFKA_BOOTSTRAP");
        }
        if (controlTopic != null && !kafka) {
            throw UserError.usage("--control-topic needs --kafka BOOTSTRAP", "or set KAFKA_BOOTSTRAP");
        }
        if (controlTopic != null && o.controls != null) {
            throw UserError.usage("--control-topic and --controls exclude each other", "live commands come from the topic");
        }
        Configuration conf = new Configuration();
        try {
            io.cryptorun.jobs.live.LiveMetricsEndpoint.configure(conf, metricsPorts);
        } catch (IllegalArgumentException e) {
            throw UserError.usage(e.getMessage(), "--metrics-port takes a port or a range lo-hi (env CRYPTORUN_METRICS_PORT)");
        }
        Preflight.outputDir(out);
        Preflight.webPort(o.webPort);
        if (kafka) {
            java.util.List<String> topics = new java.util.ArrayList<>(java.util.List.of(o.kafkaTopic, o.kafkaAlertsTopic,
                    o.kafkaExitsTopic, o.kafkaQuarantineTopic));
            if (controlTopic != null) topics.add(controlTopic);
            if (socialTopic != null) topics.add(socialTopic);
            Preflight.kafka(o.kafkaBootstrap, topics, null, System.err);
        }
        ReplayRunner.prepareOutDir(out);
        // --history: warm-up bars (none by default: a live run starts cold)
        ScannerInputs inputs = ScannerLauncher.inputs(input, null, o.history, null, venues, symbols, o, System.getenv());
        if (controlTopic != null) {
            inputs = inputs.withControlSource(io.cryptorun.jobs.control.ControlTopic.source(o.kafkaBootstrap, controlTopic));
        }
        if (socialTopic != null) {
            inputs = inputs.withSocial(io.cryptorun.jobs.SocialInputs.topic(
                    io.cryptorun.jobs.social.SocialTopic.source(o.kafkaBootstrap, socialTopic)));
        }
        // the config's thresholds, validated before the job starts
        AnalyticsSettings settings = ScannerLauncher.settings(o);
        io.cryptorun.jobs.validate.ValidationSettings validation = ScannerLauncher.validation(o);
        Configuration launch = ScannerLauncher.configuration();
        launch.addAll(conf);
        launch.set(RestOptions.PORT, o.webPort);
        launch.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(launch);
        env.setParallelism(o.parallelism);
        env.enableCheckpointing(o.checkpointIntervalMs);
        env.setBufferTimeout(BUFFER_TIMEOUT_MS);
        new ScannerJob(inputs, ScannerLauncher.outputs(out, o, java.util.Optional.empty(), validation.region()), settings, validation).build(env);
        log.printf("scanning %s input (%s; %s) — Flink web UI on http://localhost:%d, Prometheus metrics on :%s, outputs under %s;"
                + " Ctrl-C to stop%n", input, venues, symbols, o.webPort, metricsPorts, out.resolve("_parts").toAbsolutePath());
        if (o.history != null) log.printf("warm-up bars from %s%n", o.history);
        if (controlTopic != null) log.printf("control commands from Kafka topic %s%n", controlTopic);
        if (socialTopic != null) log.printf("social readings from Kafka topic %s%n", socialTopic);
        env.execute("cryptorun-live");
        return 0;
    }
}
