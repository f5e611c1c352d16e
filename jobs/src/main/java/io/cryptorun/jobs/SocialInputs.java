package io.cryptorun.jobs;

import io.cryptorun.functions.scan.ScanInput;
import io.cryptorun.functions.scan.SocialSignal;
import io.cryptorun.jobs.social.SocialTopic;
import io.cryptorun.sources.model.Quarantine;
import io.cryptorun.sources.time.Micros;
import java.io.Serializable;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Where social input enters the scanner (issue 14): readings join the scan's keyed input, and the
 * scan uses, per symbol, the newest reading at or before each tick ({@code SocialBook}). The readings
 * come from a bounded list (a replay's {@code social.jsonl}, {@link io.cryptorun.jobs.social.SocialFile})
 * or from the {@code cryptorun.social} Kafka topic ({@link SocialTopic}, {@code --social-topic}), whose
 * values that are not readings are quarantined with a reason. Without readings the graph is left
 * exactly as it was (no operator, no uid), so replays without social input stay byte-identical.
 */
public final class SocialInputs implements Serializable {
    private static final long serialVersionUID = 1L;

    private final List<SocialSignal> readings;
    private final Source<SocialTopic.Message, ?, ?> topic;

    private SocialInputs(List<SocialSignal> readings, Source<SocialTopic.Message, ?, ?> topic) {
        this.readings = List.copyOf(readings);
        this.topic = topic;
    }

    public static SocialInputs none() {
        return new SocialInputs(List.of(), null);
    }

    /** A bounded stream of readings (replay: {@link io.cryptorun.jobs.social.SocialFile}). */
    public static SocialInputs of(List<SocialSignal> readings) {
        return new SocialInputs(readings, null);
    }

    /** Readings from a Kafka topic ({@link SocialTopic#source} live, {@link SocialTopic#bounded} in tests). */
    public static SocialInputs topic(Source<SocialTopic.Message, ?, ?> source) {
        return new SocialInputs(List.of(), java.util.Objects.requireNonNull(source, "source"));
    }

    public boolean isEmpty() {
        return readings.isEmpty() && topic == null;
    }

    /**
     * The social streams of a job: readings for the scan (null when there are none) and the quarantine
     * of topic values that are not readings (null without a topic).
     */
    public record Streams(DataStream<ScanInput> readings, DataStream<Quarantine> quarantine) {
        /** {@code scanInputs} with the readings joined in; unchanged when there are none. */
        public DataStream<ScanInput> joinedTo(DataStream<ScanInput> scanInputs) {
            return readings == null ? scanInputs : scanInputs.union(readings);
        }

        /** {@code quarantine} with the topic's quarantined values joined in; unchanged without a topic. */
        public DataStream<Quarantine> quarantinedTo(DataStream<Quarantine> quarantine) {
            return this.quarantine == null ? quarantine : quarantine.union(this.quarantine);
        }
    }

    /** Builds the social operators in {@code env} (none when there is no input). */
    public Streams streams(StreamExecutionEnvironment env) {
        if (topic != null) {
            SingleOutputStreamOperator<SocialSignal> routed = env
                    .fromSource(topic, SocialTopic.watermarks(), "social topic")
                    .uid(OperatorUid.SOURCE_SOCIAL.value())
                    .process(new SocialTopic.Router())
                    .uid(OperatorUid.ROUTE_SOCIAL.value())
                    .name("route social");
            return new Streams(routed.map(ScanInput::of).returns(ScanInput.class).name("social input"),
                    routed.getSideOutput(SocialTopic.QUARANTINE));
        }
        if (readings.isEmpty()) {
            return new Streams(null, null);
        }
        DataStream<ScanInput> social = env.fromData(readings, TypeInformation.of(SocialSignal.class))
                .assignTimestampsAndWatermarks(WatermarkStrategy.<SocialSignal>forMonotonousTimestamps()
                        .withTimestampAssigner((s, ts) -> Micros.toMillis(s.tsMicros())))
                .uid(OperatorUid.SOURCE_SOCIAL.value())
                .name("social")
                .map(ScanInput::of).returns(ScanInput.class).name("social input");
        return new Streams(social, null);
    }
}
