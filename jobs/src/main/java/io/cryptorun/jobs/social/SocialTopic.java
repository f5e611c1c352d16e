package io.cryptorun.jobs.social;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptorun.functions.scan.SocialSignal;
import io.cryptorun.sources.model.Quarantine;
import io.cryptorun.sources.model.QuarantineReason;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The live social input (issue 14, SPEC §7 "Social = external input, Kafka topic
 * {@code cryptorun.social}"): a FLIP-27 {@link KafkaSource} of JSON values, each one reading as in
 * {@link SocialFile} ({@code {"ts":<epoch µs>,"symbol":"SOL/USD","social":12.5}}). A value that is
 * not such a reading never fails the job: it becomes a {@link Quarantine} (venue {@value #VENUE},
 * conn the topic-partition, ordinal the offset, the raw text) with a reason — {@code malformed_json}
 * (not JSON), {@code missing_field} (no integral {@code ts}, textual {@code symbol} or numeric
 * {@code social}), {@code invalid_timestamp} ({@code ts} ≤ 0), {@code invalid_number} (a value too
 * large for a double) — and goes to the job's quarantine output, counted by reason like any other.
 * Read from the earliest offset (a restarted job re-reads the readings still in force; a savepoint
 * restore continues from its offsets), {@code read_committed}.
 */
public final class SocialTopic {
    public static final String DEFAULT_TOPIC = "cryptorun.social";
    public static final String VENUE = "social";
    /** The topic is quiet between readings; without idleness its watermark would hold the scan back. */
    public static final Duration IDLENESS = Duration.ofSeconds(30);
    public static final OutputTag<Quarantine> QUARANTINE = new OutputTag<>("social-quarantine", TypeInformation.of(Quarantine.class));

    private SocialTopic() {}

    /** One message of the topic: a reading, or the quarantine record of a value that is not one. */
    public record Message(SocialSignal reading, Quarantine quarantine) implements Serializable {
        public long tsMicros() {
            return reading != null ? reading.tsMicros() : quarantine.receiveTimeMicros();
        }
    }

    public static KafkaSource<Message> source(String bootstrap, String topic) {
        return builder(bootstrap, topic).build();
    }

    /** Reads what the topic holds now and finishes (tests, replays of a recorded topic). */
    public static KafkaSource<Message> bounded(String bootstrap, String topic) {
        return builder(bootstrap, topic).setBounded(OffsetsInitializer.latest()).build();
    }

    private static KafkaSourceBuilder<Message> builder(String bootstrap, String topic) {
        return KafkaSource.<Message>builder()
                .setBootstrapServers(bootstrap)
                .setTopics(topic)
                .setGroupId("cryptorun-social")
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setProperty("isolation.level", "read_committed")
                .setDeserializer(new Deserializer());
    }

    public static WatermarkStrategy<Message> watermarks() {
        return WatermarkStrategy.<Message>forBoundedOutOfOrderness(Duration.ZERO)
                .withTimestampAssigner((m, ts) -> Math.floorDiv(m.tsMicros(), 1000))
                .withIdleness(IDLENESS);
    }

    /** The message of one record value ({@code receiveMicros}: the record's time stamp, for a quarantined one). */
    static Message parse(byte[] value, String conn, long offset, long receiveMicros, ObjectMapper json) {
        String text = value == null ? "" : new String(value, StandardCharsets.UTF_8);
        JsonNode n;
        try {
            n = json.readTree(text);
        } catch (IOException | RuntimeException e) {
            n = null;
        }
        if (n == null || !n.isObject()) {
            return quarantined(QuarantineReason.MALFORMED_JSON, "not a JSON object", null, receiveMicros, conn, offset, text);
        }
        String symbol = n.path("symbol").isTextual() ? n.path("symbol").asText() : null;
        if (!n.path("ts").isIntegralNumber() || symbol == null || symbol.isEmpty() || !n.path("social").isNumber()) {
            return quarantined(QuarantineReason.MISSING_FIELD,
                    "a reading is {\"ts\":<epoch µs>,\"symbol\":\"<pair>\",\"social\":<number>}", symbol, receiveMicros, conn, offset, text);
        }
        if (!n.path("ts").canConvertToLong() || n.path("ts").asLong() <= 0) {
            return quarantined(QuarantineReason.INVALID_TIMESTAMP, "ts " + n.path("ts").asText() + " is not a positive epoch µs",
                    symbol, receiveMicros, conn, offset, text);
        }
        SocialSignal s = SocialFile.of(n);
        if (s == null) {
            return quarantined(QuarantineReason.INVALID_NUMBER, "social " + n.path("social").asText() + " is not finite",
                    symbol, receiveMicros, conn, offset, text);
        }
        return new Message(s, null);
    }

    private static Message quarantined(String reason, String detail, String symbol, long receiveMicros, String conn, long offset,
            String text) {
        return new Message(null, new Quarantine(VENUE, symbol, reason, detail, receiveMicros, conn, offset, text));
    }

    static final class Deserializer implements KafkaRecordDeserializationSchema<Message> {
        private static final long serialVersionUID = 1L;
        private transient ObjectMapper json;

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Message> out) {
            if (json == null) {
                json = new ObjectMapper();
            }
            out.collect(parse(record.value(), record.topic() + "-" + record.partition(), record.offset(),
                    record.timestamp() * 1000L, json));
        }

        @Override
        public TypeInformation<Message> getProducedType() {
            return TypeInformation.of(Message.class);
        }
    }

    /** Readings on, quarantined values to {@link #QUARANTINE}. */
    public static final class Router extends ProcessFunction<Message, SocialSignal> {
        private static final long serialVersionUID = 1L;

        @Override
        public void processElement(Message m, Context ctx, Collector<SocialSignal> out) {
            if (m.reading() != null) {
                out.collect(m.reading());
            } else {
                ctx.output(QUARANTINE, m.quarantine());
            }
        }
    }
}
