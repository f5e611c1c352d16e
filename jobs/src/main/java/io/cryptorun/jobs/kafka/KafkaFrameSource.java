package io.cryptorun.jobs.kafka;

import io.cryptorun.sources.fixture.BookResetLine;
import io.cryptorun.sources.fixture.FixtureLine;
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
 *
 * <p>Hot failover (issue 17): the topics' prefix is an option ({@code a.md.raw.} on region b), the start
 * can be the consumer group's committed offsets (those {@code replication failover --tier hot} commits on b),
 * and a record numbered by the ingest job ({@link KafkaJsonSink#SEQ_HEADER}) has its number, not its offset,
 * as frame ordinal: the same in both regions, which is what {@link KafkaFrames}'s fence drops re-delivered
 * frames by.
 */
public final class KafkaFrameSource {
    public static final String TOPIC_PREFIX = "md.raw.";
    /** The scanner's consumer group (its offsets are committed on every checkpoint; {@code replication failover} moves them). */
    public static final String GROUP = "cryptorun-scanner";

    private KafkaFrameSource() {}

    public static String topic(Venue v) {
        return TOPIC_PREFIX + v.id();
    }

    /** Where a job without restored source state starts reading ({@code --kafka-start}). */
    public enum Start {
        /** Each partition's earliest offset: the whole retained topic. */
        EARLIEST,
        /**
         * The consumer group's committed offsets (earliest for a partition without one): what {@code replication
         * failover --tier hot --to b} commits on b (MM2's translated offsets), or where the group left off.
         */
        COMMITTED;

        /** {@code earliest|committed}; anything else is a one-line {@link IllegalArgumentException}. */
        public static Start parse(String s) {
            return switch (s == null ? "" : s.trim()) {
                case "earliest" -> EARLIEST;
                case "committed" -> COMMITTED;
                default -> throw new IllegalArgumentException("unknown Kafka start '" + s + "' (one of earliest, committed)");
            };
        }
    }

    /**
     * What the scanner reads: topics {@code <topicPrefix><venue>} at {@code bootstrap}, as consumer group {@code groupId}.
     * After a hot failover region b holds a's topics as {@code a.md.raw.<venue>}: prefix {@code a.md.raw.}.
     */
    public record Spec(String bootstrap, String topicPrefix, List<String> venues, String groupId, Start start) {
        public Spec {
            if (bootstrap == null || bootstrap.isBlank()) throw new IllegalArgumentException("no Kafka bootstrap servers");
            topicPrefix = checkedPrefix(topicPrefix);
            if (groupId == null || groupId.isBlank()) throw new IllegalArgumentException("empty Kafka consumer group");
            venues = List.copyOf(venues);
            if (start == null) throw new IllegalArgumentException("no Kafka start");
        }

        /** {@code md.raw.<venue>} on {@code bootstrap}, group {@link #GROUP}, from the earliest offsets. */
        public static Spec of(String bootstrap, List<String> venues) {
            return new Spec(bootstrap, TOPIC_PREFIX, venues, GROUP, Start.EARLIEST);
        }

        public List<String> topics() {
            return venues.stream().map(v -> topicPrefix + Venue.of(v).id()).toList();
        }
    }

    /**
     * A topic prefix: the characters Kafka allows in a topic name ({@code [a-zA-Z0-9._-]}), not empty; a one-line
     * {@link IllegalArgumentException} otherwise.
     */
    public static String checkedPrefix(String prefix) {
        if (prefix == null || prefix.isEmpty()) throw new IllegalArgumentException("empty raw topic prefix (e.g. md.raw. or a.md.raw.)");
        if (!prefix.matches("[a-zA-Z0-9._-]+")) {
            throw new IllegalArgumentException("raw topic prefix '" + prefix + "' has a character Kafka does not allow in a topic name"
                    + " (only a-z A-Z 0-9 . _ -)");
        }
        if (prefix.length() > 200) throw new IllegalArgumentException("raw topic prefix longer than 200 characters");
        return prefix;
    }

    /** The watermarks of the Kafka input: {@link KafkaFrameWatermarks} (punctuated on whole seconds, no idleness). */
    public static org.apache.flink.api.common.eventtime.WatermarkStrategy<MarketEvent> watermarks() {
        return KafkaFrameWatermarks.strategy();
    }

    /** Unbounded, from the earliest committed offsets (replay from Kafka offsets + a savepoint). */
    public static KafkaSource<MarketEvent> of(String bootstrap, List<String> venues, String groupId) {
        return builder(new Spec(bootstrap, TOPIC_PREFIX, venues, groupId, Start.EARLIEST)).build();
    }

    /** The scanner's unbounded input ({@code --source kafka}), fenced against re-delivered frames ({@link KafkaFrames}). */
    public static KafkaFrames frames(Spec spec) {
        return new KafkaFrames(builder(spec).build(), spec.topicPrefix());
    }

    /** {@link #frames} bounded at the offsets current when the job starts (drills, one-off replays). */
    public static KafkaFrames boundedFrames(Spec spec) {
        return new KafkaFrames(builder(spec).setBounded(OffsetsInitializer.latest()).build(), spec.topicPrefix());
    }

    /** Bounded at the offsets current when the job starts (tests, one-off replays); topics {@code <prefix><venue>}. */
    public static KafkaSource<MarketEvent> bounded(String bootstrap, String topicPrefix, List<String> venues, String groupId) {
        return builder(new Spec(bootstrap, topicPrefix, venues, groupId, Start.EARLIEST)).setBounded(OffsetsInitializer.latest()).build();
    }

    private static org.apache.flink.connector.kafka.source.KafkaSourceBuilder<MarketEvent> builder(Spec spec) {
        return KafkaSource.<MarketEvent>builder()
                .setBootstrapServers(spec.bootstrap())
                .setTopics(spec.topics())
                .setGroupId(spec.groupId())
                .setStartingOffsets(spec.start() == Start.COMMITTED
                        ? OffsetsInitializer.committedOffsets(org.apache.kafka.clients.consumer.OffsetResetStrategy.EARLIEST)
                        : OffsetsInitializer.earliest())
                .setProperty("isolation.level", "read_committed")
                .setDeserializer(new FrameLineDeserializer());
    }

    /**
     * The record's number in its topic ({@link KafkaJsonSink#SEQ_HEADER}, written by the ingest job and copied by
     * MirrorMaker 2), or -1 when it has none (a record written before the numbering, or by another producer).
     */
    static long seq(ConsumerRecord<byte[], byte[]> record) {
        org.apache.kafka.common.header.Header h = record.headers().lastHeader(KafkaJsonSink.SEQ_HEADER);
        if (h == null || h.value() == null) return -1;
        try {
            long n = Long.parseLong(new String(h.value(), StandardCharsets.US_ASCII));
            return n >= 0 ? n : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Fixture-line JSON → the venue adapter's events. Parsers are created on the task (not serialized). */
    static final class FrameLineDeserializer implements KafkaRecordDeserializationSchema<MarketEvent> {
        private static final long serialVersionUID = 1L;
        private transient Map<Venue, FrameParser> parsers;

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<MarketEvent> out) {
            if (parsers == null) parsers = new EnumMap<>(Venue.class);
            // the frame ordinal: the record's number in its topic when it has one (the same in every region, so a
            // failed-over run's provenance and fence match an uninterrupted one's), else its offset
            long seq = seq(record);
            long ordinal = seq >= 0 ? seq : record.offset();
            String value = record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8);
            FixtureLine line;
            try {
                line = FixtureLine.parse(value);
            } catch (IllegalArgumentException e) {
                out.collect(MarketEvent.of(new Quarantine("", "", QuarantineReason.BAD_FIXTURE_LINE,
                        record.topic() + "/" + record.partition() + "@" + record.offset() + ": " + e.getMessage(),
                        record.timestamp() * 1000, "", ordinal, value)));
                return;
            }
            Venue venue;
            try {
                venue = Venue.of(line.venue());
            } catch (IllegalArgumentException e) {
                out.collect(MarketEvent.of(new Quarantine(line.venue(), "", QuarantineReason.UNKNOWN_VENUE, e.getMessage(),
                        line.ts(), line.conn(), ordinal, line.frame())));
                return;
            }
            if (BookResetLine.isResetLine(line)) { // the ingest job's note of a gap: drop the book
                MarketEvent marker = BookResetLine.decodeEvent(line);
                if (marker != null && seq >= 0) { // numbered: the reset carries the record's number, as its frames do
                    io.cryptorun.sources.model.BookReset r = marker.reset();
                    io.cryptorun.sources.model.EventHeader h = r.header();
                    marker = MarketEvent.of(new io.cryptorun.sources.model.BookReset(new io.cryptorun.sources.model.EventHeader(
                            h.venue(), h.symbol(), h.exchangeTimeMicros(), h.receiveTimeMicros(), h.conn(), seq), r.reason(),
                            r.wholeConnection()));
                }
                out.collect(marker != null ? marker : MarketEvent.of(new Quarantine(line.venue(), "", QuarantineReason.UNKNOWN_MESSAGE,
                        "malformed book reset line", line.ts(), line.conn(), ordinal, line.frame())));
                return;
            }
            FrameParser parser = parsers.computeIfAbsent(venue, Venue::newParser);
            int rest = line.conn().indexOf("#rest:");
            if (rest >= 0 && venue == Venue.BITSTAMP) {
                ((io.cryptorun.sources.venue.bitstamp.BitstampParser) parser).parseRestSnapshot(line.frame(),
                        line.conn().substring(rest + 6), line.ts(), line.conn(), ordinal, out::collect);
            } else {
                parser.parse(line.frame(), line.ts(), line.conn(), ordinal, out::collect);
            }
        }

        @Override
        public TypeInformation<MarketEvent> getProducedType() {
            return TypeInformation.of(MarketEvent.class);
        }
    }
}
