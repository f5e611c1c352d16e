package io.cryptorun.jobs.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptorun.jobs.cli.ReplayOptions;
import io.cryptorun.jobs.cli.ReplayRunner;
import io.cryptorun.jobs.output.OutputFiles;
import io.cryptorun.simulator.MarketSimulator;
import io.cryptorun.simulator.SimConfig;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against the real Kafka broker that {@code ./cryptorun test} starts (CRYPTORUN_KAFKA_BOOTSTRAP):
 * a replay writes microstructure through the exactly-once KafkaSink, and a read_committed
 * consumer reads back exactly the records of {@code microstructure.jsonl}, keyed by symbol.
 */
public class MicrostructureKafkaIT {
    @TempDir
    Path dir;

    public static String bootstrap() {
        String b = System.getenv("CRYPTORUN_KAFKA_BOOTSTRAP");
        if (b == null || b.isBlank()) {
            throw new IllegalStateException("CRYPTORUN_KAFKA_BOOTSTRAP is not set: run the tests with ./cryptorun test, "
                    + "which starts a real Kafka broker on loopback");
        }
        return b;
    }

    @Test
    void replayWritesMicrostructureExactlyOnceToKafka() throws Exception {
        String bootstrap = bootstrap();
        Path fixture = dir.resolve("fixture");
        new MarketSimulator(new SimConfig(7, 3, 1, 2, SimConfig.parseStart("2025-01-06T00:00:00Z"))).writeTo(fixture);
        String topic = "cryptorun.microstructure.it-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            // replayed records carry their recorded (old) timestamps: keep them regardless of age,
            // or the broker's time retention may delete them before this test reads them back
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1).configs(Map.of("retention.ms", "-1")))).all().get();
        }

        ReplayOptions o = new ReplayOptions();
        o.parallelism = 2;
        o.speed = 0;
        o.checkpointIntervalMs = 1000;
        o.kafkaBootstrap = bootstrap;
        o.kafkaTopic = topic;
        ReplayRunner.run(fixture, null, dir.resolve("out"), o, false, new PrintStream(PrintStream.nullOutputStream()));
        List<String> expected = Files.readAllLines(dir.resolve("out").resolve(OutputFiles.MICROSTRUCTURE), StandardCharsets.UTF_8);
        assertThat(expected).isNotEmpty();

        List<ConsumerRecord<String, String>> records = readCommitted(bootstrap, topic, expected.size());
        List<String> values = new ArrayList<>();
        for (ConsumerRecord<String, String> r : records) {
            values.add(r.value());
            assertThat(r.value()).contains("\"symbol\":\"" + r.key() + "\"");
        }
        // sorted, not containsExactlyInAnyOrder: that compares pairwise, minutes for 10^5 lines
        assertThat(values.stream().sorted().toList()).isEqualTo(expected.stream().sorted().toList());
    }

    /** Reads the whole topic with isolation.level=read_committed: aborted transactions stay invisible. */
    public static List<ConsumerRecord<String, String>> readCommitted(String bootstrap, String topic, int atLeast) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p)) {
            List<TopicPartition> parts = c.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(500)).forEach(out::add);
                boolean caughtUp = parts.stream().allMatch(tp -> c.position(tp) >= end.get(tp));
                if (caughtUp && out.size() >= atLeast) break;
            }
            // nothing beyond what the job committed: a second poll finds no more
            c.poll(Duration.ofMillis(500)).forEach(out::add);
        }
        return out;
    }
}
