package io.cryptorun.jobs.cli;

import io.cryptorun.jobs.kafka.KafkaJsonSink;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** Where alerts and exits are read from ({@code notify}, {@code alerts}). */
public final class AlertTopics {
    @Option(names = "--kafka", defaultValue = "${env:KAFKA_BOOTSTRAP}", paramLabel = "<bootstrap>",
            description = "Kafka bootstrap servers (default: $KAFKA_BOOTSTRAP).")
    String kafka;

    @Option(names = "--alerts-topic", defaultValue = KafkaJsonSink.ALERTS_TOPIC, description = "default: ${DEFAULT-VALUE}")
    String alertsTopic;

    @Option(names = "--exits-topic", defaultValue = KafkaJsonSink.EXITS_TOPIC, description = "default: ${DEFAULT-VALUE}; 'none' for alerts only")
    String exitsTopic;

    String bootstrap(CommandLine cmd) {
        if (kafka == null || kafka.isBlank()) {
            throw new CommandLine.ParameterException(cmd, cmd.getCommandName() + " needs --kafka BOOTSTRAP (or env KAFKA_BOOTSTRAP)");
        }
        return kafka;
    }

    /** The exits topic, or null for {@code none}. */
    String exits() {
        return "none".equals(exitsTopic) ? null : exitsTopic;
    }
}
