package io.cryptorun.functions.replication;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Split-brain fencing of the hot tier (issue 17, docs/DATA_MULTI_REGION.md): which region may write Kafka, and which
 * transactional producers are zombies. Pure decisions; reading the databases and talking to the brokers is the
 * caller's ({@code jobs/replication/HotFencing}).
 *
 * <p>Every hot failover or failback records the promoted region with a <b>fencing epoch</b> one above the highest the
 * regions' databases hold ({@code replication_failovers.detail->>'epoch'}); no record at all is epoch 0 with region
 * {@code a} active. A writer (the ingest, the scanner's Kafka sinks) started with {@code --region R} reads that before
 * it starts and refuses unless R is the active region; it then writes with transactional ids marked
 * {@code @R-e<epoch>}, so a failover can tell the previous epochs' producers from the current ones on either broker
 * and fence them ({@code Admin.fenceProducers}): the broker then rejects a zombie's commit.
 */
public final class HotTierFence {
    /** The marker in a transactional id: {@code @<region>-e<epoch>}, then {@code -} or the end. */
    private static final Pattern MARKER = Pattern.compile("@([ab])-e(\\d+)(?:-|$)");
    /** The transactional ids of this project's writers. */
    public static final String ID_PREFIX = "cryptorun-";

    private HotTierFence() {}

    /** The active region of the hot tier and its fencing epoch; {@code since} null for the initial state. */
    public record Active(String region, long epoch, Instant since) {
        public static final Active INITIAL = new Active("a", 0, null);
    }

    /**
     * The active region from what each reachable database says (its newest record each): the highest epoch wins,
     * then the newest time (records written before epochs existed count as epoch 0). Nothing recorded: {@link Active#INITIAL}.
     */
    public static Active newest(Collection<Active> seen) {
        return seen.stream().filter(a -> a != null)
                .max(Comparator.comparingLong(Active::epoch).thenComparing(a -> a.since() == null ? Instant.MIN : a.since()))
                .orElse(Active.INITIAL);
    }

    /** The epoch a new failover or failback records: one above the highest seen. */
    public static long nextEpoch(Collection<Active> seen) {
        return newest(seen).epoch() + 1;
    }

    /**
     * Why a writer of region {@code writer} must not start, or empty when it may: the one-line refusal names the
     * active region, its epoch and the two ways out.
     */
    public static Optional<String> refusal(String writer, Active active) {
        if (writer.equals(active.region())) return Optional.empty();
        return Optional.of("region " + writer + " is not the active region of the hot tier (region " + active.region()
                + " is, fencing epoch " + active.epoch() + (active.since() == null ? "" : ", since " + active.since()) + ")");
    }

    /** The marker a writer of {@code region} at {@code epoch} puts in its transactional ids. */
    public static String marker(String region, long epoch) {
        if (!"a".equals(region) && !"b".equals(region)) throw new IllegalArgumentException("unknown region '" + region + "' (a or b)");
        if (epoch < 0) throw new IllegalArgumentException("negative epoch " + epoch);
        return "@" + region + "-e" + epoch;
    }

    /**
     * Whether the producer with {@code transactionalId}, seen on the broker of region {@code cluster}, is to be fenced
     * when {@code active} is in force: any of this project's ids ({@link #ID_PREFIX}) marked with another region or an
     * older epoch; unmarked ids (a writer started without {@code --region}) only on a region that is not active.
     * Others' ids (MirrorMaker, other applications) never.
     */
    public static boolean isZombie(String transactionalId, String cluster, Active active) {
        if (!transactionalId.startsWith(ID_PREFIX)) return false;
        Matcher m = MARKER.matcher(transactionalId);
        if (!m.find()) return !cluster.equals(active.region());
        return !m.group(1).equals(active.region()) || Long.parseLong(m.group(2)) < active.epoch();
    }

    /**
     * Whether a failover fences {@code transactionalId} now: a {@link #isZombie zombie} that carries an epoch marker
     * (a writer that knows about fencing, in whatever state), or an unmarked zombie with a transaction open. An
     * unmarked id with no transaction open is left alone: Flink's KafkaSink names a transaction after its subtask and
     * checkpoint and does not reuse a finished one's id, so a broker that ran such jobs holds hundreds of dead ids
     * (940 on CI's broker), and fencing them all took ~100 s per failover, longer than a live writer's transaction
     * timeout (session 8's CI). A writer started without {@code --region}/{@code --kafka-region} is therefore fenced
     * only while it has a transaction open; start writers with the flag to be fenced by epoch.
     */
    public static boolean mustFence(String transactionalId, String cluster, Active active, boolean transactionOpen) {
        if (!isZombie(transactionalId, cluster, active)) return false;
        return transactionOpen || MARKER.matcher(transactionalId).find();
    }
}
