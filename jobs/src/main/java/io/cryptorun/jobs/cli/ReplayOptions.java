package io.cryptorun.jobs.cli;

import io.cryptorun.jobs.ScannerOutputs;
import io.cryptorun.jobs.db.PgSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * Options shared by {@code run} and {@code replay}; also the settings object for programmatic
 * replays (tests, benchmarks), hence public fields with the same defaults as the CLI.
 */
public final class ReplayOptions {
    @Option(names = "--history", paramLabel = "<file|dir>",
            description = "Bar history (1h OHLCV CSV, optionally .gz) or a fixture directory whose manifest lists it. "
                    + "Default: the history files of the --fixtures directory, if any. With --live / --source kafka: "
                    + "warm-up bars for the indicators (default: none, the run starts cold).")
    public Path history;

    @Option(names = "--parallelism", defaultValue = "1", converter = PositiveInt.class,
            description = "Operator parallelism, at least 1 (default: ${DEFAULT-VALUE}).")
    public int parallelism = 1;

    @Option(names = "--speed", defaultValue = "max", converter = SpeedConverter.class,
            description = "Replay pace: 'max' (as fast as possible) or a factor of recorded time, e.g. 60 (default: ${DEFAULT-VALUE}).")
    public double speed = 0;

    @Option(names = "--kafka", paramLabel = "<bootstrap>", defaultValue = "${env:KAFKA_BOOTSTRAP}",
            description = "Also write microstructure to Kafka (exactly-once) at these bootstrap servers (env KAFKA_BOOTSTRAP).")
    public String kafkaBootstrap;

    @Option(names = "--kafka-topic", defaultValue = "cryptorun.microstructure",
            description = "Topic for microstructure records (default: ${DEFAULT-VALUE}).")
    public String kafkaTopic = "cryptorun.microstructure";

    @Option(names = "--kafka-alerts-topic", defaultValue = "cryptorun.alerts",
            description = "Topic for sent alerts, same JSON as alerts.jsonl, key = symbol (default: ${DEFAULT-VALUE}).")
    public String kafkaAlertsTopic = "cryptorun.alerts";

    @Option(names = "--kafka-exits-topic", defaultValue = "cryptorun.exits",
            description = "Topic for paper exits, same JSON as exits.jsonl, key = symbol (default: ${DEFAULT-VALUE}).")
    public String kafkaExitsTopic = "cryptorun.exits";

    @Option(names = "--kafka-quarantine-topic", defaultValue = "cryptorun.quarantine",
            description = "Topic for quarantined input, key = symbol (default: ${DEFAULT-VALUE}).")
    public String kafkaQuarantineTopic = "cryptorun.quarantine";

    @Option(names = "--kafka-transactional-id-prefix", defaultValue = "cryptorun-tx-", paramLabel = "<prefix>",
            description = "Prefix of the Kafka sinks' transactional ids (each is prefix + topic); two jobs on one Kafka "
                    + "writing the same topics need different prefixes (default: ${DEFAULT-VALUE}).")
    public String kafkaTransactionalIdPrefix = "cryptorun-tx-";

    @Option(names = "--kafka-region", paramLabel = "a|b",
            description = "Split-brain fencing of the Kafka outputs (issue 17): the region whose Kafka --kafka is. The job starts "
                    + "only when it is the hot tier's active region (replication_failovers of CRYPTORUN_REGION_A_PG_URL / "
                    + "CRYPTORUN_REGION_B_PG_URL) and marks its transactional ids with the fencing epoch. Without it: no fencing.")
    public String kafkaRegion;

    @Option(names = "--kafka-raw-prefix", defaultValue = "md.raw.", paramLabel = "<prefix>", converter = RawPrefix.class,
            description = "--source kafka: read topics <prefix><venue> (default: ${DEFAULT-VALUE}; on region b after a hot "
                    + "failover: a.md.raw.). Another prefix gives the source another uid: a savepoint's splits of the old "
                    + "topics are not restored (docs/DATA_MULTI_REGION.md).")
    public String kafkaRawPrefix = "md.raw.";

    @Option(names = "--kafka-group", defaultValue = "cryptorun-scanner", paramLabel = "<group>", converter = GroupId.class,
            description = "--source kafka: the consumer group whose offsets the source commits on each checkpoint "
                    + "(default: ${DEFAULT-VALUE}).")
    public String kafkaGroup = "cryptorun-scanner";

