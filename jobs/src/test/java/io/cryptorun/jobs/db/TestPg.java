package io.cryptorun.jobs.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A private schema in the real PostgreSQL of {@code ./cryptorun test} (CRYPTORUN_PG_URL), so that
 * tests running concurrently against the same database never see each other's tables.
 */
public final class TestPg implements AutoCloseable {
    public final String schema;
    public final PgSettings settings;
    private final PgSettings admin;

    private TestPg(String schema, PgSettings admin, PgSettings settings) {
        this.schema = schema;
        this.admin = admin;
        this.settings = settings;
    }

    public static PgSettings shared() {
        String url = System.getenv("CRYPTORUN_PG_URL");
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("CRYPTORUN_PG_URL is not set: run the tests with ./cryptorun test, "
                    + "which starts a real PostgreSQL on loopback");
        }
        return PgSettings.of(url, System.getenv("CRYPTORUN_PG_USER"), System.getenv("CRYPTORUN_PG_PASSWORD"));
    }

    public static TestPg freshSchema() throws SQLException {
        PgSettings admin = shared();
        String schema = "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = admin.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
        }
        String url = admin.jdbcUrl() + (admin.jdbcUrl().contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new TestPg(schema, admin, PgSettings.of(url, admin.user(), admin.password()));
    }

    public long count(String sql) throws SQLException {
        return count(settings, sql);
    }

    /** The first column of the first row of a query, as a long. */
    public static long count(PgSettings pg, String sql) throws SQLException {
        try (Connection c = pg.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    public void execute(String sql) throws SQLException {
        try (Connection c = settings.connect(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    /** Prepared XA transactions of this database still waiting for commit or rollback. */
    public long preparedTransactions() throws SQLException {
        return preparedTransactions(settings);
    }

    public static long preparedTransactions(PgSettings pg) throws SQLException {
        return count(pg, "SELECT count(*) FROM pg_prepared_xacts WHERE database = current_database()");
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = admin.connect(); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }
}
