package io.cryptorun.jobs.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptorun.jobs.db.DbMigrations;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * Failback of the hot tier ({@code replication failover --tier hot --to a}) on two real KRaft brokers with MirrorMaker 2
 * both ways and both real PostgreSQL servers: a transactional writer puts 100 records on a's {@code md.raw.T} (offsets on
 * a and b then differ: commit markers and an aborted record take offsets on a only); a consumer group reads 60 on a;
 * region a's broker is killed (SIGKILL); {@code failover --to b}; the group reads a's records on to seq 79 from b's
 * {@code a.md.raw.T}; a writer on b puts 80 records on b's own {@code md.raw.T} and the group reads 50 of them; a's broker
 * comes back, MM2 copies b's records to a as {@code b.md.raw.T}; {@code failover --to a}: the group continues on a —
 * a's own topic from its position on b read back through MM2's a → b offset syncs, {@code b.md.raw.T} from MM2's b → a
 * translation. Every record of both writers is consumed (nothing lost); the records consumed twice are counted and
 * bounded; both databases record epoch 1 (a → b) then epoch 2 (b → a).
 */
class HotFailbackIT {
    static final int N_A = 100;
    static final int READ_ON_A = 60;
    static final int READ_A_ON_B = 80; // a's records read up to seq 79 on b
    static final int N_B = 80;
    static final int READ_B_ON_B = 50;
    static final int B_SEQ = 1000; // b's writer numbers its records from 1000

