package io.cryptorun.jobs.live;

import io.cryptorun.jobs.kafka.KafkaFrameSource;
import io.cryptorun.jobs.kafka.KafkaJsonSink;
import io.cryptorun.sources.live.ExchangeWebSocketSource;
import io.cryptorun.sources.live.LiveSourceConfig;
import io.cryptorun.sources.live.SymbolFrame;
import io.cryptorun.sources.live.Venue;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The ingest job (SPEC §3): exchange WebSockets → Kafka {@code md.raw.<venue>}, value = the
 * fixture-line JSON of each received frame, key = its symbol ({@code ""} for connection-level
 * frames), exactly-once (transactions commit with checkpoints). Analytics can then be replayed
 * from Kafka offsets ({@code --source kafka}) and a savepoint. Only wiring lives here.
 */
public final class IngestJob {
    public static final String UID_SOURCE = "ingest-ws-frames";

    private IngestJob() {}

    public static void build(StreamExecutionEnvironment env, LiveSourceConfig config, String bootstrap) {
        build(env, config, bootstrap, KafkaFrameSource.TOPIC_PREFIX);
    }

    /** With another topic prefix than {@code md.raw.} (tests, staging). */
    public static void build(StreamExecutionEnvironment env, LiveSourceConfig config, String bootstrap, String topicPrefix) {
        DataStream<SymbolFrame> frames = env
                .fromSource(ExchangeWebSocketSource.frames(config), WatermarkStrategy.noWatermarks(), "ws frames")
                .uid(UID_SOURCE);
        for (Venue v : config.symbols().keySet()) {
            String topic = topicPrefix + v.id();
            frames.filter(new OfVenue(v.id())).uid("ingest-filter-" + v.id()).name(v.id() + " frames")
                    .map(new ToRecord()).uid("ingest-encode-" + v.id()).name(topic + " json")
                    .sinkTo(KafkaJsonSink.exactlyOnce(bootstrap, topic, "cryptorun-ingest-" + topic))
                    .uid("ingest-kafka-" + v.id()).name(topic);
        }
    }

    static final class OfVenue implements FilterFunction<SymbolFrame> {
        private static final long serialVersionUID = 1L;
        private final String venue;

        OfVenue(String venue) {
            this.venue = venue;
        }

        @Override
        public boolean filter(SymbolFrame f) {
            return f.line().venue().equals(venue);
        }
    }

    static final class ToRecord implements MapFunction<SymbolFrame, KafkaJsonSink.Keyed> {
        private static final long serialVersionUID = 1L;

        @Override
        public KafkaJsonSink.Keyed map(SymbolFrame f) {
            return new KafkaJsonSink.Keyed(f.symbol(), f.line().toJson());
        }
    }
}
