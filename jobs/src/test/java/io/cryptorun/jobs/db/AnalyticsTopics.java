package io.cryptorun.jobs.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cryptorun.jobs.kafka.MicrostructureKafkaIT;
import io.cryptorun.jobs.output.OutputFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** The analytics outputs in PostgreSQL and Kafka against the replay's summary.json and files. */
final class AnalyticsTopics {
    private AnalyticsTopics() {}

    /** Fresh topics per test; replayed records carry old timestamps, so no time retention. */
    static void create(String bootstrap, String... topics) throws ExecutionException, InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(java.util.Arrays.stream(topics)
                    .map(t -> new NewTopic(t, 2, (short) 1).configs(Map.of("retention.ms", "-1"))).toList()).all().get();
        }
    }

    /** Every analytics table holds exactly the summary's count, with the columns 008 maps filled. */
    static void assertTablesMatchSummary(TestPg pg, JsonNode summary) throws Exception {
        assertThat(pg.count("SELECT count(*) FROM regime_snapshots")).isEqualTo(summary.path("regime").path("votes").asLong()).isPositive();
        assertThat(pg.count("SELECT count(*) FROM premove_artifacts")).isEqualTo(summary.path("scores").asLong()).isPositive();
        assertThat(pg.count("SELECT count(*) FROM premove_artifacts WHERE state = 'pass'"))
                .isEqualTo(summary.path("gates_passed").asLong()).isPositive();
        assertThat(pg.count("SELECT count(*) FROM premove_artifacts WHERE state = 'fail' AND cardinality(reasons) > 0"))
                .as("every gated score carries its failed gates' reasons")
                .isEqualTo(summary.path("scores").asLong() - summary.path("gates_passed").asLong());
        assertThat(pg.count("SELECT count(*) FROM premove_artifacts WHERE factors->'momentum' IS NOT NULL AND jsonb_typeof(gates) = 'object'"))
                .isEqualTo(summary.path("scores").asLong());
        assertThat(pg.count("SELECT count(*) FROM alerts")).isEqualTo(summary.path("alerts").asLong()).isPositive();
        assertThat(pg.count("SELECT count(*) FROM suppressed_alerts")).isEqualTo(sum(summary.path("suppressed"))).isPositive();
        assertThat(pg.count("SELECT count(*) FROM exits WHERE entry_price > 0 AND exit_price > 0"))
                .isEqualTo(sum(summary.path("exits"))).isPositive();
        assertThat(pg.count("SELECT count(*) FROM control_audit")).isEqualTo(summary.path("control_commands").asLong()).isPositive();
        assertThat(pg.count("SELECT count(*) FROM control_audit WHERE command = 'mute' AND until = ts + interval '1 hour'")).isEqualTo(1);
    }

    /** cryptorun.alerts / cryptorun.exits read with read_committed hold exactly the lines of alerts.jsonl / exits.jsonl. */
    static void assertTopicsMatchFiles(String bootstrap, String alertsTopic, String exitsTopic, Path out) throws Exception {
        assertTopicMatchesFile(bootstrap, alertsTopic, out.resolve(OutputFiles.ALERTS));
        assertTopicMatchesFile(bootstrap, exitsTopic, out.resolve(OutputFiles.EXITS));
    }

    static List<String> values(String bootstrap, String topic, int atLeast) {
        return MicrostructureKafkaIT.readCommitted(bootstrap, topic, atLeast).stream().map(ConsumerRecord::value).toList();
    }

    private static void assertTopicMatchesFile(String bootstrap, String topic, Path file) throws Exception {
        List<String> expected = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(expected).isNotEmpty();
        List<ConsumerRecord<String, String>> records = MicrostructureKafkaIT.readCommitted(bootstrap, topic, expected.size());
        for (ConsumerRecord<String, String> r : records) {
            assertThat(r.value()).contains("\"symbol\":\"" + r.key() + "\"");
        }
        assertThat(records.stream().map(ConsumerRecord::value).sorted().toList()).as(topic)
                .isEqualTo(expected.stream().sorted().toList());
    }

    private static long sum(JsonNode counts) {
        long n = 0;
        for (JsonNode c : counts) {
            n += c.asLong();
        }
        return n;
    }
}
