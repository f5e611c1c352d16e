package io.cryptorun.jobs.replication;

import io.cryptorun.functions.replication.HotTierFence;
import io.cryptorun.functions.replication.HotTierFence.Active;
import io.cryptorun.jobs.db.PgSettings;
import java.io.Serializable;
import java.util.List;

/**
 * A running hot-tier writer's fence (issue 17): the region and fencing epoch it started with, and the regions'
 * databases to re-read them from. {@link #check()} is called by the writer on every checkpoint, before its Kafka
 * transaction of that checkpoint commits: once a failover has moved the active region or the epoch, the checkpoint
 * fails and the writer's job stops for good, so a writer that survived its region's demotion commits nothing more.
 * A database that does not answer is no reason to stop a running writer (the start check fails closed; this one
 * keeps availability); the brokers' fence ({@link HotFencing#fenceZombies}) covers a writer cut off from both.
 */
public record WriterFence(String region, long epoch, List<PgSettings> databases) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The marker of this writer's transactional ids ({@link HotTierFence#marker}). */
    public String marker() {
        return HotTierFence.marker(region, epoch);
    }

    /** Throws {@link Fenced} when the databases now name another active region or a newer epoch. */
    public void check() {
        Active now;
        try {
            now = HotFencing.read(databases).active();
        } catch (IllegalStateException noDatabase) {
            return;
        }
        if (!now.region().equals(region) || now.epoch() != epoch) {
            throw new Fenced("writer of region " + region + " at fencing epoch " + epoch + " is fenced: the hot tier's active region is "
                    + now.region() + " at epoch " + now.epoch() + (now.since() == null ? "" : " since " + now.since()));
        }
    }

    /** This writer is no longer the active region's. */
    public static final class Fenced extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        public Fenced(String message) {
            super(message);
        }
    }
}
