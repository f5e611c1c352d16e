package io.cryptorun.jobs.cli;

import io.cryptorun.functions.replication.HotTierFence;
import io.cryptorun.jobs.db.PgSettings;
import io.cryptorun.jobs.replication.HotFencing;
import java.util.ArrayList;
import java.util.List;

/**
 * The start check of a hot-tier writer with {@code --region} (issue 17, split-brain fencing): the regions' databases
 * say which region is active; a writer of another region is refused with one line and exit {@link #FENCED}.
 */
public final class RegionFenceCheck {
    /** Exit code of a writer refused because its region is not the hot tier's active one. */
    public static final int FENCED = 3;

    private RegionFenceCheck() {}

    /**
     * The transactional-id marker of a writer of {@code region} ({@link HotTierFence#marker}) when the region is the
     * active one; otherwise a {@link UserError} with exit {@link #FENCED}. {@code what} names the writer in the error.
     */
    public static String writerMarker(String region, String aPg, String bPg, String what) {
        return writerFence(region, aPg, bPg, what).marker();
    }

    /** Like {@link #writerMarker}, the fence a running writer re-checks on every checkpoint. */
    public static io.cryptorun.jobs.replication.WriterFence writerFence(String region, String aPg, String bPg, String what) {
        if (!"a".equals(region) && !"b".equals(region)) throw UserError.usage("unknown --region '" + region + "'", "use --region a or --region b");
        List<PgSettings> dbs = new ArrayList<>();
        String pw = System.getenv("PG_PASSWORD");
        String password = pw != null ? pw : System.getenv().getOrDefault("CRYPTORUN_PG_PASSWORD", "cryptorun");
        String user = System.getenv().getOrDefault("PG_USER", "cryptorun");
        for (String url : new String[] {aPg, bPg}) {
            if (url != null && !url.isBlank()) dbs.add(PgSettings.of(url, user, password));
        }
        if (dbs.isEmpty()) {
            throw UserError.usage("--region needs the regions' databases to read the active region from",
                    "pass --a-pg/--b-pg or set CRYPTORUN_REGION_A_PG_URL/CRYPTORUN_REGION_B_PG_URL");
        }
        HotFencing.Reading r;
        try {
            r = HotFencing.read(dbs);
        } catch (IllegalStateException none) {
            throw new UserError(FENCED, none.getMessage(), "a writer does not start without knowing the active region: start a region's PostgreSQL", null);
        }
        HotTierFence.Active active = r.active();
        HotTierFence.refusal(region, active).ifPresent(why -> {
            throw new UserError(FENCED, what + " refused: " + why, "write to region " + active.region() + "'s Kafka with --region "
                    + active.region() + ", or fail back first: cryptorun replication failover --tier hot --to " + region, null);
        });
        return new io.cryptorun.jobs.replication.WriterFence(region, active.epoch(), List.copyOf(dbs));
    }
}
