package io.cryptorun.jobs.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The notifier job: {@code cryptorun.alerts} + {@code cryptorun.exits} (read_committed; offsets
 * in checkpoints and committed to the consumer group on each completed checkpoint, so a fresh
 * process resumes where the last one's checkpoint was) → one {@link Notice} per destination →
 * {@link NotifyFunction} (async, at parallelism 1 so each destination has exactly one token
 * bucket) → discarded (the ledger is the record). Stable uids: {@code source-notify},
 * {@code notify-fanout}, {@code notify-deliver}, {@code notify-results}.
 */
public final class NotifyJob {
    /** At most this many notices in flight in the async operator; beyond, the source is back-pressured. */
    static final int CAPACITY = 1000;

    private NotifyJob() {}

    public static void build(StreamExecutionEnvironment env, NotifySettings s) {
        List<String> topics = new ArrayList<>(List.of(s.alertsTopic()));
        if (s.exitsTopic() != null) topics.add(s.exitsTopic());
        KafkaSourceBuilder<Notice> b = KafkaSource.<Notice>builder()
                .setBootstrapServers(s.kafka())
                .setTopics(topics)
                .setGroupId(s.groupId())
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setProperty("isolation.level", "read_committed")
                .setProperty("commit.offsets.on.checkpoint", "true")
                .setDeserializer(new LineDeserializer(s.exitsTopic()));
        if (s.bounded()) b.setBounded(OffsetsInitializer.latest());
        List<Destination> dests = s.destinations();
        DataStream<Notice> fanned = env.fromSource(b.build(), WatermarkStrategy.noWatermarks(), "notify-source")
                .uid("source-notify").setParallelism(1)
                .flatMap((Notice n, Collector<Notice> out) -> {
                    for (Destination d : dests) out.collect(n.to(d.id()));
                }, TypeInformation.of(Notice.class)).uid("notify-fanout").name("fan-out to destinations").setParallelism(1);
        long timeoutMs = 2 * s.retry().deadline().toMillis() + TimeUnit.MINUTES.toMillis(10);
        AsyncDataStream.unorderedWait(fanned, new NotifyFunction(s), timeoutMs, TimeUnit.MILLISECONDS, CAPACITY)
                .uid("notify-deliver").name("deliver").setParallelism(1)
                .sinkTo(new DiscardingSink<>()).uid("notify-results").name("ledgered").setParallelism(1);
    }

    /** A topic line → a notice without destination; an unreadable line is skipped (logged), never fatal. */
    static final class LineDeserializer implements KafkaRecordDeserializationSchema<Notice> {
        private static final long serialVersionUID = 1L;
        private final String exitsTopic;
        private transient ObjectMapper json;

        LineDeserializer(String exitsTopic) {
            this.exitsTopic = exitsTopic;
        }

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Notice> out) {
            if (json == null) json = new ObjectMapper();
            String text = new String(record.value(), StandardCharsets.UTF_8);
            try {
                JsonNode line = json.readTree(text);
                String kind = record.topic().equals(exitsTopic) ? Notice.EXIT : Notice.ALERT;
                out.collect(new Notice(null, NoticeIds.of(kind, line), kind, line.path("symbol").asText(""),
                        line.path("ts").asLong(), text));
            } catch (IOException | RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(NotifyJob.class).warn("skipping unreadable record {}-{}@{}",
                        record.topic(), record.partition(), record.offset());
            }
        }

        @Override
        public TypeInformation<Notice> getProducedType() {
            return TypeInformation.of(Notice.class);
        }
    }
}
