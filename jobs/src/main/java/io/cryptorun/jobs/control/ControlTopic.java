package io.cryptorun.jobs.control;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptorun.functions.alerts.ControlCommand;
import java.io.IOException;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The live control stream: the {@code cryptorun.control} Kafka topic (JSON values as in
 * {@link ControlFile}), read from the earliest offset so a restarted job knows every mute still
 * in force (and a savepoint restore continues from its offsets). A value that is not JSON becomes
 * a command without action or target, which the throttle ignores and the audit records as
 * {@code rejected} — a bad message never fails the job. {@code seq} is the record's offset
 * (partition in the high bits), so the order of equal-time commands is the topic's.
 */
public final class ControlTopic {
    public static final String DEFAULT_TOPIC = "cryptorun.control";
    /**
     * The topic is silent most of the time; without idleness its watermark would hold the throttle
     * back forever. Idleness is wall-clock time, which is right for a live stream (replays use
     * {@code --controls FILE}, which finishes and so never holds anything back).
     */
    public static final Duration IDLENESS = Duration.ofSeconds(30);

    private ControlTopic() {}

    public static KafkaSource<ControlCommand> source(String bootstrap, String topic) {
        return builder(bootstrap, topic).build();
    }

    /** Reads what the topic holds now and finishes (tests, one-off audits). */
    public static KafkaSource<ControlCommand> bounded(String bootstrap, String topic) {
        return builder(bootstrap, topic).setBounded(OffsetsInitializer.latest()).build();
    }

    private static KafkaSourceBuilder<ControlCommand> builder(String bootstrap, String topic) {
        return KafkaSource.<ControlCommand>builder()
                .setBootstrapServers(bootstrap)
                .setTopics(topic)
                .setGroupId("cryptorun-control")
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setProperty("isolation.level", "read_committed")
                .setDeserializer(new Deserializer());
    }

    public static WatermarkStrategy<ControlCommand> watermarks() {
        return WatermarkStrategy.<ControlCommand>forBoundedOutOfOrderness(Duration.ZERO)
                .withTimestampAssigner((c, ts) -> Math.floorDiv(c.tsMicros(), 1000))
                .withIdleness(IDLENESS);
    }

    static final class Deserializer implements KafkaRecordDeserializationSchema<ControlCommand> {
        private static final long serialVersionUID = 1L;
        private transient ObjectMapper json;

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<ControlCommand> out) {
            if (json == null) {
                json = new ObjectMapper();
            }
            long seq = ((long) record.partition() << 40) | record.offset();
            try {
                out.collect(ControlFile.of(json.readTree(record.value()), seq));
            } catch (IOException | RuntimeException e) {
                out.collect(new ControlCommand(record.timestamp() * 1000L, seq, null, null, null, 0, ""));
            }
        }

        @Override
        public TypeInformation<ControlCommand> getProducedType() {
            return TypeInformation.of(ControlCommand.class);
        }
    }
}
