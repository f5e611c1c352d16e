package io.cryptorun.jobs.replication;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * MirrorMaker 2 copies only what region a committed (issue 17, found by the failover work): a transaction left open
 * while MM2 polls and then aborted on a never reaches b. Before {@code a.consumer.isolation.level = read_committed} in
 * {@code mm2.properties}, MM2 (not exactly-once, writing plainly on b) copied the aborted record, so b held a record
 * a never had — what a crashed ingest's last transaction would leave on b for the scanner after a failover.
 */
class MirrorCommittedOnlyIT {
    @Test
    void anAbortedTransactionOnAIsNotMirroredToB() throws Exception {
        String a = System.getenv("CRYPTORUN_REGION_A_KAFKA");
        String b = System.getenv("CRYPTORUN_REGION_B_KAFKA");
        org.junit.jupiter.api.Assumptions.assumeTrue(a != null && b != null, "region b's Kafka not provisioned");
        String topic = "md.raw.iso" + UUID.randomUUID().toString().substring(0, 8);
        Properties p = new Properties();
        p.put("bootstrap.servers", a);
        p.put("transactional.id", "mirror-it-" + topic);
        try (KafkaProducer<String, String> pr = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            pr.initTransactions();
            pr.beginTransaction();
            pr.send(new ProducerRecord<>(topic, 0, "k", "committed-1")).get();
            pr.commitTransaction();
            pr.beginTransaction();
            pr.send(new ProducerRecord<>(topic, 0, "k", "aborted-2")).get();
            pr.flush();
            Thread.sleep(6000); // MM2 finds the topic (refresh 2 s) and polls a while the transaction is open
            pr.abortTransaction();
            pr.beginTransaction();
            pr.send(new ProducerRecord<>(topic, 0, "k", "committed-3")).get();
            pr.commitTransaction();
        }
        TopicPartition remote = new TopicPartition("a." + topic, 0);
        List<String> onB = new ArrayList<>();
        Properties c = new Properties();
        c.put("bootstrap.servers", b);
        c.put("isolation.level", "read_uncommitted"); // everything b holds
        try (KafkaConsumer<String, String> co = new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer())) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!onB.contains("committed-3") && System.nanoTime() < deadline) {
                if (co.assignment().isEmpty() && co.listTopics().containsKey(remote.topic())) {
                    co.assign(List.of(remote));
                    co.seekToBeginning(List.of(remote));
                }
                if (co.assignment().isEmpty()) {
                    Thread.sleep(500);
                    continue;
                }
                for (ConsumerRecord<String, String> r : co.poll(Duration.ofMillis(500))) onB.add(r.value());
            }
            for (ConsumerRecord<String, String> r : co.poll(Duration.ofSeconds(2))) onB.add(r.value()); // anything after it
        }
        assertThat(onB).containsExactly("committed-1", "committed-3");
        assertThat(new HotTier(a, b, "a").validate(Pattern.compile(Pattern.quote(topic))))
                .singleElement().satisfies(check -> assertThat(check.equal()).isTrue());
    }
}
