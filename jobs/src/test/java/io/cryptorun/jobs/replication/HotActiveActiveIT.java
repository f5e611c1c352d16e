package io.cryptorun.jobs.replication;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The active-active hot tier on two real KRaft brokers with MirrorMaker 2 both ways (deploy/local/region.sh): records
 * written to region b's own {@code md.raw.*} and {@code cryptorun.*} arrive on a as {@code b.<topic>} (read_committed:
 * an aborted transaction on b never reaches a), a's arrive on b as {@code a.<topic>}, and nothing is mirrored back
 * ({@code b.a.*} on a, {@code a.b.*} on b never appear); {@code replication status --tier hot} shows both directions
 * with their lag, {@code validate --tier hot} compares both and finds a record planted on a's copy of b's topic.
 */
class HotActiveActiveIT {
    static final int N = 50;

    @Test
    void bsTopicsReachAAndNothingIsMirroredBackStatusAndValidateCoverBothDirections() throws Exception {
        String a = System.getenv("CRYPTORUN_REGION_A_KAFKA");
        String b = System.getenv("CRYPTORUN_REGION_B_KAFKA");
        Assumptions.assumeTrue(a != null && b != null && !"0".equals(System.getenv("CRYPTORUN_REGION_B")),
                "region b not provisioned (./cryptorun test starts it unless CRYPTORUN_REGION_B=0)");
        String id = UUID.randomUUID().toString().substring(0, 8);
        String rawA = "md.raw.aa" + id;
        String rawB = "md.raw.ab" + id;
        String outB = "cryptorun.ab" + id;
        long t0 = System.nanoTime();
        produce(a, rawA, N, null);
        produce(b, rawB, N, null);
        produce(b, outB, N, "cryptorun-it-aa-" + id); // transactional, with one aborted transaction in the middle

        HotTier ab = new HotTier(a, b, "a");
        HotTier ba = new HotTier(b, a, "b");
        Pattern only = Pattern.compile(Pattern.quote(rawA) + "|" + Pattern.quote(rawB) + "|" + Pattern.quote(outB));
        List<HotTier.PartitionCheck> checks = List.of();
        while (System.nanoTime() - t0 < 60_000_000_000L) {
            checks = new java.util.ArrayList<>(ab.validate(only));
            checks.addAll(ba.validate(only));
            if (checks.size() == 3 && checks.stream().allMatch(HotTier.PartitionCheck::equal)) break;
            Thread.sleep(500);
        }
        double took = (System.nanoTime() - t0) / 1e9;
        assertThat(checks).extracting(HotTier.PartitionCheck::topic).containsExactlyInAnyOrder(rawA, rawB, outB);
        assertThat(checks).allSatisfy(c -> {
            assertThat(c.equal()).as(c.toString()).isTrue();
            assertThat(c.countA()).isEqualTo(N); // the aborted record of outB is neither on b (read_committed) nor on a
        });
        System.out.printf("active-active: %d records each way mirrored in %.1f s%n", N, took);

        try (Admin aa = HotTier.admin(a); Admin bb = HotTier.admin(b)) {
            Thread.sleep(4000); // two more topic refreshes of MM2 (refresh.topics.interval.seconds = 2): a cycle would show now
            Set<String> onA = aa.listTopics().names().get(15, TimeUnit.SECONDS);
            Set<String> onB = bb.listTopics().names().get(15, TimeUnit.SECONDS);
            assertThat(onA).contains(rawA, "b." + rawB, "b." + outB).doesNotContain("b.a." + rawA, "a." + rawA);
            assertThat(onB).contains(rawB, outB, "a." + rawA).doesNotContain("a.b." + rawB, "a.b." + outB, "b." + rawB);
            assertThat(onA).noneMatch(t -> t.startsWith("b.a.") || t.startsWith("a."));
            assertThat(onB).noneMatch(t -> t.startsWith("a.b.") || t.startsWith("b."));
        }

        // status: both directions, each with its lag (every topic of both regions, so other tests' topics too)
        String said = cli(-1, "status", "--tier", "hot", "--a-kafka", a, "--b-kafka", b);
        assertThat(said).containsPattern("hot: a -> b \\(MirrorMaker 2\\), \\d+ topics, lag \\S+ s \\(SLO 5 s\\)")
                .containsPattern("hot: b -> a \\(MirrorMaker 2\\), \\d+ topics, lag \\S+ s \\(SLO 5 s\\)");
        String lag = cli(-1, "lag", "--tier", "hot", "--a-kafka", a, "--b-kafka", b);
        assertThat(lag).containsPattern("  " + Pattern.quote(rawB) + " +b " + N + "  a " + N + "  offsets behind 0  lag 0.0 s");

        // validate: both directions equal; a record written on a's copy of b's topic alone is a difference
        String v = cli(0, "validate", "--tier", "hot", "--topics", only.pattern(), "--a-kafka", a, "--b-kafka", b);
        assertThat(v).containsPattern("hot  a -> b " + Pattern.quote(rawA) + " +p0 +a +" + N + " \\w+  b +" + N + " \\w+  equal")
                .containsPattern("hot  b -> a " + Pattern.quote(rawB) + " +p0 +b +" + N + " \\w+  a +" + N + " \\w+  equal")
                .containsPattern("hot  b -> a " + Pattern.quote(outB) + " +p0 .* equal");
        produce(a, "b." + rawB, 1, null); // a split brain: a record on a's b.<topic> that b never had
        String v2 = cli(1, "validate", "--tier", "hot", "--topics", only.pattern(), "--a-kafka", a, "--b-kafka", b);
        assertThat(v2).containsPattern("hot  b -> a " + Pattern.quote(rawB) + " +p0 +b +" + N + " \\w+  a +" + (N + 1) + " \\w+  DIFFERENT");
    }