    @Test
    void afterAFailoverToBAndWritesOnBTheGroupFailsBackToALosingNothing() throws Exception {
        String a = System.getenv("CRYPTORUN_REGION_A_KAFKA");
        String b = System.getenv("CRYPTORUN_REGION_B_KAFKA");
        ScannerFailoverIT.RegionABroker broker = null;
        try (RegionPg r = new RegionPg()) {
            org.junit.jupiter.api.Assumptions.assumeTrue(a != null && b != null, "region b's Kafka not provisioned");
            broker = new ScannerFailoverIT.RegionABroker(a);
            DbMigrations.migrate(r.a, Instant.now());
            DbMigrations.migrate(r.b, Instant.now());
            String id = UUID.randomUUID().toString().substring(0, 8);
            String topic = "md.raw.fb" + id;
            String group = "cryptorun-fb-" + id;
            String schema = "?currentSchema=" + r.schema;
            String[] dbs = {"--a-kafka", a, "--b-kafka", b, "--a-pg", System.getenv("CRYPTORUN_REGION_A_PG_URL") + schema,
                    "--b-pg", System.getenv("CRYPTORUN_REGION_B_PG_URL") + schema};
            HotTier ab = new HotTier(a, b, "a");
            HotTier ba = new HotTier(b, a, "b");
            TopicPartition onA = new TopicPartition(topic, 0);
            TopicPartition aOnB = new TopicPartition("a." + topic, 0);
            TopicPartition bOwn = new TopicPartition(topic, 0);
            TopicPartition bOnA = new TopicPartition("b." + topic, 0);

            HotActiveActiveIT.produce(a, topic, N_A, "cryptorun-it-fb-a-" + id, 0);
            List<Integer> first = read(a, group, onA, READ_ON_A);
            assertThat(first).hasSize(READ_ON_A).startsWith(0).endsWith(READ_ON_A - 1);
            long t0 = System.nanoTime();
            while (System.nanoTime() - t0 < 60_000_000_000L) { // mirrored and the group's offset translated on b
                boolean mirrored = ab.validate(Pattern.compile(Pattern.quote(topic))).stream().allMatch(HotTier.PartitionCheck::equal);
                if (mirrored && ab.translatedOffsets(group).containsKey(aOnB)) break;
                Thread.sleep(500);
            }
            assertThat(ab.translatedOffsets(group)).containsKey(aOnB);

            broker.kill(); // region a lost
            String down = HotActiveActiveIT.cli(0, concat(new String[] {"failover", "--tier", "hot", "--to", "b", "--group", group,
                    "--reason", "drill"}, dbs));
            assertThat(down).contains("hot: region b promoted, fencing epoch 1");
            List<Integer> onB = read(b, group, aOnB, -1);
            onB = onB.subList(0, onB.indexOf(READ_A_ON_B - 1) + 1);
            commit(b, group, aOnB, positionAfter(b, aOnB, READ_A_ON_B - 1));
            HotActiveActiveIT.produce(b, topic, N_B, "cryptorun-it-fb-b-" + id, B_SEQ); // the ingest, now on b
            List<Integer> bOnB = read(b, group, bOwn, READ_B_ON_B);
            assertThat(bOnB).hasSize(READ_B_ON_B).startsWith(B_SEQ).endsWith(B_SEQ + READ_B_ON_B - 1);

            broker.start(); // a is back: MM2 copies b's records to a, translates the group's position on b's topic
            long t1 = System.nanoTime();
            while (System.nanoTime() - t1 < 60_000_000_000L) {
                boolean mirrored = ba.validate(Pattern.compile(Pattern.quote(topic))).stream().allMatch(HotTier.PartitionCheck::equal);
                if (mirrored && ba.translatedOffsets(group).containsKey(bOnA)) break;
                Thread.sleep(500);
            }
            double back = (System.nanoTime() - t1) / 1e9;
            String up = HotActiveActiveIT.cli(0, concat(new String[] {"failover", "--tier", "hot", "--to", "a", "--group", group,
                    "--reason", "failback drill"}, dbs));
            assertThat(up).contains("hot: group " + group + " -> a: 1 partitions at MM2's translated offsets, 0 from a's earliest")
                    .contains("hot: group " + group + " back on a's own topics: 1 partitions from MM2's a -> b offset syncs")
                    .contains("hot: region a promoted, fencing epoch 2");

            // the group on a again: a's own topic and b's copy, each to its end
            List<Integer> againA = read(a, group, onA, -1);
            List<Integer> againB = read(a, group, bOnA, -1);
            TreeMap<Integer, Integer> times = new TreeMap<>();
            for (List<Integer> part : List.of(first, onB, bOnB, againA, againB)) part.forEach(s -> times.merge(s, 1, Integer::sum));
            for (int s = 0; s < N_A; s++) assertThat(times).as("a's record " + s + " consumed").containsKey(s);
            for (int s = B_SEQ; s < B_SEQ + N_B; s++) assertThat(times).as("b's record " + s + " consumed").containsKey(s);
            assertThat(times).hasSize(N_A + N_B); // nothing else (no aborted record)
            assertThat(againA).isNotEmpty().endsWith(N_A - 1);
            assertThat(againA.get(0)).isBetween(READ_ON_A, READ_A_ON_B); // never before what the group read on a, never past b
            assertThat(againB).isNotEmpty().endsWith(B_SEQ + N_B - 1);
            assertThat(againB.get(0)).isLessThanOrEqualTo(B_SEQ + READ_B_ON_B);
            int dupFailover = onB.size() - (READ_A_ON_B - READ_ON_A);
            int dupBackA = READ_A_ON_B - againA.get(0);
            int dupBackB = B_SEQ + READ_B_ON_B - againB.get(0);
            long dups = times.values().stream().filter(n -> n > 1).count();
            assertThat(dups).isEqualTo(dupFailover + dupBackA + dupBackB);
            // both regions up at the failback: offsets from MM2's offset syncs and a record-by-record walk, exact
            assertThat(dupBackA).isZero();
            assertThat(dupBackB).isZero();
            System.out.printf("hot failback: a back and b's records on a in %.1f s; consumed twice: %d at the failover "
                    + "(MM2's translation), %d of a's and %d of b's topic at the failback; lost 0%n", back, dupFailover, dupBackA, dupBackB);

            for (var pg : List.of(r.a, r.b)) {
                try (Connection c = pg.connect(); Statement st = c.createStatement();
                        ResultSet rs = st.executeQuery("SELECT from_region || to_region || ':' || (detail->>'epoch') FROM replication_failovers "
                                + "WHERE tier = 'hot' ORDER BY ts")) {
                    List<String> rows = new ArrayList<>();
                    while (rs.next()) rows.add(rs.getString(1));
                    assertThat(rows).containsExactly("ab:1", "ba:2");
                }
                assertThat(WarmReplicationIT.count(pg, "SELECT count(*) FROM control_audit WHERE command = 'replication-failover' "
                        + "AND target IN ('hot:b', 'hot:a')")).isEqualTo(2);
            }
            // a second failback is refused: a is already active (the CLI as a user runs it: one line, exit 2)
            java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
            java.io.PrintStream oldErr = System.err;
            int rc;
            try {
                System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
                rc = io.cryptorun.jobs.cli.CryptoRunCli.commandLine().execute(
                        concat(new String[] {"replication", "failover", "--tier", "hot", "--to", "a", "--group", group}, dbs));
            } finally {
                System.setErr(oldErr);
            }
            assertThat(rc).isEqualTo(2);
            assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("cryptorun: error: region a is already the active "
                    + "region of the hot tier (fencing epoch 2) (nothing to do; `replication fence --tier hot` fences the other region's "
                    + "zombie producers once its broker answers)\n");
        } finally {
            if (broker != null) broker.ensureRunning();
        }
    }

