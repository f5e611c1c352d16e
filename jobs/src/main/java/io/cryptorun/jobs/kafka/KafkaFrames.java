package io.cryptorun.jobs.kafka;

import io.cryptorun.sources.model.MarketEvent;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.KafkaSourceEnumState;
import org.apache.flink.connector.kafka.source.split.KafkaPartitionSplit;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * The scanner's Kafka input ({@link KafkaFrameSource#frames}): the connector's {@link KafkaSource}, plus what a
 * hot failover needs from the job graph — the source's uid and the re-delivery fence after it.
 *
 * <p><b>The rule for a savepoint's splits.</b> A Kafka source's state is its splits, and a split names its topic:
 * a savepoint of the job on region a holds {@code md.raw.<venue>} partitions, which do not exist on region b
 * (there the data is {@code a.md.raw.<venue>}). So the source's uid depends on the topic prefix:
 * {@code source-frames} for the default {@code md.raw.} (every existing savepoint), {@code source-frames@<prefix>}
 * for any other. A savepoint restored into a job on another prefix therefore has no state for the new source
 * (Flink must be told to drop the old one: {@code --allow-non-restored-state}, {@code flink run -n}): the new source
 * starts where {@code --kafka-start} says, i.e. from the consumer group's committed offsets — on b, MM2's translated
 * ones — while every other operator (books, bars, indicators, throttles, the fence) continues from the savepoint.
 * A savepoint of the job on b restores on b as usual (same prefix, same uid).
 *
 * <p>MM2 translates conservatively, so the new source re-reads frames the restored state has already applied;
 * {@link KafkaFrameFence} (uid {@code kafka-fence}, the same for every prefix) drops them by their number in the
 * topic, which MM2 copies unchanged.
 */
public final class KafkaFrames implements Source<MarketEvent, KafkaPartitionSplit, KafkaSourceEnumState> {
    private static final long serialVersionUID = 1L;
    /** The fence operator's uid: one for every prefix, so its state follows a failover. */
    public static final String FENCE_UID = "kafka-fence";

    private final KafkaSource<MarketEvent> kafka;
    private final String topicPrefix;

    KafkaFrames(KafkaSource<MarketEvent> kafka, String topicPrefix) {
        this.kafka = kafka;
        this.topicPrefix = topicPrefix;
    }

    public String topicPrefix() {
        return topicPrefix;
    }

    /** What the source's uid gets after {@code source-frames}: nothing on {@code md.raw.}, {@code @<prefix>} on any other. */
    public String uidSuffix() {
        return KafkaFrameSource.TOPIC_PREFIX.equals(topicPrefix) ? "" : "@" + topicPrefix;
    }

    /**
     * The uid of the scanner's frame source given its uid on the default topics ({@code source-frames}): that plus
     * {@link #uidSuffix()} for a Kafka input, unchanged for any other input.
     */
    public static String sourceUid(String frameSourceUid, Source<MarketEvent, ?, ?> frames) {
        return frames instanceof KafkaFrames k ? frameSourceUid + k.uidSuffix() : frameSourceUid;
    }

    /** A Kafka input's events past the re-delivery fence; any other input's unchanged (its graph is untouched). */
    public static DataStream<MarketEvent> fenced(DataStream<MarketEvent> events, Source<MarketEvent, ?, ?> frames) {
        if (!(frames instanceof KafkaFrames)) return events;
        return events.process(new KafkaFrameFence()).uid(FENCE_UID).name("drop re-delivered frames");
    }

    @Override
    public Boundedness getBoundedness() {
        return kafka.getBoundedness();
    }

    @Override
    public SourceReader<MarketEvent, KafkaPartitionSplit> createReader(SourceReaderContext context) throws Exception {
        return kafka.createReader(context);
    }

    @Override
    public SplitEnumerator<KafkaPartitionSplit, KafkaSourceEnumState> createEnumerator(
            SplitEnumeratorContext<KafkaPartitionSplit> context) throws Exception {
        return kafka.createEnumerator(context);
    }

    @Override
    public SplitEnumerator<KafkaPartitionSplit, KafkaSourceEnumState> restoreEnumerator(
            SplitEnumeratorContext<KafkaPartitionSplit> context, KafkaSourceEnumState checkpoint) throws Exception {
        return kafka.restoreEnumerator(context, checkpoint);
    }

    @Override
    public SimpleVersionedSerializer<KafkaPartitionSplit> getSplitSerializer() {
        return kafka.getSplitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<KafkaSourceEnumState> getEnumeratorCheckpointSerializer() {
        return kafka.getEnumeratorCheckpointSerializer();
    }
}
