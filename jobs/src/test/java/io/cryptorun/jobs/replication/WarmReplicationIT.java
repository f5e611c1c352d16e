package io.cryptorun.jobs.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptorun.jobs.db.PgSettings;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Warm tier on two real PostgreSQL 15 servers: logical replication a -> b; b left 6 hours behind (subscription
 * paused while a takes 6 more hours of rows) catches up under the 60 s SLO once resumed; validate compares
 * counts and content hashes computed independently on each server; failover promotes b and records it.
 */
class WarmReplicationIT {
    static final Instant EPOCH = Instant.parse("2026-01-05T00:00:00Z");
    static final double WARM_SLO_S = 60;

    @Test
    void bBehindCatchesUpUnderSloThenFailsOver() throws Exception {
        try (RegionPg r = new RegionPg()) {
            WarmTier warm = new WarmTier(r.a, r.b, "w_" + r.schema);
            try {
                warm.setup();
                long base = WarmSeeder.seed(r.a, EPOCH, 0, 2);
                assertThat(base).isEqualTo(2 * 60 * 3 * 3);
                awaitEqual(warm, 60);

                warm.pause();
                long behind = WarmSeeder.seed(r.a, EPOCH, 2, 8);
                assertThat(behind).isEqualTo(6 * 60 * 3 * 3);
                WarmTier.Status st = warm.status();
                assertThat(st.subscribed()).isTrue();
                assertThat(st.enabled()).isFalse();
                assertThat(st.lagSeconds()).isEqualTo(6 * 3600.0); // newest row on a is exactly 6 h after b's
                assertThat(st.healthy(WARM_SLO_S)).isFalse();
                List<WarmTier.TableCheck> diff = warm.validate();
                assertThat(diff).filteredOn(c -> c.table().equals("bars")).singleElement()
                        .satisfies(c -> {
                            assertThat(c.countA()).isEqualTo(8 * 60 * 3);
                            assertThat(c.countB()).isEqualTo(2 * 60 * 3);
                            assertThat(c.equal()).isFalse();
                        });

                long t0 = System.nanoTime();
                warm.resume();
                double caughtUp = awaitEqual(warm, WARM_SLO_S);
                System.out.printf("warm catch-up of 6 h (%d rows): %.1f s%n", behind, caughtUp);
                assertThat(caughtUp).isLessThanOrEqualTo(WARM_SLO_S);
                assertThat(warm.status().lagSeconds()).isZero();

                // one changed value on b is seen by the content hash even with equal counts
                try (Connection c = r.b.connect(); Statement s = c.createStatement()) {
                    s.execute("ALTER SUBSCRIPTION " + warm.name() + " DISABLE");
                    s.execute("UPDATE trades SET qty = qty + 0.0001 WHERE trade_id = 'drill-5-0' AND symbol = 'ETH-USD'");
                }
                assertThat(warm.validate()).filteredOn(c -> c.table().equals("trades")).singleElement()
                        .satisfies(c -> {
                            assertThat(c.countA()).isEqualTo(c.countB());
                            assertThat(c.hashA()).isNotEqualTo(c.hashB());
                        });
                try (Connection c = r.b.connect(); Statement s = c.createStatement()) {
                    s.execute("UPDATE trades SET qty = qty - 0.0001 WHERE trade_id = 'drill-5-0' AND symbol = 'ETH-USD'");
                    s.execute("ALTER SUBSCRIPTION " + warm.name() + " ENABLE");
                }
                assertThat(warm.validate()).allMatch(WarmTier.TableCheck::equal);

                warm.failoverToB("drill", Instant.parse("2026-01-05T09:00:00Z"));
                WarmTier.Status after = warm.status();
                assertThat(after.primary()).isEqualTo("b");
                assertThat(after.subscribed()).isFalse();
                assertThat(count(r.adminA, "SELECT count(*) FROM pg_replication_slots WHERE slot_name = '" + warm.name() + "'")).isZero();
                assertThat(count(r.b, "SELECT count(*) FROM replication_failovers WHERE tier = 'warm' AND to_region = 'b'")).isEqualTo(1);
                assertThat(count(r.a, "SELECT count(*) FROM replication_failovers WHERE tier = 'warm' AND to_region = 'b'")).isEqualTo(1);
                assertThat(count(r.b, "SELECT count(*) FROM control_audit WHERE command = 'replication-failover' AND target = 'warm:b'")).isEqualTo(1);
                // b now takes writes of its own, and a's new rows no longer reach it
                WarmSeeder.seed(r.b, EPOCH, 8, 9);
                WarmSeeder.seed(r.a, EPOCH, 10, 11);
                Thread.sleep(1500);
                assertThat(count(r.b, "SELECT count(*) FROM bars")).isEqualTo(9 * 60 * 3);
            } finally {
                warm.teardown();
            }
        }
    }

    /** Polls until every table is equal on both sides; returns the seconds it took (fails after the limit + 30 s). */
    static double awaitEqual(WarmTier warm, double limitS) throws Exception {
        long t0 = System.nanoTime();
        while (true) {
            if (warm.validate().stream().allMatch(WarmTier.TableCheck::equal)) return (System.nanoTime() - t0) / 1e9;
            double el = (System.nanoTime() - t0) / 1e9;
            if (el > limitS + 30) throw new AssertionError("b did not catch up within " + el + " s: " + warm.validate());
            Thread.sleep(200);
        }
    }

    static long count(PgSettings pg, String sql) throws Exception {
        try (Connection c = pg.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
