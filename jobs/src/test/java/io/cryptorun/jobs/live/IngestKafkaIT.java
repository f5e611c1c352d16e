package io.cryptorun.jobs.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.cryptorun.jobs.kafka.KafkaFrameSource;
import io.cryptorun.sources.fixture.FixtureLine;
import io.cryptorun.sources.venue.kraken.KrakenV2Parser;
import io.cryptorun.sources.live.LiveFeed;
import io.cryptorun.sources.live.LiveSourceConfig;
import io.cryptorun.sources.live.loopback.LoopbackExchange;
import io.cryptorun.sources.model.MarketEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * Against the real local Kafka ({@code CRYPTORUN_KAFKA_BOOTSTRAP}): the ingest job reads the
 * loopback exchange and writes every frame as a fixture line to {@code <prefix>kraken},
 * transactionally, key = symbol; a read_committed consumer gets exactly the served frames in
 * order; the scanner's Kafka input turns them into the same events as parsing the frames directly.
 */
class IngestKafkaIT {
    @Test
    void ingestWritesFramesExactlyOnceAndTheScannerReadsThemBack() throws Exception {
        String bootstrap = System.getenv("CRYPTORUN_KAFKA_BOOTSTRAP");
        if (bootstrap == null || bootstrap.isBlank()) {
            throw new IllegalStateException("CRYPTORUN_KAFKA_BOOTSTRAP is not set: run with ./cryptorun test");
        }
        String prefix = "md.raw.it-" + UUID.randomUUID() + ".";
        String topic = prefix + "kraken";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        List<String> frames = LiveSourceRestoreTest.krakenFrames(200);
        try (LoopbackExchange server = new LoopbackExchange(0)) {
            LoopbackKraken.serve(server, frames, 120_000);
            LiveSourceConfig config = LoopbackKraken.config(server, "BTC/USD");
            Configuration conf = new Configuration();
            conf.set(PipelineOptions.GENERIC_TYPES, false);
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1, conf);
            env.enableCheckpointing(500);
            IngestJob.build(env, config, bootstrap, prefix);
            JobClient job = env.executeAsync("ingest-it");
            List<ConsumerRecord<String, String>> records;
            try {
                records = readCommitted(bootstrap, topic, frames.size() + 1); // + the "connected" resync line
            } finally {
                job.cancel().get();
            }
            assertThat(records.get(0)).satisfies(r -> {
                assertThat(r.key()).isEqualTo("BTC/USD");
                assertThat(FixtureLine.parse(r.value()).conn()).isEqualTo("kraken-0#resync");
            });
            records = records.subList(1, records.size());
            assertThat(records).extracting(r -> FixtureLine.parse(r.value()).frame()).containsExactlyElementsOf(frames);
            assertThat(records).allSatisfy(r -> {
                FixtureLine l = FixtureLine.parse(r.value());
                assertThat(l.venue()).isEqualTo("kraken");
                assertThat(l.conn()).isEqualTo("kraken-0");
                if (l.frame().contains("\"channel\":\"book\"") && l.frame().contains("\"symbol\":\"BTC/USD\"")) {
                    assertThat(r.key()).isEqualTo("BTC/USD");
                }
            });

            // the scanner's Kafka input: same events as the adapter on the frames themselves
            StreamExecutionEnvironment read = StreamExecutionEnvironment.createLocalEnvironment(1, conf);
            List<MarketEvent> fromKafka = new ArrayList<>();
            try (CloseableIterator<MarketEvent> it = read.fromSource(
                    KafkaFrameSource.bounded(bootstrap, prefix, List.of("kraken"), "it-" + UUID.randomUUID()),
                    WatermarkStrategy.noWatermarks(), "md.raw").executeAndCollect()) {
                it.forEachRemaining(fromKafka::add);
            }
            assertThat((fromKafka.get(0).kind() == io.cryptorun.sources.model.EventKind.BOOK_RESET)).isTrue(); // the gap note survives the Kafka hop
            fromKafka = fromKafka.subList(1, fromKafka.size());
            List<MarketEvent> direct = new ArrayList<>();
            KrakenV2Parser parser = new KrakenV2Parser();
            for (ConsumerRecord<String, String> r : records) {
                FixtureLine l = FixtureLine.parse(r.value());
                parser.parse(l.frame(), l.ts(), l.conn(), r.offset(), direct::add);
            }
            assertThat(fromKafka).isEqualTo(direct);
        }
    }

    static List<ConsumerRecord<String, String>> readCommitted(String bootstrap, String topic, int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            c.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 90_000; // hung-test guard
            while (out.size() < expected) {
                if (System.currentTimeMillis() > deadline) fail("read " + out.size() + " of " + expected + " committed records");
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }
}
