package io.cryptorun.jobs.replication;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Hot tier on two real KRaft brokers with MirrorMaker 2 between them (deploy/local/region.sh, started by
 * ./cryptorun test): a topic md.raw.* of region a is mirrored to b as a.md.raw.*, a consumer group's position on a
 * is translated by MM2's checkpoints and committed on b, and a consumer of that group failing over to b resumes
 * there without losing a record.
 */
class HotReplicationIT {
    static final int N = 200;
    static final int CONSUMED_ON_A = 120;

    @Test
    void mirroredTopicAndTranslatedOffsetsLetAConsumerFailOverToB() throws Exception {
        String a = System.getenv("CRYPTORUN_REGION_A_KAFKA");
        String b = System.getenv("CRYPTORUN_REGION_B_KAFKA");
        Assumptions.assumeTrue(a != null && b != null && !"0".equals(System.getenv("CRYPTORUN_REGION_B")),
                "region b not provisioned (./cryptorun test starts it unless CRYPTORUN_REGION_B=0)");
        String id = UUID.randomUUID().toString().substring(0, 8);
        String topic = "md.raw.it" + id;
        String group = "cryptorun-it-" + id;
        HotTier hot = new HotTier(a, b, "a");

        Properties pp = new Properties();
        pp.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, a);
        pp.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> p = new KafkaProducer<>(pp, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < N; i++) p.send(new ProducerRecord<>(topic, 0, null, "k" + i, "{\"seq\":" + i + "}"));
            p.flush();
        }
        // region a: the group consumes the first 120 records and commits
        try (KafkaConsumer<String, String> c = consumer(a, group)) {
            TopicPartition tp = new TopicPartition(topic, 0);
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            int got = 0;
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (got < CONSUMED_ON_A && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                    if (got < CONSUMED_ON_A) got++;
                }
            }
            c.commitSync(Map.of(tp, new OffsetAndMetadata(CONSUMED_ON_A)));
        }
        long t0 = System.nanoTime();
        String remote = hot.remote(topic);
        // b: all records mirrored and the group's translated offset committed by MM2
        Map<TopicPartition, Long> translated = Map.of();
        while (System.nanoTime() - t0 < 60_000_000_000L) {
            List<HotTier.TopicLag> lag = hot.lag();
            boolean mirrored = lag.stream().anyMatch(l -> l.topic().equals(topic) && l.endB() == N && l.behind() == 0);
            translated = hot.translatedOffsets(group);
            if (mirrored && !translated.isEmpty()) break;
            Thread.sleep(500);
        }
        double took = (System.nanoTime() - t0) / 1e9;
        assertThat(hot.lag()).filteredOn(l -> l.topic().equals(topic)).singleElement()
                .satisfies(l -> {
                    assertThat(l.endB()).isEqualTo(N);
                    assertThat(l.lagSeconds()).as("b holds a's newest record: no lag in seconds").isZero();
                });
        assertThat(translated).as("translated offsets of %s on b after %.1f s", group, took).containsOnlyKeys(new TopicPartition(remote, 0));
        long off = translated.get(new TopicPartition(remote, 0));
        System.out.printf("hot: %d records mirrored and offsets translated in %.1f s; group at %d on a -> %d on b%n", N, took, CONSUMED_ON_A, off);
        assertThat(off).isBetween(0L, (long) CONSUMED_ON_A); // never past what was consumed: nothing skipped

        // the group fails over to b: it resumes at the translated offset and reads up to the end, nothing lost
        List<Integer> seqs = new ArrayList<>();
        try (KafkaConsumer<String, String> c = consumer(b, group)) {
            c.subscribe(List.of(remote));
            long deadline = System.nanoTime() + 30_000_000_000L;
            while ((seqs.isEmpty() || seqs.get(seqs.size() - 1) < N - 1) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                    seqs.add(Integer.parseInt(r.value().replaceAll("\\D", "")));
                }
            }
        }
        assertThat(seqs).isNotEmpty();
        assertThat(seqs.get(0)).isEqualTo((int) off);
        assertThat(seqs.get(0)).isLessThanOrEqualTo(CONSUMED_ON_A);
        assertThat(seqs.get(seqs.size() - 1)).isEqualTo(N - 1);
        assertThat(seqs).doesNotHaveDuplicates().hasSize(N - (int) off);
        System.out.printf("hot failover: re-delivered %d records already consumed on a, lost 0%n", CONSUMED_ON_A - off);

        // validate --tier hot: the mirrored partition holds the same records, in order
        java.util.regex.Pattern only = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(topic));
        assertThat(hot.validate(only)).singleElement().satisfies(c -> {
            assertThat(c.countA()).isEqualTo(N);
            assertThat(c.countB()).isEqualTo(N);
            assertThat(c.equal()).as("%s", c).isTrue();
        });
        assertThat(cli(a, b, topic)).as("replication validate --tier hot exit").isZero();
        // a record written on b alone (a split brain's write): the regions differ, and b is not merely behind
        try (KafkaProducer<String, String> p = new KafkaProducer<>(pp(b), new StringSerializer(), new StringSerializer())) {
            p.send(new ProducerRecord<>(remote, 0, null, "rogue", "{\"seq\":-1}")).get();
        }
        assertThat(hot.validate(only)).singleElement().satisfies(c -> {
            assertThat(c.countB()).isEqualTo(N + 1);
            assertThat(c.equal()).isFalse();
            assertThat(c.behind()).isFalse();
        });
        assertThat(cli(a, b, topic)).as("replication validate --tier hot exit").isEqualTo(1);
    }

    private static java.util.Properties pp(String bootstrap) {
        java.util.Properties p = new java.util.Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return p;
    }

    /** The CLI, as a user runs it: exit 0 when equal, 1 when the regions differ. */
    private static int cli(String a, String b, String topic) {
        return new picocli.CommandLine(new io.cryptorun.jobs.cli.ReplicationCommand()).execute("validate", "--tier", "hot",
                "--a-kafka", a, "--b-kafka", b, "--topics", java.util.regex.Pattern.quote(topic));
    }

    static KafkaConsumer<String, String> consumer(String bootstrap, String group) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
    }
}
