package io.cryptorun.jobs.replication;

import io.cryptorun.jobs.db.PgSettings;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The two regions' real PostgreSQL servers that {@code ./cryptorun test} starts with deploy/local/region.sh
 * (CRYPTORUN_REGION_A_PG_URL / CRYPTORUN_REGION_B_PG_URL); each test works in a private schema of the same name
 * on both. CRYPTORUN_REGION_B=0 makes ./cryptorun test skip region b, and these tests with it.
 */
final class RegionPg implements AutoCloseable {
    final String schema = "rg_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    final PgSettings adminA;
    final PgSettings adminB;
    final PgSettings a;
    final PgSettings b;

    RegionPg() throws SQLException {
        String ua = System.getenv("CRYPTORUN_REGION_A_PG_URL");
        String ub = System.getenv("CRYPTORUN_REGION_B_PG_URL");
        Assumptions.assumeTrue(ua != null && ub != null && !"0".equals(System.getenv("CRYPTORUN_REGION_B")),
                "region b not provisioned (./cryptorun test starts it unless CRYPTORUN_REGION_B=0)");
        String user = System.getenv().getOrDefault("CRYPTORUN_PG_USER", "cryptorun");
        String pw = System.getenv().getOrDefault("CRYPTORUN_PG_PASSWORD", "cryptorun");
        adminA = PgSettings.of(ua, user, pw);
        adminB = PgSettings.of(ub, user, pw);
        for (PgSettings p : new PgSettings[] {adminA, adminB}) {
            try (Connection c = p.connect(); Statement st = c.createStatement()) {
                st.execute("CREATE SCHEMA " + schema);
            }
        }
        a = PgSettings.of(ua + (ua.contains("?") ? "&" : "?") + "currentSchema=" + schema, user, pw);
        b = PgSettings.of(ub + (ub.contains("?") ? "&" : "?") + "currentSchema=" + schema, user, pw);
    }

    @Override
    public void close() throws SQLException {
        for (PgSettings p : new PgSettings[] {adminB, adminA}) {
            try (Connection c = p.connect(); Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }
}
