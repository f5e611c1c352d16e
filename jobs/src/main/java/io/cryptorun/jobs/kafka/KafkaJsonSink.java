package io.cryptorun.jobs.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;

/**
 * Exactly-once Kafka sinks for the project's JSON outputs: value = the JSON line, key = symbol.
 * Transactions commit on checkpoint completion, so read_committed consumers never see records of
 * an attempt that failed.
 */
public final class KafkaJsonSink {
    /** Below the broker default {@code transaction.max.timeout.ms} (15 min), as the connector requires. */
    static final int TRANSACTION_TIMEOUT_MS = 10 * 60 * 1000;

    public static final String QUARANTINE_TOPIC = "cryptorun.quarantine";
    public static final String ALERTS_TOPIC = "cryptorun.alerts";
    public static final String EXITS_TOPIC = "cryptorun.exits";

    private KafkaJsonSink() {}

    /** A line with its Kafka key (null: no key, e.g. a quarantined frame without a symbol). */
    public record Keyed(String key, String json) {}

    public static KafkaSink<Keyed> exactlyOnce(String bootstrap, String topic, String transactionalIdPrefix) {
        Properties props = new Properties();
        props.setProperty("transaction.timeout.ms", Integer.toString(TRANSACTION_TIMEOUT_MS));
        props.setProperty("enable.idempotence", "true");
        return KafkaSink.<Keyed>builder()
                .setBootstrapServers(bootstrap)
                .setKafkaProducerConfig(props)
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(transactionalIdPrefix)
                .setRecordSerializer(KafkaRecordSerializationSchema.<Keyed>builder()
                        .setTopic(topic)
                        .setKeySerializationSchema((SerializationSchema<Keyed>) k -> k.key() == null ? null : k.key().getBytes(StandardCharsets.UTF_8))
                        .setValueSerializationSchema((SerializationSchema<Keyed>) k -> k.json().getBytes(StandardCharsets.UTF_8))
                        .build())
                .build();
    }
}
