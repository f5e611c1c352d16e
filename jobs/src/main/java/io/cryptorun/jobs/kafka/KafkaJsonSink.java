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

    /**
     * Kafka header of the ingest job's raw frames: the frame's sequence number in its venue's topic (decimal ASCII,
     * from 0, gapless in what is committed). MirrorMaker 2 copies headers, so the number is the same on region b's
     * {@code a.md.raw.<venue>}, where offsets are not (issue 17; {@link KafkaFrameSource}).
     */
    public static final String SEQ_HEADER = "cryptorun-seq";

    /** A raw frame line with its key and its sequence number in the topic ({@link #SEQ_HEADER}). */
    public record Numbered(String key, String json, long seq) {}

    /** Like {@link #exactlyOnce}, each record carrying its {@link Numbered#seq} in the {@link #SEQ_HEADER} header. */
    public static KafkaSink<Numbered> exactlyOnceNumbered(String bootstrap, String topic, String transactionalIdPrefix) {
        KafkaRecordSerializationSchema<Numbered> schema = (n, context, timestamp) -> {
            org.apache.kafka.common.header.internals.RecordHeaders headers = new org.apache.kafka.common.header.internals.RecordHeaders();
            headers.add(SEQ_HEADER, Long.toString(n.seq()).getBytes(StandardCharsets.US_ASCII));
            return new org.apache.kafka.clients.producer.ProducerRecord<>(topic, null, null,
                    n.key() == null ? null : n.key().getBytes(StandardCharsets.UTF_8), n.json().getBytes(StandardCharsets.UTF_8), headers);
        };
        return KafkaSink.<Numbered>builder()
                .setBootstrapServers(bootstrap)
                .setKafkaProducerConfig(producerProps())
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(transactionalIdPrefix)
                .setRecordSerializer(schema)
                .build();
    }

    private static Properties producerProps() {
        Properties props = new Properties();
        props.setProperty("transaction.timeout.ms", Integer.toString(TRANSACTION_TIMEOUT_MS));
        props.setProperty("enable.idempotence", "true");
        return props;
    }

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
