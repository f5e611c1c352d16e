package io.cryptorun.jobs.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cryptorun.jobs.OutputKind;
import io.cryptorun.jobs.ScannerOutputs;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import io.cryptorun.jobs.cli.ReplayOptions;
import io.cryptorun.jobs.cli.ReplayRunner;
import io.cryptorun.jobs.kafka.KafkaJsonSink;
import io.cryptorun.jobs.kafka.MicrostructureKafkaIT;
import io.cryptorun.jobs.output.OutputFiles;
import io.cryptorun.jobs.output.ReplaySummary;
import io.cryptorun.simulator.MarketSimulator;
import io.cryptorun.simulator.SimConfig;
import io.cryptorun.sources.fixture.Manifest;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once end to end under failures, against the real services: a simulated fixture (with
 * malformed frames, so that cryptorun.quarantine gets records) replayed once without
 * interruption, then (1) with a task crash injected after two checkpoints and (2) with a restart
 * of PostgreSQL mid-stream (a private server of this test, never the shared one). Flink recovers
 * from its last checkpoint; the tables must then equal the uninterrupted run's (same rows, no
 * duplicate, no gap), no prepared transaction may be left, and the quarantine topic read with
 * read_committed must hold exactly the uninterrupted run's quarantine lines.
 */
class PostgresFailureIT {
    static final int BAD_FRAME_EVERY = 2500;

    @TempDir
    static Path dir;

    static Path fixture;
    static Map<String, String> expectedTables;
    static List<String> expectedQuarantine;
    static Map<String, Long> expectedCounts;

    @BeforeAll
    static void uninterruptedRun() throws Exception {
        fixture = dir.resolve("fixture");
        new MarketSimulator(new SimConfig(11, 6, 2, 2, SimConfig.parseStart("2025-01-06T00:00:00Z"))).writeTo(fixture);
        addMalformedFrames(fixture.resolve("kraken-0.jsonl.gz"));
        keepQuarantineTopicForever();
        try (TestPg pg = TestPg.freshSchema()) {
            expectedCounts = processedCounts(replay(pg.settings, dir.resolve("uninterrupted"), UnaryOperator.identity(), 0));
            expectedTables = TableFingerprint.of(pg.settings, TableFingerprint.MARKET_TABLES);
        }
        expectedQuarantine = Files.readAllLines(dir.resolve("uninterrupted").resolve(OutputFiles.QUARANTINE));
        assertThat(expectedQuarantine).hasSizeGreaterThan(10);
        assertThat(expectedTables.values()).allMatch(f -> !f.startsWith("rows=0 "));
    }

    @Test
    void taskCrashAfterCheckpointsRecoversToTheUninterruptedResult() throws Exception {
        try (TestPg pg = TestPg.freshSchema()) {
            Map<TopicPartition, Long> from = quarantineEndOffsets();
            int crashesBefore = CrashOnceSink.CRASHES.get();
            ReplayRunner.Result r = replay(pg.settings, dir.resolve("crash"), WithoutFiles.crashing(), 800); // paced: many checkpoints

            assertThat(CrashOnceSink.CRASHES.get()).as("a crash was injected").isGreaterThan(crashesBefore);
            assertThat(pg.count("SELECT count(*) FROM jobs_audit WHERE event = 'RESTORED' AND checkpoint_id > 0"))
                    .as("the job restarted from a checkpoint: %s", audit(pg.settings)).isPositive();
            assertThat(processedCounts(r)).as("summary counts carried through the failover").isEqualTo(expectedCounts);
            assertThat(TableFingerprint.of(pg.settings, TableFingerprint.MARKET_TABLES)).isEqualTo(expectedTables);
            assertThat(pg.preparedTransactions()).isZero();
            assertThat(readCommittedQuarantine(from)).containsExactlyInAnyOrderElementsOf(expectedQuarantine);
        }
    }