    @Option(names = "--kafka-start", defaultValue = "earliest", paramLabel = "earliest|committed", converter = KafkaStart.class,
            description = "--source kafka, for partitions without restored state: the earliest offsets (default) or the "
                    + "group's committed offsets, e.g. those `replication failover --tier hot --to b` committed on b.")
    public io.cryptorun.jobs.kafka.KafkaFrameSource.Start kafkaStart = io.cryptorun.jobs.kafka.KafkaFrameSource.Start.EARLIEST;

    @Option(names = "--controls", paramLabel = "<file>",
            description = "Control commands (JSON lines, as on the cryptorun.control topic: mute/unmute, allow/deny with TTL) "
                    + "applied by event time during the replay.")
    public Path controls;

    @Option(names = "--channels", split = ",", paramLabel = "<name>",
            description = "Alert users/channels, each with its own throttle (default: one channel, 'default').")
    public String[] channels;

    @Option(names = "--checkpoint-interval", defaultValue = "2000", converter = PositiveLong.class,
            description = "Checkpoint interval in ms; sinks commit on checkpoints (default: ${DEFAULT-VALUE}).")
    public long checkpointIntervalMs = 2000;

    @Option(names = "--cold-root", paramLabel = "<dir>",
            description = "Also write the cold tier: hourly gzip JSONL partitions of bars, microstructure, scores, alerts, "
                    + "suppressed, exits, regime and quarantine under <dir>/cold/<region>/<table>/date=…/hour=…/, committed "
                    + "on checkpoints (region: the config's validation.region, default a; docs/DATA_MULTI_REGION.md).")
    public Path coldRoot;

    @Mixin
    public PgOptions pg = new PgOptions();

    @Option(names = {"-q", "--quiet"}, description = "Print nothing but errors (no progress, no summary).")
    public boolean quiet;

    @Option(names = "--json", description = "Print only summary.json's content on stdout (for scripts); no progress.")
    public boolean json;

    /** The web UI's port of {@code run} (its {@code --web-port}); {@code replay} has no web UI. */
    public int webPort = 8081;

    /** Where a replay reports its progress; the CLI sets one unless --quiet or --json. */
    public ReplayProgress progress = ReplayProgress.NONE;

    /** Programmatic replays set this instead of the options above. */
    public PgSettings postgres;

    /** Programmatic replays (failure tests) may replace the job's sinks; the CLI leaves them as they are. */
    public UnaryOperator<ScannerOutputs> sinkDecorator = UnaryOperator.identity();

    /** The PostgreSQL settings in force, if PostgreSQL output is on. */
    public Optional<PgSettings> postgres(Map<String, String> env) throws IOException {
        return postgres != null ? Optional.of(postgres) : pg.resolve(env);
    }

    /** An int option that must be at least 1. */
    public static final class PositiveInt implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return Math.toIntExact(atLeastOne(value, Integer.MAX_VALUE));
        }
    }

    /** A Kafka topic prefix ({@code --kafka-raw-prefix}): characters Kafka allows in a topic name. */
    public static final class RawPrefix implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            try {
                return io.cryptorun.jobs.kafka.KafkaFrameSource.checkedPrefix(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** A consumer group id ({@code --kafka-group}): not blank. */
    public static final class GroupId implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (value == null || value.isBlank()) throw new TypeConversionException("empty consumer group");
            return value.trim();
        }
    }

    /** {@code earliest|committed} ({@code --kafka-start}). */
    public static final class KafkaStart implements ITypeConverter<io.cryptorun.jobs.kafka.KafkaFrameSource.Start> {
        @Override
        public io.cryptorun.jobs.kafka.KafkaFrameSource.Start convert(String value) {
            try {
                return io.cryptorun.jobs.kafka.KafkaFrameSource.Start.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "' is not a Kafka start: one of earliest, committed");
            }
        }
    }

    /** A long option that must be at least 1. */
    public static final class PositiveLong implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return atLeastOne(value, Long.MAX_VALUE);
        }
    }

    private static long atLeastOne(String value, long max) {
        long v;
        try {
            v = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a whole number");
        }
        if (v < 1) throw new TypeConversionException("must be at least 1, got " + v);
        if (v > max) throw new TypeConversionException("must be at most " + max + ", got " + v);
        return v;
    }

    /** {@code max} → 0 (unpaced), otherwise a positive factor. */
    public static final class SpeedConverter implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            if ("max".equalsIgnoreCase(value)) return 0.0;
            double v;
            try {
                v = Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is neither 'max' nor a number");
            }
            if (!(v > 0)) throw new TypeConversionException("must be 'max' or a positive factor, got " + value);
            return v;
        }
    }
}