    /** {@code n} records to partition 0 of {@code topic}; with a transactional id, in 5 transactions and one aborted. */
    static void produce(String bootstrap, String topic, int n, String txId) throws Exception {
        produce(bootstrap, topic, n, txId, 0);
    }

    /** Like {@link #produce(String, String, int, String)}, the records numbered from {@code base}. */
    static void produce(String bootstrap, String topic, int n, String txId, int base) throws Exception {
        Properties pp = new Properties();
        pp.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        pp.put(ProducerConfig.ACKS_CONFIG, "all");
        if (txId != null) pp.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, txId);
        try (KafkaProducer<String, String> p = new KafkaProducer<>(pp, new StringSerializer(), new StringSerializer())) {
            if (txId == null) {
                for (int i = 0; i < n; i++) p.send(new ProducerRecord<>(topic, 0, null, "k" + i, "{\"seq\":" + (base + i) + "}"));
                p.flush();
                return;
            }
            p.initTransactions();
            for (int i = 0; i < n; i++) {
                if (i % (n / 5) == 0) {
                    if (i > 0) p.commitTransaction();
                    if (i == 2 * (n / 5)) { // an aborted transaction between two committed ones
                        p.beginTransaction();
                        p.send(new ProducerRecord<>(topic, 0, null, "aborted", "{\"aborted\":true}"));
                        p.flush();
                        p.abortTransaction();
                    }
                    p.beginTransaction();
                }
                p.send(new ProducerRecord<>(topic, 0, null, "k" + i, "{\"seq\":" + (base + i) + "}"));
            }
            p.commitTransaction();
        }
    }

    /** Runs {@code cryptorun replication ARGS}; checks the exit code unless {@code rc} is -1; returns what it printed. */
    static String cli(int rc, String... args) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream old = System.out;
        int got;
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            got = new CommandLine(new io.cryptorun.jobs.cli.ReplicationCommand()).execute(args);
        } finally {
            System.setOut(old);
        }
        String said = buf.toString(StandardCharsets.UTF_8);
        System.out.print(said);
        if (rc >= 0) assertThat(got).as(said).isEqualTo(rc);
        return said;
    }
}
