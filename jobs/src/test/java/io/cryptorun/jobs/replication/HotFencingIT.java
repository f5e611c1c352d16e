package io.cryptorun.jobs.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptorun.functions.replication.HotTierFence;
import io.cryptorun.jobs.cli.CryptoRunCli;
import io.cryptorun.jobs.cli.RegionFenceCheck;
import io.cryptorun.jobs.cli.UserError;
import io.cryptorun.jobs.db.DbMigrations;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Split-brain fencing of the hot tier on the real brokers and both real PostgreSQL servers: a writer of region a at
 * epoch 0 has a transaction open on a; {@code replication failover --tier hot --to b} records epoch 1 and fences it on
 * a's broker — its commit fails and its records never become visible; an ingest then started against a
 * ({@code cryptorun ingest --region a}) is refused with one line and exit 3 before it touches Kafka, while a writer of b
 * gets the marker of epoch 1; a producer of b's current epoch survives {@code replication fence --tier hot}.
 */
class HotFencingIT {
    @Test
    void afterAFailoverToBAWriterOfAIsRefusedAndTheOldEpochsProducerIsFencedByTheBroker() throws Exception {
        String a = System.getenv("CRYPTORUN_REGION_A_KAFKA");
        String b = System.getenv("CRYPTORUN_REGION_B_KAFKA");
        try (RegionPg r = new RegionPg()) {
            org.junit.jupiter.api.Assumptions.assumeTrue(a != null && b != null, "region b's Kafka not provisioned");
            DbMigrations.migrate(r.a, Instant.now());
            DbMigrations.migrate(r.b, Instant.now());
            String id = UUID.randomUUID().toString().substring(0, 8);
            String topic = "md.raw.fz" + id;
            String schema = "?currentSchema=" + r.schema;
            String aPg = System.getenv("CRYPTORUN_REGION_A_PG_URL") + schema;
            String bPg = System.getenv("CRYPTORUN_REGION_B_PG_URL") + schema;

            // before any failover: a is active at epoch 0, b's writers are refused
            assertThat(RegionFenceCheck.writerMarker("a", aPg, bPg, "ingest")).isEqualTo("@a-e0");
            assertThatThrownBy(() -> RegionFenceCheck.writerMarker("b", aPg, bPg, "ingest")).isInstanceOf(UserError.class)
                    .satisfies(e -> assertThat(((UserError) e).exitCode()).isEqualTo(RegionFenceCheck.FENCED));

            // the ingest of epoch 0 on a (its transactional id as IngestJob builds it, + Flink's -<subtask>-<checkpoint>)
            String zombieId = "cryptorun-ingest-" + topic + HotTierFence.marker("a", 0) + "-0-7";
            KafkaProducer<String, String> zombie = producer(a, zombieId);
            zombie.initTransactions();
            zombie.beginTransaction();
            for (int i = 0; i < 3; i++) zombie.send(new ProducerRecord<>(topic, 0, null, "k" + i, "{\"seq\":" + i + "}")).get();

            String said = HotActiveActiveIT.cli(0, "failover", "--tier", "hot", "--to", "b", "--group", "cryptorun-fz-" + id,
                    "--a-kafka", a, "--b-kafka", b, "--a-pg", aPg, "--b-pg", bPg);
            assertThat(said).contains("hot: region b promoted, fencing epoch 1").containsPattern("hot: fenced \\d+ producer\\(s\\) of "
                    + "earlier epochs on region a: .*" + java.util.regex.Pattern.quote(zombieId));
            // the broker now rejects the zombie: its commit fails, its records are aborted
            assertThatThrownBy(zombie::commitTransaction).isInstanceOf(KafkaException.class);
            zombie.close(Duration.ofSeconds(5));
            assertThat(committed(a, topic)).as("records of the fenced transaction visible on a").isZero();

            // an ingest started against a is refused before it touches Kafka: one line, exit 3
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            PrintStream oldErr = System.err;
            int rc;
            try {
                System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
                rc = CryptoRunCli.commandLine().execute("ingest", "--kafka", a, "--region", "a", "--a-pg", aPg, "--b-pg", bPg,
                        "--venues", "kraken", "--symbols", "BTC/USD");
            } finally {
                System.setErr(oldErr);
            }
            String line = err.toString(StandardCharsets.UTF_8);
            System.out.print(line);
            assertThat(rc).isEqualTo(3);
            assertThat(line).matches("cryptorun: error: ingest into " + java.util.regex.Pattern.quote(a) + " refused: region a is not the "
                    + "active region of the hot tier \\(region b is, fencing epoch 1, since \\S+\\) \\(write to region b's Kafka with "
                    + "--region b, or fail back first: cryptorun replication failover --tier hot --to a\\)\\n");
            // region a's database alone down (a partitioned writer that still reaches b's): still refused
            assertThatThrownBy(() -> RegionFenceCheck.writerMarker("a", "jdbc:postgresql://127.0.0.1:1/none", bPg, "ingest"))
                    .isInstanceOf(UserError.class).hasMessageContaining("region b is, fencing epoch 1");
            // no database answers: refused too (fail closed)
            assertThatThrownBy(() -> RegionFenceCheck.writerMarker("b", "jdbc:postgresql://127.0.0.1:1/none", null, "ingest"))
                    .isInstanceOf(UserError.class).hasMessageContaining("no database answered");
            // b's writers start with epoch 1's marker; such a producer survives a later fence run, an unmarked one on a with a transaction open does not
            String current = "cryptorun-ingest-" + topic + RegionFenceCheck.writerMarker("b", aPg, bPg, "ingest") + "-0-1";
            assertThat(current).contains("@b-e1-");
            KafkaProducer<String, String> live = producer(b, current);
            live.initTransactions();
            live.beginTransaction();
            live.send(new ProducerRecord<>(topic, 0, null, "k", "{\"seq\":0}")).get();
            String stray = "cryptorun-tx-" + id + "-0-1"; // a scanner started on a without --kafka-region
            KafkaProducer<String, String> unmarked = producer(a, stray);
            unmarked.initTransactions();
            unmarked.beginTransaction(); // fenced while it has a transaction open (HotTierFence.mustFence)
            unmarked.send(new ProducerRecord<>(topic, 0, null, "stray", "{\"seq\":8}")).get();
            String f = HotActiveActiveIT.cli(0, "fence", "--tier", "hot", "--a-kafka", a, "--b-kafka", b, "--a-pg", aPg, "--b-pg", bPg);
            assertThat(f).contains("hot: active region b, fencing epoch 1").contains(stray).doesNotContain(current);
            live.commitTransaction();
            live.close();
            assertThatThrownBy(() -> {
                unmarked.send(new ProducerRecord<>(topic, 0, null, "stray", "{\"seq\":9}"));
                unmarked.commitTransaction();
            }).isInstanceOf(KafkaException.class);
            unmarked.close(Duration.ofSeconds(5));
            assertThat(committed(b, topic)).isEqualTo(1);
        }
    }

    static KafkaProducer<String, String> producer(String bootstrap, String txId) {
        Properties pp = new Properties();
        pp.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        pp.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, txId);
        pp.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "15000");
        return new KafkaProducer<>(pp, new StringSerializer(), new StringSerializer());
    }

    /** The committed records of partition 0 (read_committed), waiting for the last stable offset to move past the end. */
    static int committed(String bootstrap, String topic) {
        try (KafkaConsumer<String, String> c = HotFailbackIT.consumer(bootstrap, "cryptorun-fz-probe-" + UUID.randomUUID())) {
            TopicPartition tp = new TopicPartition(topic, 0);
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            int n = 0;
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (System.nanoTime() < deadline) n += c.poll(Duration.ofMillis(200)).count();
            return n;
        }
    }
}
