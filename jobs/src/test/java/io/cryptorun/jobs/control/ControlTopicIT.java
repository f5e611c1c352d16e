package io.cryptorun.jobs.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptorun.functions.alerts.ControlCommand;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * Against the real Kafka broker of {@code ./cryptorun test} (CRYPTORUN_KAFKA_BOOTSTRAP): control
 * messages on a topic come out of {@link ControlTopic} as commands in offset order, and a value
 * that is not JSON becomes a rejected command instead of failing the job.
 */
class ControlTopicIT {
    static String bootstrap() {
        String b = System.getenv("CRYPTORUN_KAFKA_BOOTSTRAP");
        if (b == null || b.isBlank()) {
            throw new IllegalStateException("CRYPTORUN_KAFKA_BOOTSTRAP is not set: run the tests with ./cryptorun test, "
                    + "which starts a real Kafka broker on loopback");
        }
        return b;
    }

    @Test
    void controlMessagesBecomeCommandsAndABadOneIsRejectedNotFatal() throws Exception {
        String bootstrap = bootstrap();
        String topic = "cryptorun.control.it-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1).configs(Map.of("retention.ms", "-1")))).all().get();
        }
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (String v : List.of(
                    "{\"ts\":1736134200000000,\"action\":\"mute\",\"scope\":\"symbol\",\"target\":\"BCH/USD\",\"ttl_s\":3600,\"user\":\"ops\"}",
                    "not json",
                    "{\"ts\":1736137800000000,\"action\":\"deny\",\"target\":\"PEPE/USD\"}")) {
                p.send(new ProducerRecord<>(topic, "control".getBytes(StandardCharsets.UTF_8), v.getBytes(StandardCharsets.UTF_8))).get();
            }
        }
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1, conf);
        List<ControlCommand> got = env.fromSource(ControlTopic.bounded(bootstrap, topic), ControlTopic.watermarks(), "controls")
                .executeAndCollect(10);
        assertThat(got).extracting(ControlCommand::seq).containsExactly(0L, 1L, 2L);
        assertThat(got.get(0)).isEqualTo(new ControlCommand(1_736_134_200_000_000L, 0, "mute", "symbol", "BCH/USD",
                3_600_000_000L, "ops"));
        assertThat(got.get(0).problem()).isNull();
        assertThat(got.get(1).problem()).isEqualTo("missing_target");
        assertThat(got.get(2).action()).isEqualTo("deny");
        assertThat(got.get(2).expiresMicros()).isEqualTo(Long.MAX_VALUE);
    }
}
