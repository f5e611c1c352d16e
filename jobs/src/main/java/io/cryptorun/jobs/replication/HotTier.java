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
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.ConsumerGroupState;
import org.apache.kafka.common.TopicPartition;

/**
 * One direction of the hot tier (docs/DATA_MULTI_REGION.md): Kafka topics {@code md.raw.<venue>} and {@code cryptorun.*}
 * of a source region, mirrored to a target region by MirrorMaker 2 (deploy/local/region.sh) as
 * {@code <source>.<topic>} (DefaultReplicationPolicy). The tier is active-active: {@code new HotTier(a, b, "a")} is
 * a → b (topics {@code a.<topic>} on b), {@code new HotTier(b, a, "b")} is b → a ({@code b.<topic>} on a); the topic
 * pattern matches a region's own topics only, so a mirrored topic is never mirrored back. MM2's checkpoints translate
 * consumer-group offsets and, with {@code sync.group.offsets.enabled}, commit them on the target, so a consumer group
 * that moves to the target resumes from the translated position. (The fields keep the names of the a → b direction.)
 */
public final class HotTier {
    public static final Pattern TOPICS = Pattern.compile("md\\.raw\\..+|cryptorun\\..+");
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final String bootstrapA;
    private final String bootstrapB;
    private final String sourceAlias;
    private final String targetAlias;

    /** The direction {@code sourceAlias} → the other region ({@code a} ↔ {@code b}). */
    public HotTier(String bootstrapA, String bootstrapB, String sourceAlias) {
        this(bootstrapA, bootstrapB, sourceAlias, "a".equals(sourceAlias) ? "b" : "a");
    }

    public HotTier(String bootstrapSource, String bootstrapTarget, String sourceAlias, String targetAlias) {
        this.bootstrapA = bootstrapSource;
        this.bootstrapB = bootstrapTarget;
        this.sourceAlias = sourceAlias;
        this.targetAlias = targetAlias;
    }

    public String source() {
        return sourceAlias;
    }

    public String target() {
        return targetAlias;
    }

    /** MM2's offset-sync topic of this direction, on the source cluster ({@code offset-syncs.topic.location = source}). */
    public String offsetSyncTopic() {
        return "mm2-offset-syncs." + targetAlias + ".internal";
    }

    /** The name region b gives a mirrored topic of region a. */
    public String remote(String topic) {
        return sourceAlias + "." + topic;
    }

