package io.cryptorun.jobs;

import io.cryptorun.jobs.kafka.KafkaJsonSink;
import java.util.Map;

/**
 * The Kafka copies of the scanner's outputs: microstructure, quarantine, alerts and exits, each to
 * its topic, exactly-once. The transactional id of each sink is {@code prefix + topic}: a producer
 * starting with the same id fences the running one, so two jobs on one Kafka must differ in their
 * topics or their prefix, while a restart of the same job keeps it and aborts its leftovers.
 *
 * @param bootstrap             Kafka bootstrap servers; null or blank: no Kafka output
 * @param topics                topic of each output kind that has a Kafka copy
 * @param transactionalIdPrefix prefix of the sinks' transactional ids
 */
public record KafkaOutputs(String bootstrap, Map<OutputKind, String> topics, String transactionalIdPrefix) {
    public static final String DEFAULT_TRANSACTIONAL_ID_PREFIX = "cryptorun-tx-";
    public static final String MICROSTRUCTURE_TOPIC = "cryptorun.microstructure";

    public KafkaOutputs {
        topics = Map.copyOf(topics);
    }

    /** The topics of the four outputs, in the order of the CLI's options. */
    public static KafkaOutputs of(String bootstrap, String microstructure, String alerts, String exits, String quarantine,
            String transactionalIdPrefix) {
        return new KafkaOutputs(bootstrap, Map.of(OutputKind.MICROSTRUCTURE, microstructure, OutputKind.ALERTS, alerts,
                OutputKind.EXITS, exits, OutputKind.QUARANTINE, quarantine), transactionalIdPrefix);
    }

    public boolean enabled() {
        return bootstrap != null && !bootstrap.isBlank();
    }

    /** {@code outputs} plus these Kafka copies (unchanged when Kafka is off). */
    public ScannerOutputs addTo(ScannerOutputs outputs) {
        if (!enabled()) return outputs;
        for (Map.Entry<OutputKind, String> t : topics.entrySet()) {
            outputs = outputs.withKafka(t.getKey(),
                    KafkaJsonSink.exactlyOnce(bootstrap, t.getValue(), transactionalIdPrefix + t.getValue()));
        }
        return outputs;
    }
}
