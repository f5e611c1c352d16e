package io.cryptorun.jobs.cli;

import io.cryptorun.jobs.AnalyticsSettings;
import io.cryptorun.jobs.ScannerInputs;
import io.cryptorun.jobs.ScannerJob;
import io.cryptorun.jobs.ScannerOutputs;
import io.cryptorun.jobs.ThresholdConfig;
import io.cryptorun.jobs.control.ControlFile;
import io.cryptorun.jobs.control.ControlTopic;
import io.cryptorun.jobs.db.AuditJobListener;
import io.cryptorun.jobs.db.DbMigrations;
import io.cryptorun.jobs.db.PgSettings;
import io.cryptorun.jobs.KafkaOutputs;
import io.cryptorun.jobs.live.LiveArgs;
import io.cryptorun.jobs.FileSinks;
import io.cryptorun.sources.replay.reader.ReplayStop;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The one place that turns options into a running scanner: it chooses the sources (fixtures,
 * live WebSockets or the ingest job's Kafka topics) and the sinks (files, Kafka, PostgreSQL), sets
 * the environment (generic types off, checkpointing, a replay's bounded restart strategy), applies
 * the database migrations and registers the jobs_audit listener. {@code replay} / {@code run}
 * ({@link ReplayRunner}), {@code run --live} ({@link LiveRunner}) and the job jar's entry point on a
 * Flink cluster ({@link #main}) all go through it, so a job submitted to a session cluster takes
 * exactly the options of {@code replay} / {@code run --live}.
 */
public final class ScannerLauncher {
    /** Restarts a replay gets before it fails (1 s apart: enough for a database restart). */
    static final int REPLAY_RESTART_ATTEMPTS = 10;
    /** Checkpoint interval of a cluster job whose cluster configures none and whose arguments give none. */
    static final long CLUSTER_CHECKPOINT_INTERVAL_MS = 10_000;

    private ScannerLauncher() {}

    /** What every scanner environment sets: fail instead of silently falling back to Kryo for a type without a proper serializer. */
    static Configuration configuration() {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        return conf;
    }

    /**
     * A bounded replay recovers from a transient failure (a task crash, the database restarting)
     * from its last checkpoint, like any Flink job — but a replay that keeps failing must fail,
     * not restart forever (checkpointing's default): a bounded number of attempts.
     */
    static void boundedRestarts(Configuration conf) {
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, REPLAY_RESTART_ATTEMPTS);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(1));
    }

    /** The analytics settings: the config file's {@code thresholds:} over the SPEC defaults, and the channels. */
    static AnalyticsSettings settings(ReplayOptions o) throws IOException {
        Path configFile = configFile(o);
        AnalyticsSettings s = ThresholdConfig.load(configFile, AnalyticsSettings.defaults());
        return o.channels != null && o.channels.length > 0 ? s.withChannels(o.channels) : s;
    }

    private static Path configFile(ReplayOptions o) {
        return o.pg != null && o.pg.config != null ? o.pg.config : Path.of("config", "cryptorun.yaml");
    }

    /** The validation layer's settings: the config's {@code validation:} section (issue 17), on by default. */
    static io.cryptorun.jobs.validate.ValidationSettings validation(ReplayOptions o) throws IOException {
        return io.cryptorun.jobs.validate.ValidationSettings.load(configFile(o), io.cryptorun.jobs.validate.ValidationSettings.defaults());
    }

    /**
     * The input of {@code --source fixtures|ws|kafka}.
     *
     * @param stop a replay's point-in-time cut, or null
     */
    static ScannerInputs inputs(String source, Path fixtures, Path history, ReplayStop stop, String venues, String symbols,
            ReplayOptions o, Map<String, String> env) throws IOException {
        ScannerInputs inputs = switch (source) {
            case "fixtures" -> {
                if (fixtures == null) throw UserError.usage("--source fixtures needs --fixtures", "a fixture file or directory");
                // social readings (issue 14): social.jsonl of a fixture directory, when it has one
                yield ScannerInputs.fixtures(fixtures, history, o.speed, stop)
                        .withSocial(io.cryptorun.jobs.SocialInputs.of(io.cryptorun.jobs.social.SocialFile.forFixtures(fixtures)));
            }
            case "ws" -> warmUp(ScannerInputs.live(LiveArgs.config(venues, symbols, env)), history);
            case "kafka" -> {
                if (o.kafkaBootstrap == null || o.kafkaBootstrap.isBlank()) {
                    throw UserError.usage("--source kafka needs --kafka BOOTSTRAP", "or set KAFKA_BOOTSTRAP");
                }
                yield warmUp(ScannerInputs.kafka(kafkaSpec(o, venues)), history);
            }
            default -> throw UserError.usage("unknown --source '" + source + "'", "one of fixtures, ws, kafka");
        };
        return o.controls != null ? inputs.withControls(ControlFile.read(o.controls)) : inputs;
    }

    /** {@code --source kafka}'s topics, group and start ({@code --kafka-raw-prefix/--kafka-group/--kafka-start}, issue 17). */
    static io.cryptorun.jobs.kafka.KafkaFrameSource.Spec kafkaSpec(ReplayOptions o, String venues) {
        try {
            return new io.cryptorun.jobs.kafka.KafkaFrameSource.Spec(o.kafkaBootstrap, o.kafkaRawPrefix, LiveArgs.venues(venues),
                    o.kafkaGroup, o.kafkaStart);
        } catch (IllegalArgumentException e) {
            throw UserError.usage(e.getMessage(), "see `cryptorun run --help` (--kafka-raw-prefix, --kafka-group, --kafka-start)");
        }
    }

    /**
     * A live or Kafka input with {@code --history}: its bars warm the indicators up (24 h ADV, RSI,
     * ATR, VADR need hours to days of bars a live feed only has after running that long). Without
     * it a live run starts cold. The file is checked here, before the job starts.
     */
    private static ScannerInputs warmUp(ScannerInputs live, Path history) {
        return history == null ? live : live.withHistory(io.cryptorun.sources.history.BarHistorySource.of(java.util.List.of(history)));
    }

    /** Part files under {@code out}, the Kafka copies when {@code --kafka} is set, PostgreSQL when configured. */
    static ScannerOutputs outputs(Path out, ReplayOptions o, Optional<PgSettings> pg, String region) {
        ScannerOutputs outputs = kafka(o).addTo(FileSinks.outputs(out)).withPostgres(pg.orElse(null));
        if (o.coldRoot != null) { // issue 17: the job writes the cold tier's hourly partitions of region `region`
            for (io.cryptorun.jobs.OutputKind kind : io.cryptorun.jobs.OutputKind.values()) {
                if (kind.coldTable() != null) {
                    outputs = outputs.withCold(kind, io.cryptorun.jobs.output.ColdPartitions.sink(o.coldRoot, region, kind.coldTable()));
                }
            }
        }
        return o.sinkDecorator.apply(outputs);
    }

    static KafkaOutputs kafka(ReplayOptions o) {
        String prefix = o.kafkaTransactionalIdPrefix;
        if (o.kafkaRegion != null && o.kafkaBootstrap != null && !o.kafkaBootstrap.isBlank()) { // issue 17: split-brain fencing
            prefix = prefix + RegionFenceCheck.writerMarker(o.kafkaRegion, System.getenv("CRYPTORUN_REGION_A_PG_URL"),
                    System.getenv("CRYPTORUN_REGION_B_PG_URL"), "the scanner's Kafka outputs to " + o.kafkaBootstrap) + "-";
        }
        return KafkaOutputs.of(o.kafkaBootstrap, o.kafkaTopic, o.kafkaAlertsTopic, o.kafkaExitsTopic, o.kafkaQuarantineTopic, prefix);
    }

    /** Migrations, then the jobs_audit listener of the job named {@code jobName}, when PostgreSQL is on. */
    static void prepareDatabase(StreamExecutionEnvironment env, Optional<PgSettings> pg, String jobName) throws Exception {
        if (pg.isEmpty()) return;
        if (pg.get().migrate()) DbMigrations.migrate(pg.get(), Instant.now());
        env.registerJobListener(new AuditJobListener(pg.get(), jobName, Clock.systemUTC()));
    }

    /**
     * Entry point of the shaded job jar on a Flink cluster ({@code flink run}, {@code ./cryptorun
     * submit -- ARGS}, the Kubernetes operator): the options of {@code replay} and {@code run
     * --live} ({@link ClusterJob}). Outputs are the sinks' committed part files under
     * {@code <out>/_parts/}; the local {@code cryptorun replay} additionally merges and sorts them.
     * A bad argument fails the submission with one line.
     */
    public static void main(String[] args) throws Exception {
        parse(args).call();
    }

    /** The job jar's arguments; a bad one is a one-line {@link IllegalArgumentException}. */
    static ClusterJob parse(String[] args) {
        ClusterJob job = new ClusterJob();
        CommandLine cl = new CommandLine(job);
        try {
            cl.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException("cryptorun: error: " + e.getMessage() + " (job arguments are those of "
                    + "`cryptorun replay` / `cryptorun run --live`)");
        }
        job.parallelismGiven = cl.getParseResult().hasMatchedOption("--parallelism");
        job.checkpointIntervalGiven = cl.getParseResult().hasMatchedOption("--checkpoint-interval");
        return job;
    }

    /** The job jar's arguments: {@code replay}'s and {@code run --live}'s options. */
    @Command(name = "cryptorun-jobs.jar")
    static final class ClusterJob implements Callable<Void> {
        @Option(names = "--fixtures", paramLabel = "<file|dir>", description = "Recorded input (--source fixtures).")
        Path fixtures;

        @Option(names = "--out", required = true, paramLabel = "<dir>", description = "Where the part files go.")
        Path out;

        @Option(names = "--source", defaultValue = "fixtures", paramLabel = "fixtures|ws|kafka")
        String source;

        @Option(names = "--live", description = "Same as --source ws.")
        boolean live;

        @Option(names = "--venues", defaultValue = LiveArgs.DEFAULT_VENUES)
        String venues;

        @Option(names = "--symbols", defaultValue = LiveArgs.DEFAULT_SYMBOLS)
        String symbols;

        @Option(names = "--control-topic", paramLabel = "<topic>",
                description = "Read control commands from this topic at the --kafka servers (instead of --controls).")
        String controlTopic;

        @Option(names = "--social-topic", paramLabel = "<topic>",
                description = "Read social readings from this topic at the --kafka servers (issue 14; live/Kafka input).")
        String socialTopic;

        /** Accepted for the same command line as {@code run}; the cluster serves its own web UI and metrics. */
        @Option(names = "--web-port", hidden = true)
        String webPort;

        @Option(names = "--metrics-port", hidden = true)
        String metricsPort;

        @Mixin
        ReplayOptions options = new ReplayOptions();

        boolean parallelismGiven;
        boolean checkpointIntervalGiven;

        @Override
        public Void call() throws Exception {
            ReplayOptions o = options;
            String input = live ? "ws" : source;
            AnalyticsSettings settings = settings(o);
            ScannerInputs inputs = inputs(input, fixtures, o.history, null, venues, symbols, o, System.getenv());
            if (controlTopic != null) {
                inputs = inputs.withControlSource(ControlTopic.source(o.kafkaBootstrap, controlTopic));
            }
            if (socialTopic != null) {
                if (o.kafkaBootstrap == null || o.kafkaBootstrap.isBlank()) {
                    throw new IllegalArgumentException("cryptorun: error: --social-topic needs --kafka BOOTSTRAP (or set KAFKA_BOOTSTRAP)");
                }
                inputs = inputs.withSocial(io.cryptorun.jobs.SocialInputs.topic(
                        io.cryptorun.jobs.social.SocialTopic.source(o.kafkaBootstrap, socialTopic)));
            }
            Optional<PgSettings> pg = o.postgres(System.getenv());
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(configuration());
            if (parallelismGiven) env.setParallelism(o.parallelism);
            if (checkpointIntervalGiven) {
                env.enableCheckpointing(o.checkpointIntervalMs);
            } else if (!env.getCheckpointConfig().isCheckpointingEnabled()) {
                env.enableCheckpointing(CLUSTER_CHECKPOINT_INTERVAL_MS); // sinks commit on checkpoints
            }
            String jobName = input.equals("fixtures") ? ScannerJob.JOB_NAME : ScannerJob.JOB_NAME + "-" + input;
            prepareDatabase(env, pg, jobName);
            io.cryptorun.jobs.validate.ValidationSettings validation = validation(o);
            new ScannerJob(inputs, outputs(out, o, pg, validation.region()), settings, validation).build(env);
            env.execute(jobName);
            return null;
        }
    }
}