    static String[] concat(String[] x, String[] y) {
        String[] out = java.util.Arrays.copyOf(x, x.length + y.length);
        System.arraycopy(y, 0, out, x.length, y.length);
        return out;
    }

    /**
     * The group reads {@code tp} (read_committed) from its committed offset (the beginning when none): {@code n} records,
     * or to the end when n is -1; commits its position; returns the records' seqs.
     */
    static List<Integer> read(String bootstrap, String group, TopicPartition tp, int n) {
        List<Integer> seqs = new ArrayList<>();
        try (KafkaConsumer<String, String> c = consumer(bootstrap, group)) {
            c.assign(List.of(tp));
            OffsetAndMetadata committed = c.committed(java.util.Set.of(tp)).get(tp);
            if (committed == null) c.seekToBeginning(List.of(tp));
            else c.seek(tp, committed.offset());
            long end = c.endOffsets(List.of(tp)).get(tp);
            long deadline = System.nanoTime() + 30_000_000_000L;
            long pos = c.position(tp);
            outer:
            while (System.nanoTime() < deadline && (n < 0 ? c.position(tp) < end : seqs.size() < n)) {
                for (ConsumerRecord<String, String> rec : c.poll(Duration.ofMillis(200))) {
                    seqs.add(Integer.parseInt(rec.value().replaceAll("\\D", "")));
                    pos = rec.offset() + 1;
                    if (n >= 0 && seqs.size() == n) break outer;
                }
                if (n < 0) pos = c.position(tp);
            }
            c.commitSync(Map.of(tp, new OffsetAndMetadata(pos)));
        }
        return seqs;
    }

    /** The offset after the record with {@code seq} in {@code tp}. */
    static long positionAfter(String bootstrap, TopicPartition tp, int seq) {
        try (KafkaConsumer<String, String> c = consumer(bootstrap, "cryptorun-fb-probe-" + UUID.randomUUID())) {
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> rec : c.poll(Duration.ofMillis(200))) {
                    if (Integer.parseInt(rec.value().replaceAll("\\D", "")) == seq) return rec.offset() + 1;
                }
            }
        }
        throw new AssertionError("no record " + seq + " in " + tp);
    }

    static void commit(String bootstrap, String group, TopicPartition tp, long offset) {
        try (KafkaConsumer<String, String> c = consumer(bootstrap, group)) {
            c.commitSync(Map.of(tp, new OffsetAndMetadata(offset)));
        }
    }

    static KafkaConsumer<String, String> consumer(String bootstrap, String group) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
    }
}
