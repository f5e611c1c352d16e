package io.cryptorun.jobs.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptorun.jobs.cli.ReplicationCommand;
import io.cryptorun.jobs.db.DbMigrations;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code cryptorun replication failover --tier hot --to b} on two real KRaft brokers with MirrorMaker 2 between them
 * (deploy/local/region.sh): a consumer group that consumed 120 of 200 records of {@code md.raw.*} on a is moved to b
 * by the command (MM2's translated offset committed on b; a group that consumed nothing anywhere gets no offsets and
 * its consumers start at b's earliest by {@code auto.offset.reset}),
 * the failover is recorded in both regions' replication_failovers and control_audit, and the group, pointed at b's
 * {@code a.md.raw.*}, continues from there to the end: nothing lost, the re-delivered records bounded by what it had
 * consumed on a since MM2's last checkpoint of it. A second run while the group has a live member on b is refused.
 */
class HotFailoverIT {
    static final int N = 200;
    static final int CONSUMED_ON_A = 120;

    @Test
    void aConsumerGroupContinuesOnBFromTheTranslatedOffsetsNothingLost() throws Exception {
        String a = System.getenv("CRYPTORUN_REGION_A_KAFKA");
        String b = System.getenv("CRYPTORUN_REGION_B_KAFKA");
        try (RegionPg r = new RegionPg()) {
            org.junit.jupiter.api.Assumptions.assumeTrue(a != null && b != null, "region b's Kafka not provisioned");
            DbMigrations.migrate(r.a, Instant.now());
            DbMigrations.migrate(r.b, Instant.now());
            String id = UUID.randomUUID().toString().substring(0, 8);
            String topic = "md.raw.fo" + id;
            String group = "cryptorun-fo-" + id;
            String fresh = "cryptorun-fo-fresh-" + id; // a group that never consumed anything
            HotTier hot = new HotTier(a, b, "a");
            Properties pp = new Properties();
            pp.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, a);
            pp.put(ProducerConfig.ACKS_CONFIG, "all");
            try (KafkaProducer<String, String> p = new KafkaProducer<>(pp, new StringSerializer(), new StringSerializer())) {
                for (int i = 0; i < N; i++) p.send(new ProducerRecord<>(topic, 0, null, "k" + i, "{\"seq\":" + i + "}"));
                p.flush();
            }
            TopicPartition tpA = new TopicPartition(topic, 0);
            try (KafkaConsumer<String, String> c = HotReplicationIT.consumer(a, group)) {
                c.assign(List.of(tpA));
                c.seekToBeginning(List.of(tpA));
                int got = 0;
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (got < CONSUMED_ON_A && System.nanoTime() < deadline) got += c.poll(Duration.ofMillis(200)).count();
                c.commitSync(Map.of(tpA, new OffsetAndMetadata(CONSUMED_ON_A)));
            }
            String remote = hot.remote(topic);
            TopicPartition tpB = new TopicPartition(remote, 0);
            long t0 = System.nanoTime();
            while (System.nanoTime() - t0 < 60_000_000_000L) { // MM2: mirrored and translated (as in HotReplicationIT)
                boolean mirrored = hot.lag().stream().anyMatch(l -> l.topic().equals(topic) && l.endB() == N);
                if (mirrored && hot.translatedOffsets(group).containsKey(tpB)) break;
                Thread.sleep(500);
            }
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            PrintStream old = System.out;
            int rc;
            String schema = "?currentSchema=" + r.schema;
            String[] args = {"failover", "--tier", "hot", "--to", "b", "--group", group + "," + fresh, "--reason", "drill",
                    "--a-kafka", a, "--b-kafka", b, "--a-pg", System.getenv("CRYPTORUN_REGION_A_PG_URL") + schema,
                    "--b-pg", System.getenv("CRYPTORUN_REGION_B_PG_URL") + schema};
            try {
                System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
                rc = new CommandLine(new ReplicationCommand()).execute(args);
            } finally {
                System.setOut(old);
            }
            String said = buf.toString(StandardCharsets.UTF_8);
            System.out.print(said);
            assertThat(rc).as(said).isZero();
            assertThat(said).contains("hot: group " + group + " -> b: 1 partitions at MM2's translated offsets, 0 from b's earliest")
                    .contains("hot: region b promoted");

            Map<TopicPartition, Long> committed = hot.translatedOffsets(group);
            long off = committed.get(tpB);
            assertThat(off).isBetween(0L, (long) CONSUMED_ON_A); // never past what was consumed on a: nothing skipped
            for (var pg : List.of(r.a, r.b)) {
                try (Connection c = pg.connect(); Statement st = c.createStatement();
                        ResultSet rs = st.executeQuery("SELECT from_region, to_region, detail::text FROM replication_failovers WHERE tier = 'hot'")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1) + rs.getString(2)).isEqualTo("ab");
                    assertThat(rs.getString(3)).contains("\"" + group + "\": {\"" + remote + "-0\": " + off + "}")
                            .contains("\"reason\": \"drill\"");
                    assertThat(rs.next()).isFalse();
                }
                assertThat(WarmReplicationIT.count(pg,
                        "SELECT count(*) FROM control_audit WHERE command = 'replication-failover' AND target = 'hot:b'")).isEqualTo(1);
            }

            // the group continues on b from there: every record after the translated offset, once, to the end
            List<Integer> seqs = consume(b, group, remote, false);
            assertThat(seqs).isNotEmpty();
            assertThat(seqs.get(0)).isEqualTo((int) off);
            assertThat(seqs.get(seqs.size() - 1)).isEqualTo(N - 1);
            assertThat(seqs).doesNotHaveDuplicates().hasSize(N - (int) off);
            System.out.printf("hot failover: group at %d on a -> %d on b; re-delivered %d, lost 0%n", CONSUMED_ON_A, off, CONSUMED_ON_A - off);
            // the group that had consumed nothing (no offsets moved) starts at b's earliest: all N, nothing lost
            assertThat(consume(b, fresh, remote, false)).hasSize(N).startsWith(0).endsWith(N - 1);

            // a second failover while the group has a live member on b is refused (its offsets are not moved under it)
            try (KafkaConsumer<String, String> live = HotReplicationIT.consumer(b, group)) {
                live.subscribe(List.of(remote));
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (live.assignment().isEmpty() && System.nanoTime() < deadline) live.poll(Duration.ofMillis(200));
                int rc2 = new CommandLine(new ReplicationCommand()).execute(args);
                assertThat(rc2).isNotZero();
            }
        }
    }

    private static List<Integer> consume(String bootstrap, String group, String topic, boolean unused) {
        List<Integer> seqs = new ArrayList<>();
        try (KafkaConsumer<String, String> c = HotReplicationIT.consumer(bootstrap, group)) {
            c.subscribe(List.of(topic));
            long deadline = System.nanoTime() + 30_000_000_000L;
            while ((seqs.isEmpty() || seqs.get(seqs.size() - 1) < N - 1) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> rec : c.poll(Duration.ofMillis(200))) {
                    seqs.add(Integer.parseInt(rec.value().replaceAll("\\D", "")));
                }
            }
            c.commitSync();
        }
        return seqs;
    }
}
