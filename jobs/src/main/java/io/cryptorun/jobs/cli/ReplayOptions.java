package io.cryptorun.jobs.cli;

import java.nio.file.Path;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/**
 * Options shared by {@code run} and {@code replay}; also the settings object for programmatic
 * replays (tests, benchmarks), hence public fields with the same defaults as the CLI.
 */
public final class ReplayOptions {
    @Option(names = "--history", paramLabel = "<file|dir>",
            description = "Bar history (1h OHLCV CSV, optionally .gz) or a fixture directory whose manifest lists it. "
                    + "Default: the history files of the --fixtures directory, if any.")
    public Path history;

    @Option(names = "--parallelism", defaultValue = "1", description = "Operator parallelism (default: ${DEFAULT-VALUE}).")
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

    @Option(names = "--controls", paramLabel = "<file>",
            description = "Control commands (JSON lines, as on the cryptorun.control topic: mute/unmute, allow/deny with TTL) "
                    + "applied by event time during the replay.")
    public Path controls;

    @Option(names = "--channels", split = ",", paramLabel = "<name>",
            description = "Alert users/channels, each with its own throttle (default: one channel, 'default').")
    public String[] channels;

    @Option(names = "--checkpoint-interval", defaultValue = "2000",
            description = "Checkpoint interval in ms; sinks commit on checkpoints (default: ${DEFAULT-VALUE}).")
    public long checkpointIntervalMs = 2000;

    /** {@code max} → 0 (unpaced), otherwise a positive factor. */
    public static final class SpeedConverter implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            if ("max".equalsIgnoreCase(value)) return 0.0;
            double v = Double.parseDouble(value);
            if (!(v > 0)) throw new IllegalArgumentException("--speed must be 'max' or a positive factor");
            return v;
        }
    }
}
