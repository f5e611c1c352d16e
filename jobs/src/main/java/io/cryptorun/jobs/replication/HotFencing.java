package io.cryptorun.jobs.replication;

import io.cryptorun.functions.replication.HotTierFence;
import io.cryptorun.functions.replication.HotTierFence.Active;
import io.cryptorun.jobs.db.PgSettings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TransactionListing;

/**
 * Split-brain fencing of the hot tier against the real databases and brokers ({@link HotTierFence} decides): the
 * active region and fencing epoch as the regions' {@code replication_failovers} record them, and the fencing of
 * zombie transactional producers on a region's broker.
 */
public final class HotFencing {
    /**
     * Ids per fenceProducers request. A broker that ran Flink KafkaSinks holds hundreds of this project's ids (one per
     * subtask and checkpoint; 940 on CI's broker by the time the fencing IT ran), and one request for all of them
     * outran the admin client's 15 s timeout ("Timed out waiting for a node assignment", session 8's CI); those
     * with no transaction open are no longer fenced at all ({@link HotTierFence#mustFence}).
     */
    private static final int BATCH = 100;
    /** Transaction states in which a producer may still commit. */
    private static final java.util.Set<org.apache.kafka.clients.admin.TransactionState> OPEN = java.util.EnumSet.of(
            org.apache.kafka.clients.admin.TransactionState.ONGOING, org.apache.kafka.clients.admin.TransactionState.PREPARE_COMMIT,
            org.apache.kafka.clients.admin.TransactionState.PREPARE_ABORT);

    private HotFencing() {}

    /** What one database says: its newest hot-tier record, null when it has none (or no table yet). */
    public static Active recorded(PgSettings pg) throws SQLException {
        try (Connection c = pg.connect()) {
            if (!WarmTier.exists(c, "SELECT 1 FROM information_schema.tables WHERE table_name = ? AND table_schema = current_schema()",
                    "replication_failovers")) {
                return null;
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT to_region, coalesce((detail->>'epoch')::bigint, 0), ts "
                    + "FROM replication_failovers WHERE tier = 'hot' ORDER BY coalesce((detail->>'epoch')::bigint, 0) DESC, ts DESC LIMIT 1");
                    ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Active(rs.getString(1), rs.getLong(2), rs.getTimestamp(3).toInstant()) : null;
            }
        }
    }

    /** The databases read and what they said; {@code unreachable} names those that did not answer. */
    public record Reading(Active active, List<Active> seen, List<String> unreachable) {}

    /**
     * The active region as the reachable databases say ({@link HotTierFence#newest}). Fails closed: when none
     * answers, an {@link IllegalStateException} (a writer must not start on a guess).
     */
    public static Reading read(List<PgSettings> databases) {
        List<Active> seen = new ArrayList<>();
        List<String> unreachable = new ArrayList<>();
        for (PgSettings pg : databases) {
            try {
                seen.add(recorded(pg));
            } catch (SQLException e) {
                unreachable.add(io.cryptorun.jobs.db.DbConfig.redact(pg.jdbcUrl()));
            }
        }
        if (seen.isEmpty()) {
            throw new IllegalStateException("cannot read the active region of the hot tier: no database answered (" + unreachable + ")");
        }
        return new Reading(HotTierFence.newest(seen), seen, unreachable);
    }

    /**
     * Fences the zombie producers ({@link HotTierFence#mustFence}) known to the broker of region {@code cluster}:
     * {@code Admin.fenceProducers} bumps each transactional id's producer epoch, so the zombie's next send or commit
     * fails with {@code ProducerFencedException} and its open transaction is aborted. Returns the ids fenced.
     */
    public static List<String> fenceZombies(String bootstrap, String cluster, Active active) throws Exception {
        try (Admin admin = HotTier.admin(bootstrap)) {
            TreeSet<String> zombies = new TreeSet<>();
            for (TransactionListing t : admin.listTransactions().all().get(15, TimeUnit.SECONDS)) {
                if (HotTierFence.mustFence(t.transactionalId(), cluster, active, OPEN.contains(t.state()))) {
                    zombies.add(t.transactionalId());
                }
            }
            // A zombie with a transaction open: the first InitProducerId bumps its epoch and starts the abort, and the
            // coordinator answers CONCURRENT_TRANSACTIONS until the abort completes — retriable, but the 3.4 client's
            // fenceProducers gives up on it, so the ids it failed on are asked again (the abort takes milliseconds).
            TreeSet<String> left = new TreeSet<>(zombies);
            for (int retries = 0; !left.isEmpty(); ) {
                // at most BATCH ids per request, so that a long list cannot outrun the admin client's timeouts
                List<String> batch = left.stream().limit(BATCH).toList();
                var result = admin.fenceProducers(batch);
                boolean busy = false;
                for (String id : batch) {
                    try {
                        result.producerId(id).get(30, TimeUnit.SECONDS);
                        left.remove(id);
                    } catch (java.util.concurrent.ExecutionException e) {
                        if (!(e.getCause() instanceof org.apache.kafka.common.errors.ConcurrentTransactionsException)) throw e;
                        busy = true;
                    }
                }
                if (busy) {
                    if (++retries > 40) throw new IllegalStateException("fencing " + left.size() + " producer(s): the "
                            + "transaction coordinator still reports concurrent transactions after 40 retries");
                    Thread.sleep(250);
                }
            }
            return new ArrayList<>(zombies);
        }
    }
}
