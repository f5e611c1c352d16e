package io.cryptorun.jobs.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.XAConnection;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.junit.jupiter.api.Test;
import org.postgresql.xa.PGXADataSource;

/**
 * The PostgreSQL that {@code ./cryptorun test} provisions must take XA two-phase commits, which
 * the exactly-once JDBC sinks rely on: a transaction prepared through {@link XAResource} is
 * invisible until committed, then visible exactly once, and leaves no prepared transaction behind.
 */
class PostgresXaIT {

    static PGXADataSource dataSource() {
        String url = System.getenv("CRYPTORUN_PG_URL");
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("CRYPTORUN_PG_URL is not set: run the tests with ./cryptorun test, "
                    + "which starts a real PostgreSQL on loopback");
        }
        PGXADataSource ds = new PGXADataSource();
        ds.setUrl(url);
        ds.setUser(System.getenv("CRYPTORUN_PG_USER"));
        ds.setPassword(System.getenv("CRYPTORUN_PG_PASSWORD"));
        return ds;
    }

    @Test
    void twoPhaseCommitWorks() throws Exception {
        PGXADataSource ds = dataSource();
        String table = "xa_probe_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SHOW max_prepared_transactions")) {
                rs.next();
                assertThat(Integer.parseInt(rs.getString(1))).isPositive();
            }
            st.execute("CREATE TABLE " + table + " (id int PRIMARY KEY)");
        }
        Xid xid = new SimpleXid(UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII));
        XAConnection xa = ds.getXAConnection();
        try {
            XAResource res = xa.getXAResource();
            res.start(xid, XAResource.TMNOFLAGS);
            try (Statement st = xa.getConnection().createStatement()) {
                st.execute("INSERT INTO " + table + " VALUES (1)");
            }
            res.end(xid, XAResource.TMSUCCESS);
            assertThat(res.prepare(xid)).isEqualTo(XAResource.XA_OK);
            assertThat(count(ds, "SELECT count(*) FROM " + table)).as("prepared, not committed").isZero();
            assertThat(count(ds, "SELECT count(*) FROM pg_prepared_xacts")).isPositive();
            res.commit(xid, false);
        } finally {
            xa.close();
        }
        assertThat(count(ds, "SELECT count(*) FROM " + table)).isEqualTo(1);
        assertThat(count(ds, "SELECT count(*) FROM pg_prepared_xacts WHERE database = current_database()")).isZero();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("DROP TABLE " + table);
        }
    }

    private static long count(PGXADataSource ds, String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private record SimpleXid(byte[] gtrid) implements Xid {
        @Override
        public int getFormatId() {
            return 0x43525255; // "CRRU"
        }

        @Override
        public byte[] getGlobalTransactionId() {
            return gtrid;
        }

        @Override
        public byte[] getBranchQualifier() {
            return new byte[] {1};
        }
    }
}