    /**
     * Per mirrored topic: end offsets summed over partitions on a and on b and their difference (offsets, not records:
     * a transactional writer's commit markers take offsets on a that MM2 does not copy), and the lag in seconds — for
     * the partition furthest behind, the newest record time on a minus the newest on b (MM2 keeps record times and
     * partitions), 0 when b has a's newest, infinite when b has no record of a partition a has records in. Record
     * times are the writers' (the scanner stamps its outputs with event time): live, that is wall-clock lag; for the
     * topics of a replay of history it is lag in the replayed market's time.
     */
    public record TopicLag(String topic, long endA, long endB, long behind, double lagSeconds) {}

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
                boolean mirrored = onB.contains(remote(t));
                long eb = mirrored ? endOffsets(b, remote(t)) : 0;
                Map<Integer, Long> newestA = newestTimes(a, bootstrapA, t);
                Map<Integer, Long> newestB = mirrored ? newestTimes(b, bootstrapB, remote(t)) : Map.of();
                out.add(new TopicLag(t, ea, eb, Math.max(0, ea - eb), lagSeconds(newestA, newestB)));
            }
        }
        return out;
    }

    /**
     * Seconds by which b's newest record trails a's, over the partitions of one topic (partition → newest record time
     * in ms, absent or negative: no record): the largest difference; 0 when b has a's newest everywhere; infinite when
     * a partition has records on a and none on b.
     */
    public static double lagSeconds(Map<Integer, Long> newestA, Map<Integer, Long> newestB) {
        double lag = 0;
        for (Map.Entry<Integer, Long> e : newestA.entrySet()) {
            long ta = e.getValue();
            if (ta < 0) continue;
            long tb = newestB.getOrDefault(e.getKey(), -1L);
            if (tb < 0) return Double.POSITIVE_INFINITY;
            lag = Math.max(lag, Math.max(0, ta - tb) / 1000.0);
        }
        return lag;
    }

    /**
     * partition → the timestamp of its newest committed data record (-1 when it has none). Read with a read_committed
     * consumer from a little before the end (backing off further while only transaction markers are there): the
     * broker's MAX_TIMESTAMP would count a commit marker's wall-clock time, which no consumer and no mirror ever sees.
     */
    private Map<Integer, Long> newestTimes(Admin admin, String bootstrap, String topic)
            throws InterruptedException, ExecutionException, TimeoutException {
        TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).get(topic);
        Map<Integer, Long> out = new HashMap<>();
        Properties p = new Properties();
        p.put(org.apache.kafka.clients.consumer.ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(org.apache.kafka.clients.consumer.ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(org.apache.kafka.clients.consumer.ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(org.apache.kafka.clients.consumer.ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
        try (var c = new org.apache.kafka.clients.consumer.KafkaConsumer<>(p,
                new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            for (var part : d.partitions()) {
                TopicPartition tp = new TopicPartition(topic, part.partition());
                c.assign(List.of(tp));
                long begin = c.beginningOffsets(List.of(tp)).get(tp);
                long end = c.endOffsets(List.of(tp)).get(tp); // read_committed: the last stable offset
                long newest = -1;
                for (long back = 16; newest < 0; back *= 8) {
                    long from = Math.max(begin, end - back);
                    c.seek(tp, from);
                    long deadline = System.nanoTime() + TIMEOUT.toNanos();
                    while (c.position(tp) < end && System.nanoTime() < deadline) {
                        for (var r : c.poll(Duration.ofMillis(200))) {
                            if (r.offset() < end) newest = r.timestamp();
                        }
                    }
                    if (from == begin) break;
                }
                out.put(part.partition(), newest);
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

    /**
     * One consumer group moved to b: the offsets committed for it on b's mirrored topics, how many of them came from
     * MM2's checkpoint translation and how many partitions had none (those start at b's earliest offset: nothing lost,
     * the partition's records re-delivered), and the group's position on a when a answered (-1 per partition: unknown).
     */
    public record GroupFailover(String group, Map<TopicPartition, Long> committedOnB, int translated, int fromEarliest,
            Map<TopicPartition, Long> positionOnA) {}

    /**
     * Fails {@code groups} over to region b: for every mirrored topic the group consumed on a (from a's committed
     * offsets when a answers, else from what MM2 already committed on b), the group's offset on b is MM2's translated
     * one (its checkpoints, committed on b by {@code sync.group.offsets}); a partition with no translation yet starts at
     * b's earliest offset. The offsets are committed on b explicitly (the group must have no live member on b), so a
     * consumer of the group pointed at b's {@code a.<topic>} continues from there: at-least-once, nothing skipped.
     */
    public List<GroupFailover> failoverToB(List<String> groups) throws Exception {
        return moveGroups(groups);
    }

    /** {@link #failoverToB} in either direction: the groups move from the source region to the target. */
    public List<GroupFailover> moveGroups(List<String> groups) throws Exception {
        return moveGroups(groups, true);
    }

    /** {@link #moveGroups(List)}; {@code sourceAnswers} false: the source is known to be down (not asked: no timeout). */
    public List<GroupFailover> moveGroups(List<String> groups, boolean sourceAnswers) throws Exception {
        List<GroupFailover> out = new ArrayList<>();
        for (String group : groups) {
            Map<TopicPartition, Long> onA = new HashMap<>();
            if (sourceAnswers) try (Admin a = admin(bootstrapA)) {
                a.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS).forEach((tp, om) -> {
                    if (om != null && TOPICS.matcher(tp.topic()).matches()) onA.put(tp, om.offset());
                });
            } catch (ExecutionException | TimeoutException aGone) {
                // region a is down: the topics are those MM2 already translated on b
            }
            try (Admin b = admin(bootstrapB)) {
                ConsumerGroupDescription d = b.describeConsumerGroups(List.of(group)).describedGroups().get(group)
                        .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                if (!d.members().isEmpty() || d.state() == ConsumerGroupState.STABLE) {
                    throw new IllegalStateException("consumer group " + group + " has live members on region " + targetAlias);
                }
                Map<TopicPartition, Long> translated = translatedOffsets(group);
                Set<String> remoteTopics = new TreeSet<>();
                onA.keySet().forEach(tp -> remoteTopics.add(remote(tp.topic())));
                translated.keySet().forEach(tp -> remoteTopics.add(tp.topic()));
                Set<String> onB = b.listTopics().names().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                Map<TopicPartition, Long> commit = new HashMap<>();
                Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
                for (String t : remoteTopics) {
                    if (!onB.contains(t)) continue; // not mirrored yet: nothing to continue from on b
                    TopicDescription td = b.describeTopics(List.of(t)).allTopicNames().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).get(t);
                    td.partitions().forEach(p -> {
                        TopicPartition tp = new TopicPartition(t, p.partition());
                        Long off = translated.get(tp);
                        if (off != null) commit.put(tp, off);
                        else earliest.put(tp, OffsetSpec.earliest());
                    });
                }
                if (!earliest.isEmpty()) {
                    b.listOffsets(earliest).all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                            .forEach((tp, info) -> commit.put(tp, info.offset()));
                }
                Map<TopicPartition, OffsetAndMetadata> om = new HashMap<>();
                commit.forEach((tp, o) -> om.put(tp, new OffsetAndMetadata(o, "failover from " + sourceAlias)));
                if (!om.isEmpty()) b.alterConsumerGroupOffsets(group, om).all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                Map<TopicPartition, Long> posA = new HashMap<>();
                onA.forEach((tp, o) -> posA.put(new TopicPartition(remote(tp.topic()), tp.partition()), o));
                out.add(new GroupFailover(group, commit, commit.size() - earliest.size(), earliest.size(), posA));
            }
        }
        return out;
    }

    /**
     * A group that consumed {@code <source>.<topic>} on the target goes back to the source's own {@code <topic>} (a
     * failback): per partition, the group's committed offset D on the target is translated back with this direction's
     * MM2 offset syncs (upstream offset u ↔ downstream offset d, read from {@link #offsetSyncTopic()} on the source):
     * from the newest sync with d ≤ D, both logs are compared record by record up to D ({@link #walk}) — exact when MM2
     * copied each record once, earlier where it repeated some (re-delivery, never a skip). MM2 coalesces its syncs
     * under load, so the walk, not the sync alone, is what makes the position exact. No sync at or below D: the
     * source's earliest.
     * Committed on the source (the group must have no live member there). Returns, per group, the offsets committed.
     */
    public Map<String, Map<TopicPartition, Long>> returnToSource(List<String> groups) throws Exception {
        Map<String, Map<TopicPartition, Long>> out = new java.util.LinkedHashMap<>();
        Map<TopicPartition, java.util.NavigableMap<Long, Long>> syncs = null;
        try (Admin src = admin(bootstrapA); Admin tgt = admin(bootstrapB)) {
            for (String group : groups) {
                ConsumerGroupDescription d = src.describeConsumerGroups(List.of(group)).describedGroups().get(group)
                        .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                if (!d.members().isEmpty() || d.state() == ConsumerGroupState.STABLE) {
                    throw new IllegalStateException("consumer group " + group + " has live members on region " + sourceAlias);
                }
                Map<TopicPartition, Long> onTarget = new HashMap<>();
                tgt.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                        .forEach((tp, om) -> {
                            if (om != null && tp.topic().startsWith(sourceAlias + ".")
                                    && TOPICS.matcher(tp.topic().substring(sourceAlias.length() + 1)).matches()) {
                                onTarget.put(tp, om.offset());
                            }
                        });
                Map<TopicPartition, Long> commit = new HashMap<>();
                Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
                if (!onTarget.isEmpty() && syncs == null) syncs = offsetSyncs();
                for (Map.Entry<TopicPartition, Long> e : onTarget.entrySet()) {
                    TopicPartition up = new TopicPartition(e.getKey().topic().substring(sourceAlias.length() + 1), e.getKey().partition());
                    Map.Entry<Long, Long> sync = syncs.containsKey(up) ? syncs.get(up).floorEntry(e.getValue()) : null;
                    if (sync != null) commit.put(up, walk(up, sync.getValue(), e.getKey(), sync.getKey(), e.getValue()));
                    else earliest.put(up, OffsetSpec.earliest());
                }
                if (!earliest.isEmpty()) {
                    src.listOffsets(earliest).all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).forEach((tp, i) -> commit.put(tp, i.offset()));
                }
                Map<TopicPartition, OffsetAndMetadata> om = new HashMap<>();
                commit.forEach((tp, o) -> om.put(tp, new OffsetAndMetadata(o, "failback from " + targetAlias)));
                if (!om.isEmpty()) src.alterConsumerGroupOffsets(group, om).all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                out.put(group, commit);
            }
        }
        return out;
    }

    /**
     * From an offset sync (source offset {@code u} ↔ target offset {@code d}) to the source position of target position
     * {@code position}: both logs are read side by side from there (read_committed on the source, so commit markers and
     * aborted records, which MM2 does not copy, are skipped) and the records compared (key, value, timestamp: MM2 copies
     * them unchanged). The result is the source offset after the last record matched: exact when the target holds the
     * source's records once each, earlier (re-delivery, never a skip) where MM2 repeated a batch on the target.
     */
    long walk(TopicPartition up, long u, TopicPartition down, long d, long position) {
        return walk(bootstrapB, down, d, position, bootstrapA, up, u);
    }

    /**
     * Reads {@code counted} from {@code from} to {@code to} and {@code other} from {@code otherFrom} side by side, record
     * against record (key, value, timestamp); returns {@code other}'s offset after the last record matched
     * ({@code otherFrom} when none): where {@code counted}'s position {@code to} falls on {@code other}, exactly when
     * each record is there once, earlier at the first difference.
     */
    static long walk(String countedBootstrap, TopicPartition counted, long from, long to, String otherBootstrap, TopicPartition other,
            long otherFrom) {
        if (to <= from) return otherFrom;
        try (var cnt = bytesConsumer(countedBootstrap); var oth = bytesConsumer(otherBootstrap)) {
            cnt.assign(List.of(counted));
            cnt.seek(counted, from);
            oth.assign(List.of(other));
            oth.seek(other, otherFrom);
            java.util.ArrayDeque<org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]>> ahead = new java.util.ArrayDeque<>();
            long resume = otherFrom;
            long deadline = System.nanoTime() + TIMEOUT.toNanos() * 4;
            long otherEnd = oth.endOffsets(List.of(other)).get(other);
            long countedEnd = Math.min(to, cnt.endOffsets(List.of(counted)).get(counted));
            while (cnt.position(counted) < countedEnd) {
                if (System.nanoTime() > deadline) return resume;
                for (var t : cnt.poll(Duration.ofMillis(100))) {
                    if (t.offset() >= to) return resume;
                    while (ahead.isEmpty()) {
                        if (oth.position(other) >= otherEnd || System.nanoTime() > deadline) return resume;
                        oth.poll(Duration.ofMillis(100)).forEach(ahead::add);
                    }
                    var s = ahead.poll();
                    if (!java.util.Arrays.equals(s.key(), t.key()) || !java.util.Arrays.equals(s.value(), t.value())
                            || s.timestamp() != t.timestamp()) {
                        return resume; // MM2 repeated records here: resume conservatively, after the last match
                    }
                    resume = s.offset() + 1;
                }
            }
            return resume;
        }
    }

    /**
     * After {@link #moveGroups} with both regions up: each group's offsets on the target made exact. MM2's checkpoint
     * translation is conservative (it re-delivers up to what the group read since the offset sync it used; MM2
     * coalesces syncs under load); here, from the newest offset sync at or below the group's source position, the
     * source's and the target's records are compared one by one ({@link #walk}). The result is committed where it is
     * ahead of what moveGroups committed (both never pass the group's true position). Returns the offsets in force.
     */
    public Map<TopicPartition, Long> exactOnTarget(GroupFailover g) throws Exception {
        Map<TopicPartition, Long> out = new HashMap<>(g.committedOnB());
        if (g.positionOnA().isEmpty()) return out;
        Map<TopicPartition, java.util.NavigableMap<Long, Long>> syncs = offsetSyncs();
        Map<TopicPartition, OffsetAndMetadata> better = new HashMap<>();
        for (Map.Entry<TopicPartition, Long> e : g.positionOnA().entrySet()) {
            TopicPartition remoteTp = e.getKey();
            Long now = out.get(remoteTp);
            if (now == null || e.getValue() < 0) continue;
            TopicPartition up = new TopicPartition(remoteTp.topic().substring(sourceAlias.length() + 1), remoteTp.partition());
            java.util.TreeMap<Long, Long> byUpstream = new java.util.TreeMap<>();
            syncs.getOrDefault(up, new java.util.TreeMap<>()).forEach((down, upOff) -> byUpstream.merge(upOff, down, Math::min));
            Map.Entry<Long, Long> sync = byUpstream.floorEntry(e.getValue());
            if (sync == null) continue;
            long exact = walk(bootstrapA, up, sync.getKey(), e.getValue(), bootstrapB, remoteTp, sync.getValue());
            if (exact > now) {
                out.put(remoteTp, exact);
                better.put(remoteTp, new OffsetAndMetadata(exact, "failover from " + sourceAlias + " (exact)"));
            }
        }
        if (!better.isEmpty()) {
            try (Admin b = admin(bootstrapB)) {
                b.alterConsumerGroupOffsets(g.group(), better).all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        }
        return out;
    }

    private static org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]> bytesConsumer(String bootstrap) {
        Properties p = new Properties();
        p.put(org.apache.kafka.clients.consumer.ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(org.apache.kafka.clients.consumer.ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(org.apache.kafka.clients.consumer.ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(org.apache.kafka.clients.consumer.ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
        return new org.apache.kafka.clients.consumer.KafkaConsumer<>(p, new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer());
    }

    /**
     * The upstream offset to resume from for downstream position {@code d} (the next offset to read on the target),
     * given the offset syncs of one partition (downstream → upstream); null when no sync is at or below it.
     */
    public static Long upstreamOf(java.util.NavigableMap<Long, Long> syncsByDownstream, long position) {
        if (syncsByDownstream == null) return null;
        Map.Entry<Long, Long> s = syncsByDownstream.floorEntry(position);
        if (s == null) return null;
        return s.getKey() == position ? s.getValue() : s.getValue() + 1;
    }

    /**
     * This direction's MM2 offset syncs, per upstream partition: downstream offset → upstream offset. The record
     * layout is MM2's {@code OffsetSync}: key = topic (int16 length + UTF-8) and partition (int32), value = upstream
     * and downstream offsets (int64 each).
     */
    Map<TopicPartition, java.util.NavigableMap<Long, Long>> offsetSyncs() {
        Map<TopicPartition, java.util.NavigableMap<Long, Long>> out = new HashMap<>();
        Properties p = new Properties();
        p.put(org.apache.kafka.clients.consumer.ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapA);
        p.put(org.apache.kafka.clients.consumer.ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(org.apache.kafka.clients.consumer.ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
        try (var c = new org.apache.kafka.clients.consumer.KafkaConsumer<>(p,
                new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            List<TopicPartition> parts = new ArrayList<>();
            var infos = c.partitionsFor(offsetSyncTopic());
            if (infos == null) return out;
            infos.forEach(i -> parts.add(new TopicPartition(i.topic(), i.partition())));
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> ends = c.endOffsets(parts);
            long deadline = System.nanoTime() + TIMEOUT.toNanos() * 4;
            while (parts.stream().anyMatch(tp -> c.position(tp) < ends.get(tp))) {
                if (System.nanoTime() > deadline) throw new IllegalStateException("timed out reading " + offsetSyncTopic() + " on " + bootstrapA);
                for (var r : c.poll(Duration.ofMillis(200))) {
                    java.nio.ByteBuffer k = java.nio.ByteBuffer.wrap(r.key());
                    byte[] name = new byte[k.getShort()];
                    k.get(name);
                    TopicPartition up = new TopicPartition(new String(name, java.nio.charset.StandardCharsets.UTF_8), k.getInt());
                    java.nio.ByteBuffer v = java.nio.ByteBuffer.wrap(r.value());
                    long upstream = v.getLong();
                    long downstream = v.getLong();
                    out.computeIfAbsent(up, x -> new java.util.TreeMap<>()).merge(downstream, upstream, Math::min);
                }
            }
        }
        return out;
    }

    /**
     * One partition of a mirrored topic compared: committed records (read_committed) of a's topic up to its end when
     * the check began, and of b's copy likewise; the sha256 covers key and value of each record in partition order.
     * {@code equal}: the same records; {@code behind}: b holds a prefix of a's (MM2 has not copied the rest yet);
     * otherwise the regions differ.
     */
    public record PartitionCheck(String topic, int partition, long countA, String hashA, long countB, String hashB,
            boolean equal, boolean behind) {}

    /**
     * Compares every mirrored topic whose name matches {@code topics} (per partition: count and content hash), reading
     * both regions from the start. A topic of a not mirrored yet counts as b holding nothing (behind).
     */
    public List<PartitionCheck> validate(Pattern topics) throws Exception {
        List<PartitionCheck> out = new ArrayList<>();
        try (Admin a = admin(bootstrapA); Admin b = admin(bootstrapB)) {
            Set<String> names = new TreeSet<>();
            for (String t : a.listTopics().names().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                if (TOPICS.matcher(t).matches() && topics.matcher(t).matches()) names.add(t);
            }
            Set<String> onB = b.listTopics().names().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            for (String t : names) {
                TopicDescription d = a.describeTopics(List.of(t)).allTopicNames().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).get(t);
                for (var p : d.partitions()) {
                    List<byte[]> ra = records(bootstrapA, new TopicPartition(t, p.partition()));
                    List<byte[]> rb = onB.contains(remote(t)) ? records(bootstrapB, new TopicPartition(remote(t), p.partition())) : List.of();
                    String ha = sha256(ra, ra.size());
                    String hb = sha256(rb, rb.size());
                    boolean equal = ra.size() == rb.size() && ha.equals(hb);
                    boolean behind = !equal && rb.size() < ra.size() && sha256(ra, rb.size()).equals(hb);
                    out.add(new PartitionCheck(t, p.partition(), ra.size(), ha, rb.size(), hb, equal, behind));
                }
            }
        }
        return out;
    }

    /** The committed records of one partition up to its end offset now, each as key length, key, value (bytes). */
    private static List<byte[]> records(String bootstrap, TopicPartition tp) {
        Properties p = new Properties();
        p.put(org.apache.kafka.clients.consumer.ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(org.apache.kafka.clients.consumer.ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(org.apache.kafka.clients.consumer.ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(org.apache.kafka.clients.consumer.ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
        List<byte[]> out = new ArrayList<>();
        try (var c = new org.apache.kafka.clients.consumer.KafkaConsumer<>(p,
                new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            long end = c.endOffsets(List.of(tp)).get(tp); // with read_committed: the last stable offset
            long deadline = System.nanoTime() + TIMEOUT.toNanos() * 4;
            while (c.position(tp) < end) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("timed out reading " + tp + " on " + bootstrap + " (at " + c.position(tp)
                            + " of " + end + ")");
                }
                for (var r : c.poll(Duration.ofMillis(200))) {
                    if (r.offset() >= end) break;
                    byte[] k = r.key() == null ? new byte[0] : r.key();
                    byte[] v = r.value() == null ? new byte[0] : r.value();
                    java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(8 + k.length + v.length);
                    buf.putInt(r.key() == null ? -1 : k.length).put(k).putInt(r.value() == null ? -1 : v.length).put(v);
                    out.add(buf.array());
                }
            }
        }
        return out;
    }

    private static String sha256(List<byte[]> records, int first) {
        try {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            for (int i = 0; i < first; i++) md.update(records.get(i));
            return java.util.HexFormat.of().formatHex(md.digest()).substring(0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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

    /** Whether a region's broker answers within 3 s (a dead region's calls would each wait for their full timeout). */
    public static boolean answers(String bootstrap) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
        try (Admin a = Admin.create(p)) {
            a.describeCluster().clusterId().get(3, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
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
