package io.cryptorun.jobs.replication;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The hot tier (docs/DATA_MULTI_REGION.md): Kafka topics {@code md.raw.<venue>} and {@code cryptorun.*} of region a,
 * mirrored to region b by MirrorMaker 2 (deploy/local/region.sh) as {@code a.<topic>} (DefaultReplicationPolicy);
 * MM2's checkpoints translate consumer-group offsets and, with {@code sync.group.offsets.enabled}, commit them on b,
 * so a consumer group that fails over to b resumes from the translated position.
 */
public final class HotTier {
    public static final Pattern TOPICS = Pattern.compile("md\\.raw\\..+|cryptorun\\..+");
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final String bootstrapA;
    private final String bootstrapB;
    private final String sourceAlias;

    public HotTier(String bootstrapA, String bootstrapB, String sourceAlias) {
        this.bootstrapA = bootstrapA;
        this.bootstrapB = bootstrapB;
        this.sourceAlias = sourceAlias;
    }

    /** The name region b gives a mirrored topic of region a. */
    public String remote(String topic) {
        return sourceAlias + "." + topic;
    }

    /** Per mirrored topic: end offsets summed over partitions on a and on b, and the difference. */
    public record TopicLag(String topic, long endA, long endB, long behind) {}

    public List<TopicLag> lag() throws Exception {
        List<TopicLag> out = new ArrayList<>();
        try (Admin a = admin(bootstrapA); Admin b = admin(bootstrapB)) {
            Set<String> topics = new TreeSet<>();
            for (String t : a.listTopics().names().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                if (TOPICS.matcher(t).matches()) topics.add(t);
            }
            Set<String> onB = b.listTopics().names().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            for (String t : topics) {
                long ea = endOffsets(a, t);
                long eb = onB.contains(remote(t)) ? endOffsets(b, remote(t)) : 0;
                out.add(new TopicLag(t, ea, eb, Math.max(0, ea - eb)));
            }
        }
        return out;
    }

    /** A consumer group's committed offsets on b for the mirrored topics (MM2's translated offsets); empty when none yet. */
    public Map<TopicPartition, Long> translatedOffsets(String group) throws Exception {
        Map<TopicPartition, Long> out = new HashMap<>();
        try (Admin b = admin(bootstrapB)) {
            Map<TopicPartition, OffsetAndMetadata> m = b.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            m.forEach((tp, om) -> {
                if (om != null && tp.topic().startsWith(sourceAlias + ".")) out.put(tp, om.offset());
            });
        }
        return out;
    }

    private static long endOffsets(Admin admin, String topic) throws InterruptedException, ExecutionException, TimeoutException {
        TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).get(topic);
        Map<TopicPartition, OffsetSpec> req = new HashMap<>();
        d.partitions().forEach(p -> req.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> r = admin.listOffsets(req).all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        long sum = 0;
        for (ListOffsetsResult.ListOffsetsResultInfo i : r.values()) sum += i.offset();
        return sum;
    }

    static Admin admin(String bootstrap) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
        return Admin.create(p);
    }

    static long sum(Collection<Long> xs) {
        long s = 0;
        for (long x : xs) s += x;
        return s;
    }
}