    @Test
    void postgresRestartMidStreamRecoversToTheUninterruptedResult() throws Exception {
        try (ThrowawayPostgres server = ThrowawayPostgres.start()) {
            PgSettings pg = server.settings;
            Map<TopicPartition, Long> from = quarantineEndOffsets();
            // paced, so the restart surely lands mid-stream
            CompletableFuture<ReplayRunner.Result> run = CompletableFuture.supplyAsync(() -> {
                try {
                    return replay(pg, dir.resolve("pg-restart"), WithoutFiles.steady(), 400);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (committedMicrostructure(pg) == 0 && !run.isDone() && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(run).as("still running after its first commits").isNotDone();
            server.restart();
            ReplayRunner.Result r = run.get(5, TimeUnit.MINUTES);

            assertThat(TestPg.count(pg, "SELECT count(*) FROM jobs_audit WHERE event = 'RESTORED'"))
                    .as("the job failed over when the server went away: %s", audit(pg)).isPositive();
            assertThat(processedCounts(r)).as("summary counts carried through the failover").isEqualTo(expectedCounts);
            assertThat(TableFingerprint.of(pg, TableFingerprint.MARKET_TABLES)).isEqualTo(expectedTables);
            assertThat(TestPg.preparedTransactions(pg)).isZero();
            assertThat(readCommittedQuarantine(from)).containsExactlyInAnyOrderElementsOf(expectedQuarantine);
        }
    }

    /** The counts of what was processed that summary.json reports (frames, book updates, checksums, trades, …). */
    static Map<String, Long> processedCounts(ReplayRunner.Result r) {
        Map<String, Long> m = new java.util.TreeMap<>();
        for (String c : ReplaySummary.COUNTERS) m.put(c, r.counters().getOrDefault(c, 0L));
        assertThat(m.get("frames")).isPositive();
        return m;
    }

    static ReplayRunner.Result replay(PgSettings pg, Path out, UnaryOperator<ScannerOutputs> sinks, double speed) throws Exception {
        ReplayOptions o = new ReplayOptions();
        o.parallelism = 2;
        o.speed = speed;
        o.checkpointIntervalMs = 500;
        o.kafkaBootstrap = MicrostructureKafkaIT.bootstrap();
        o.kafkaTopic = "cryptorun.microstructure.it-db-failure";
        o.postgres = pg;
        o.sinkDecorator = sinks;
        return ReplayRunner.run(fixture, null, out, o, false, new PrintStream(PrintStream.nullOutputStream()));
    }

    static List<String> audit(PgSettings pg) throws Exception {
        List<String> out = new ArrayList<>();
        try (var c = pg.connect(); var st = c.createStatement();
                var rs = st.executeQuery("SELECT event, checkpoint_id, status, detail FROM jobs_audit ORDER BY recorded_at")) {
            while (rs.next()) out.add(rs.getString(1) + "/" + rs.getLong(2) + "/" + rs.getString(3) + "/" + rs.getString(4));
        }
        return out;
    }

    private static long committedMicrostructure(PgSettings pg) {
        try {
            return TestPg.count(pg, "SELECT count(*) FROM microstructure");
        } catch (Exception notYetMigrated) {
            return 0;
        }
    }

    /** Inserts a malformed copy of every n-th frame (the original stays, so books stay intact). */
    static void addMalformedFrames(Path gz) throws Exception {
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(gz)), StandardCharsets.UTF_8))) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                lines.add(line);
                if (++n % BAD_FRAME_EVERY == 0) {
                    int frame = line.indexOf("\"frame\":\"");
                    lines.add(line.substring(0, frame) + "\"frame\":\"{\\\"channel\\\":\\\"book\\\",\\\"type\\\":\\\"update\\\",\\\"data\\\":[\"}");
                }
            }
        }
        try (BufferedWriter w = new BufferedWriter(new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(gz)), StandardCharsets.UTF_8))) {
            for (String l : lines) w.write(l + "\n");
        }
        // the manifest vouches for every file: record the new content
        Path manifest = gz.resolveSibling(Manifest.FILE_NAME);
        ObjectNode m = (ObjectNode) new ObjectMapper().readTree(manifest.toFile());
        for (JsonNode f : m.path("files")) {
            if (f.path("path").asText().equals(gz.getFileName().toString())) {
                ((ObjectNode) f).put("lines", lines.size()).put("sha256", Manifest.sha256(gz));
            }
        }
        Files.writeString(manifest, m.toString(), StandardCharsets.UTF_8);
    }

    /** Replayed records carry their recorded (old) timestamps: time retention must not delete them. */
    static void keepQuarantineTopicForever() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, MicrostructureKafkaIT.bootstrap()))) {
            if (!admin.listTopics().names().get().contains(KafkaJsonSink.QUARANTINE_TOPIC)) {
                admin.createTopics(List.of(new NewTopic(KafkaJsonSink.QUARANTINE_TOPIC, 2, (short) 1)
                        .configs(Map.of("retention.ms", "-1")))).all().get();
            } else {
                ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, KafkaJsonSink.QUARANTINE_TOPIC);
                Map<ConfigResource, Collection<AlterConfigOp>> ops = Map.of(topic,
                        List.of(new AlterConfigOp(new ConfigEntry("retention.ms", "-1"), AlterConfigOp.OpType.SET)));
                admin.incrementalAlterConfigs(ops).all().get();
            }
        }
    }

    static Map<TopicPartition, Long> quarantineEndOffsets() {
        try (KafkaConsumer<String, String> c = consumer()) {
            List<TopicPartition> parts = c.partitionsFor(KafkaJsonSink.QUARANTINE_TOPIC).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            return c.endOffsets(parts);
        }
    }

    /** Every committed record written after {@code from} (this test's runs are the topic's only writers). */
    static List<String> readCommittedQuarantine(Map<TopicPartition, Long> from) {
        List<String> out = new ArrayList<>();
        try (KafkaConsumer<String, String> c = consumer()) {
            c.assign(from.keySet());
            from.forEach(c::seek);
            Map<TopicPartition, Long> end = c.endOffsets(from.keySet());
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline && !from.keySet().stream().allMatch(tp -> c.position(tp) >= end.get(tp))) {
                c.poll(Duration.ofMillis(500)).forEach(r -> out.add(r.value()));
            }
            c.poll(Duration.ofMillis(500)).forEach(r -> out.add(r.value()));
        }
        return out;
    }

    private static KafkaConsumer<String, String> consumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, MicrostructureKafkaIT.bootstrap());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(p);
    }

    /**
     * The job's own Kafka and PostgreSQL sinks; the file outputs (not under test here: a failed
     * attempt leaves in-progress part files that a replay refuses) are discarded, and the
     * microstructure one crashes once mid-stream when {@code crash}. No Kafka copy of alerts and exits.
     */
    static final class WithoutFiles {
        private WithoutFiles() {}

        static UnaryOperator<ScannerOutputs> crashing() {
            return o -> of(o, true);
        }

        static UnaryOperator<ScannerOutputs> steady() {
            return o -> of(o, false);
        }

        private static ScannerOutputs of(ScannerOutputs delegate, boolean crash) {
            ScannerOutputs o = delegate.withKafka(OutputKind.ALERTS, null).withKafka(OutputKind.EXITS, null);
            for (OutputKind k : OutputKind.values()) o = o.withLines(k, new DiscardingSink<>());
            return o.withLines(OutputKind.MICROSTRUCTURE, new CrashOnceSink(crash))
                    .withLines(OutputKind.BARS, new CrashOnceSink(false))
                    .withLines(OutputKind.QUARANTINE, new CrashOnceSink(false));
        }
    }
}
