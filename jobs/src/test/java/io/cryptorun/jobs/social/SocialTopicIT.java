package io.cryptorun.jobs.social;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptorun.jobs.AnalyticsSettings;
import io.cryptorun.jobs.FileSinks;
import io.cryptorun.jobs.ScannerInputs;
import io.cryptorun.jobs.ScannerJob;
import io.cryptorun.jobs.SocialInputs;
import io.cryptorun.jobs.output.OutputFiles;
import io.cryptorun.jobs.output.SortedJsonl;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, against the real Kafka broker of {@code ./cryptorun test} (CRYPTORUN_KAFKA_BOOTSTRAP):
 * readings published to a {@code cryptorun.social} topic reach the scores of the bundled replay
 * through {@link SocialTopic} (a FLIP-27 KafkaSource), capped at +10 and added last, only while they
 * hold (from their time, for at most an hour); values that are not readings go to the quarantine with
 * their reason and the job carries on.
 */
class SocialTopicIT {
    static final long T0 = 1_736_121_600_000_000L; // 2025-01-06T00:00Z, the bundled fixture's first second
    static final long MIN = 60_000_000L;
    static final Path BUNDLED = Path.of("..", "fixtures", "kraken-sim");

    @TempDir
    Path out;

    @Test
    void readingsFromTheTopicReachTheScoresCappedAndBadValuesAreQuarantined() throws Exception {
        String bootstrap = System.getenv("CRYPTORUN_KAFKA_BOOTSTRAP");
        if (bootstrap == null || bootstrap.isBlank()) {
            throw new IllegalStateException("CRYPTORUN_KAFKA_BOOTSTRAP is not set: run the tests with ./cryptorun test, "
                    + "which starts a real Kafka broker on loopback");
        }
        String topic = "cryptorun.social.it-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1).configs(Map.of("retention.ms", "-1")))).all().get();
        }
        long at = T0 + 90 * MIN; // 01:30
        List<String> values = List.of(
                reading(at, "BCH/USD", "25.0"), // above the cap: adds 10
                reading(at, "ETH/USD", "10.1"), // one tenth above the cap: adds 10
                reading(at, "SOL/USD", "9.9"), // one tenth below: adds 9.9
                reading(at, "LTC/USD", "-3"), // negative: adds 0
                "not json",
                "{\"ts\":" + at + ",\"symbol\":\"ADA/USD\"}",
                "{\"ts\":0,\"symbol\":\"ADA/USD\",\"social\":50}");
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (String v : values) {
                p.send(new ProducerRecord<>(topic, null, v.getBytes(StandardCharsets.UTF_8))).get();
            }
        }

        ScannerInputs inputs = ScannerInputs.fixtures(BUNDLED, null, 0, null)
                .withSocial(SocialInputs.topic(SocialTopic.bounded(bootstrap, topic)));
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1, conf);
        env.enableCheckpointing(2000);
        new ScannerJob(inputs, FileSinks.outputs(out), AnalyticsSettings.defaults(),
                io.cryptorun.jobs.validate.ValidationSettings.defaults()).build(env);
        env.execute("social-topic-it");
        for (String f : List.of(OutputFiles.SCORES, OutputFiles.QUARANTINE)) {
            SortedJsonl.merge(out.resolve(OutputFiles.PARTS_DIR).resolve(f.substring(0, f.indexOf('.'))), out.resolve(f));
        }

        ObjectMapper json = new ObjectMapper();
        List<JsonNode> scores = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve(OutputFiles.SCORES))) scores.add(json.readTree(line));
        assertThat(scores).isNotEmpty();
        for (JsonNode s : scores) {
            long ts = s.path("ts").asLong();
            String symbol = s.path("symbol").asText();
            BigDecimal social = s.path("social").decimalValue();
            boolean holds = ts >= at && ts < at + 60 * MIN;
            BigDecimal expected = !holds ? BigDecimal.ZERO : switch (symbol) {
                case "BCH/USD", "ETH/USD" -> BigDecimal.TEN;
                case "SOL/USD" -> new BigDecimal("9.9");
                default -> BigDecimal.ZERO;
            };
            assertThat(social).as(symbol + " at " + ts).isEqualByComparingTo(expected);
            // added last: score = base + social (clamped to [0, 110])
            assertThat(s.path("score").asDouble()).as(symbol + " at " + ts)
                    .isCloseTo(Math.min(110, s.path("base").asDouble() + expected.doubleValue()), org.assertj.core.data.Offset.offset(1e-6));
        }
        assertThat(scores).as("capped BCH/USD scores while the reading holds")
                .anyMatch(s -> s.path("symbol").asText().equals("BCH/USD") && s.path("ts").asLong() == at);
        assertThat(scores).as("the reading holds for at most an hour")
                .anyMatch(s -> s.path("symbol").asText().equals("BCH/USD") && s.path("ts").asLong() == at + 60 * MIN);

        List<JsonNode> quarantined = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve(OutputFiles.QUARANTINE))) {
            JsonNode q = json.readTree(line);
            if (SocialTopic.VENUE.equals(q.path("venue").asText())) quarantined.add(q);
        }
        assertThat(quarantined).extracting(q -> q.path("reason").asText())
                .containsExactlyInAnyOrder("malformed_json", "missing_field", "invalid_timestamp");
        assertThat(quarantined).anyMatch(q -> q.toString().contains("not json"));
    }

    static String reading(long ts, String symbol, String value) {
        return "{\"ts\":" + ts + ",\"symbol\":\"" + symbol + "\",\"social\":" + value + "}";
    }
}
