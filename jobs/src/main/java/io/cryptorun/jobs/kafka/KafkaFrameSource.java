package io.cryptorun.jobs.kafka;

import io.cryptorun.sources.fixture.FixtureLine;
import io.cryptorun.sources.fixture.BookResetLine;
import io.cryptorun.sources.live.Venue;
import io.cryptorun.sources.model.MarketEvent;
import io.cryptorun.sources.model.Quarantine;
import io.cryptorun.sources.model.QuarantineReason;
import io.cryptorun.sources.venue.FrameParser;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The scanner's input from the ingest job's topics ({@code --source kafka}): {@code md.raw.<venue>}
 * records whose value is a fixture line are parsed by the venue's adapter into the same
 * {@link MarketEvent}s as the fixture and WebSocket paths. Reads committed records only (the
 * ingest job writes transactionally). Provenance: the line's connection and receive time; the
 * frame ordinal is the Kafka offset (unique per partition, and a symbol's frames share one
 * partition, key = symbol). Resync lines ({@code <conn>#resync}) become the resync markers the
 * ingest job's source emitted, so a gap in the raw stream still invalidates the book. A value
 * that is not a fixture line is quarantined, never thrown.
 */
public final class KafkaFrameSource {
    public static final String TOPIC_PREFIX = "md.raw.";

    private KafkaFrameSource() {}

    public static String topic(Venue v) {
        return TOPIC_PREFIX + v.id();
    }

    /** Unbounded, from the earliest committed offsets (replay from Kafka offsets + a savepoint). */
    public static KafkaSource<MarketEvent> of(String bootstrap, List<String> venues, String groupId) {
        return builder(bootstrap, TOPIC_PREFIX, venues, groupId).build();
    }

    /** Bounded at the offsets current when the job starts (tests, one-off replays); topics {@code <prefix><venue>}. */
    public static KafkaSource<MarketEvent> bounded(String bootstrap, String topicPrefix, List<String> venues, String groupId) {
        return builder(bootstrap, topicPrefix, venues, groupId).setBounded(OffsetsInitializer.latest()).build();
    }

    private static org.apache.flink.connector.kafka.source.KafkaSourceBuilder<MarketEvent> builder(String bootstrap,
            String topicPrefix, List<String> venues, String groupId) {
        return KafkaSource.<MarketEvent>builder()
                .setBootstrapServers(bootstrap)
                .setTopics(venues.stream().map(v -> topicPrefix + Venue.of(v).id()).toList())
                .setGroupId(groupId)
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setProperty("isolation.level", "read_committed")
                .setDeserializer(new FrameLineDeserializer());
    }

    /** Fixture-line JSON → the venue adapter's events. Parsers are created on the task (not serialized). */
    static final class FrameLineDeserializer implements KafkaRecordDeserializationSchema<MarketEvent> {
        private static final long serialVersionUID = 1L;
        private transient Map<Venue, FrameParser> parsers;

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<MarketEvent> out) {
            if (parsers == null) parsers = new EnumMap<>(Venue.class);
            String value = record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8);
            FixtureLine line;
            try {
                line = FixtureLine.parse(value);
            } catch (IllegalArgumentException e) {
                out.collect(MarketEvent.of(new Quarantine("", "", QuarantineReason.BAD_FIXTURE_LINE,
                        record.topic() + "/" + record.partition() + "@" + record.offset() + ": " + e.getMessage(),
                        record.timestamp() * 1000, "", record.offset(), value)));
                return;
            }
            Venue venue;
            try {
                venue = Venue.of(line.venue());
            } catch (IllegalArgumentException e) {
                out.collect(MarketEvent.of(new Quarantine(line.venue(), "", QuarantineReason.UNKNOWN_VENUE, e.getMessage(),
                        line.ts(), line.conn(), record.offset(), line.frame())));
                return;
            }
            if (BookResetLine.isResetLine(line)) { // the ingest job's note of a gap: drop the book
                MarketEvent marker = BookResetLine.decodeEvent(line);
                out.collect(marker != null ? marker : MarketEvent.of(new Quarantine(line.venue(), "", QuarantineReason.UNKNOWN_MESSAGE,
                        "malformed book reset line", line.ts(), line.conn(), record.offset(), line.frame())));
                return;
            }
            FrameParser parser = parsers.computeIfAbsent(venue, Venue::newParser);
            int rest = line.conn().indexOf("#rest:");
            if (rest >= 0 && venue == Venue.BITSTAMP) {
                ((io.cryptorun.sources.venue.bitstamp.BitstampParser) parser).parseRestSnapshot(line.frame(),
                        line.conn().substring(rest + 6), line.ts(), line.conn(), record.offset(), out::collect);
            } else {
                parser.parse(line.frame(), line.ts(), line.conn(), record.offset(), out::collect);
            }
        }

        @Override
        public TypeInformation<MarketEvent> getProducedType() {
            return TypeInformation.of(MarketEvent.class);
        }
    }
}
