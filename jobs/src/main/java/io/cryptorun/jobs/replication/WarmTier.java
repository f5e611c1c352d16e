package io.cryptorun.jobs.replication;

import io.cryptorun.jobs.db.DbMigrations;
import io.cryptorun.jobs.db.PgSettings;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The warm tier (docs/DATA_MULTI_REGION.md): PostgreSQL's built-in logical replication of the scanner tables
 * from region a's database (publication) to region b's (subscription), active-passive. Both databases carry
 * the same schema (Liquibase migrations); partitioned tables are published through their roots, so monthly
 * partitions created later on either side need no change to the publication.
 *
 * <p>Region a's server needs {@code wal_level = logical} and a role with REPLICATION; on PostgreSQL 15 the
 * subscription can only be created by a superuser of region b (deploy/local/region.sh provisions both).
 */
public final class WarmTier {
    /** The scanner tables that replicate (region-local tables, e.g. jobs_audit, control_audit, replication_failovers, do not). */
    public static final List<String> TABLES = List.of("trades", "microstructure", "bars", "regime_snapshots",
            "premove_artifacts", "alerts", "suppressed_alerts", "exits");
    public static final String DEFAULT_NAME = "cryptorun_warm";

    private static final Pattern JDBC = Pattern.compile("jdbc:postgresql://([^:/?]+)(?::(\\d+))?/([^?]+).*");

    private final PgSettings a;
    private final PgSettings b;
    private final String name;

    public WarmTier(PgSettings a, PgSettings b, String name) {
        if (!name.matches("[a-z_][a-z0-9_]{0,62}")) throw new IllegalArgumentException("bad publication name: " + name);
        this.a = a;
        this.b = b;
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** Migrates both databases, creates the publication on a and the subscription on b (each only when absent). */
    public void setup() throws Exception {
        DbMigrations.migrate(a, Instant.now());
        DbMigrations.migrate(b, Instant.now());
        try (Connection c = a.connect(); Statement st = c.createStatement()) {
            if (!exists(c, "SELECT 1 FROM pg_publication WHERE pubname = ?", name)) {
                String schema = currentSchema(c);
                List<String> qualified = new ArrayList<>();
                for (String t : TABLES) qualified.add(quote(schema) + "." + quote(t));
                st.execute("CREATE PUBLICATION " + name + " FOR TABLE " + String.join(", ", qualified)
                        + " WITH (publish_via_partition_root = true)");
            }
        }
        try (Connection c = b.connect(); Statement st = c.createStatement()) {
            if (!exists(c, "SELECT 1 FROM pg_subscription WHERE subname = ?", name)) {
                st.execute("CREATE SUBSCRIPTION " + name + " CONNECTION " + literal(conninfo(a)) + " PUBLICATION " + name
                        + " WITH (copy_data = true)");
            }
        }
    }

    /** Stops applying changes on b (a keeps the slot, so its WAL is retained until b resumes). */
    public void pause() throws SQLException {
        exec(b, "ALTER SUBSCRIPTION " + name + " DISABLE");
    }

    public void resume() throws SQLException {
        exec(b, "ALTER SUBSCRIPTION " + name + " ENABLE");
    }

    /** Where the tier stands: subscription state on b, slot on a, data lag per table. */
    public record Status(boolean subscribed, boolean enabled, String primary, Long walBytesBehind,
            double lagSeconds, List<TableLag> tables) {
        public boolean healthy(double sloSeconds) {
            return lagSeconds <= sloSeconds && (!subscribed || enabled);
        }
    }

    public record TableLag(String table, Instant maxA, Instant maxB, double lagSeconds) {}

    public Status status() throws SQLException {
        boolean subscribed = false;
        boolean enabled = false;
        String primary;
        try (Connection c = b.connect();
                PreparedStatement ps = c.prepareStatement("SELECT subenabled FROM pg_subscription WHERE subname = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    subscribed = true;
                    enabled = rs.getBoolean(1);
                }
            }
            primary = lastFailover(c, "warm");
        }
        Long bytes = null;
        try (Connection c = a.connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn)::bigint FROM pg_replication_slots WHERE slot_name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) bytes = rs.getLong(1);
            }
        } catch (SQLException e) {
            if (primary == null) throw e; // a is gone and nobody failed over: that is the error to show
        }
        List<TableLag> lags = tableLags();
        double lag = 0;
        for (TableLag t : lags) lag = Math.max(lag, t.lagSeconds());
        return new Status(subscribed, enabled, primary == null ? "a" : primary, bytes, lag, lags);
    }

    /**
     * Data lag per table: newest event time on a minus newest on b (0 when b has caught up). This is the lag a
     * reader of b sees; with a writer that keeps writing it equals the transport lag, with a quiet one it
     * is 0 once every change is applied.
     */
    public List<TableLag> tableLags() throws SQLException {
        List<TableLag> out = new ArrayList<>();
        try (Connection ca = a.connect(); Connection cb = b.connect()) {
            for (String t : TABLES) {
                Instant ma = maxTs(ca, t);
                Instant mb = maxTs(cb, t);
                double lag = 0;
                if (ma != null) lag = mb == null ? Double.POSITIVE_INFINITY : Math.max(0, Duration.between(mb, ma).toMillis() / 1000.0);
                out.add(new TableLag(t, ma, mb, lag));
            }
        }
        return out;
    }

    /** Per-table row count and content hash on both sides. */
    public record TableCheck(String table, long countA, long countB, String hashA, String hashB) {
        public boolean equal() {
            return countA == countB && hashA.equals(hashB);
        }
    }

    public List<TableCheck> validate() throws SQLException {
        List<TableCheck> out = new ArrayList<>();
        try (Connection ca = a.connect(); Connection cb = b.connect()) {
            for (String t : TABLES) {
                String[] ha = contentHash(ca, t);
                String[] hb = contentHash(cb, t);
                out.add(new TableCheck(t, Long.parseLong(ha[0]), Long.parseLong(hb[0]), ha[1], hb[1]));
            }
        }
        return out;
    }

    /**
     * Promotes b for the warm tier: the subscription is disabled, detached from its slot and dropped (b takes
     * writes from now on), the slot on a is dropped when a answers (else a would retain WAL for ever), and the
     * promotion is recorded in replication_failovers and control_audit of b (and of a when it answers).
     * Returns the data lag b had at promotion (rows of a not yet on b are lost to b: the RPO).
     */
    public double failoverToB(String reason, Instant now) throws SQLException {
        double lag;
        try {
            lag = status().lagSeconds();
        } catch (SQLException aGone) {
            lag = Double.NaN; // a unreachable: the lag is unknown
        }
        try (Connection c = b.connect(); Statement st = c.createStatement()) {
            if (exists(c, "SELECT 1 FROM pg_subscription WHERE subname = ?", name)) {
                st.execute("ALTER SUBSCRIPTION " + name + " DISABLE");
                st.execute("ALTER SUBSCRIPTION " + name + " SET (slot_name = NONE)");
                st.execute("DROP SUBSCRIPTION " + name);
            }
        }
        String detail = "{\"reason\":" + json(reason) + ",\"subscription\":" + json(name)
                + ",\"lag_seconds\":" + (Double.isNaN(lag) ? "null" : BigDecimal.valueOf(lag).toPlainString()) + "}";
        record(b, now, detail, lag);
        try (Connection c = a.connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = ? AND NOT active")) {
            ps.setString(1, name);
            ps.execute();
            record(a, now, detail, lag);
        } catch (SQLException aGone) {
            // region a is down: its slot and record wait until it is back (docs/DATA_MULTI_REGION.md, failback)
        }
        return lag;
    }

    private void record(PgSettings pg, Instant now, String detail, double lag) throws SQLException {
        record(pg, "warm", now, detail, lag);
    }

    /** A promotion of b for {@code tier}, in replication_failovers and control_audit of {@code pg}'s database. */
    public static void record(PgSettings pg, String tier, Instant now, String detail, double lag) throws SQLException {
        record(pg, tier, "a", "b", now, detail, lag);
    }

    /** A promotion of {@code to} (from {@code from}) for {@code tier}, in replication_failovers and control_audit. */
    public static void record(PgSettings pg, String tier, String from, String to, Instant now, String detail, double lag)
            throws SQLException {
        try (Connection c = pg.connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO replication_failovers (ts, tier, from_region, to_region, "
                    + "lag_seconds, detail) VALUES (?, ?, '" + region(from) + "', '" + region(to) + "', ?, ?::jsonb) ON CONFLICT DO NOTHING");
                    PreparedStatement audit = c.prepareStatement("INSERT INTO control_audit (ts, command, target, until, payload) "
                            + "VALUES (?, 'replication-failover', ?, NULL, ?::jsonb) ON CONFLICT DO NOTHING")) {
                ps.setTimestamp(1, Timestamp.from(now));
                ps.setString(2, tier);
                ps.setBigDecimal(3, Double.isNaN(lag) || Double.isInfinite(lag) ? null : BigDecimal.valueOf(lag));
                ps.setString(4, detail);
                ps.executeUpdate();
                audit.setTimestamp(1, Timestamp.from(now));
                audit.setString(2, tier + ":" + region(to));
                audit.setString(3, detail);
                audit.executeUpdate();
            }
            c.commit();
        }
    }

    private static String region(String r) {
        if (!"a".equals(r) && !"b".equals(r)) throw new IllegalArgumentException("unknown region '" + r + "' (a or b)");
        return r;
    }

    /** The region the newest failover of a tier promoted, or null when none happened. */
    static String lastFailover(Connection c, String tier) throws SQLException {
        if (!exists(c, "SELECT 1 FROM information_schema.tables WHERE table_name = ? AND table_schema = current_schema()",
                "replication_failovers")) {
            return null;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT to_region FROM replication_failovers WHERE tier = ? ORDER BY ts DESC LIMIT 1")) {
            ps.setString(1, tier);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** Drops the subscription (with its slot on a) and the publication: for tests and `replication teardown`. */
    public void teardown() throws SQLException {
        try (Connection c = b.connect(); Statement st = c.createStatement()) {
            if (exists(c, "SELECT 1 FROM pg_subscription WHERE subname = ?", name)) st.execute("DROP SUBSCRIPTION " + name);
        }
        try (Connection c = a.connect(); Statement st = c.createStatement()) {
            st.execute("DROP PUBLICATION IF EXISTS " + name);
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = ? AND NOT active")) {
                ps.setString(1, name);
                ps.execute();
            }
        }
    }

    // ---- helpers ----

    private static String[] contentHash(Connection c, String table) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("SET TimeZone = 'UTC'");
            st.execute("SET extra_float_digits = 3");
            try (ResultSet rs = st.executeQuery("SELECT count(*), coalesce(md5(string_agg(r, E'\\n' ORDER BY r)), md5('')) FROM "
                    + "(SELECT t::text AS r FROM " + quote(table) + " t) x")) {
                rs.next();
                return new String[] {Long.toString(rs.getLong(1)), rs.getString(2)};
            }
        }
    }

    private static Instant maxTs(Connection c, String table) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT max(ts) FROM " + quote(table))) {
            rs.next();
            Timestamp t = rs.getTimestamp(1);
            return t == null ? null : t.toInstant();
        }
    }

    private static void exec(PgSettings pg, String sql) throws SQLException {
        try (Connection c = pg.connect(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    static boolean exists(Connection c, String sql, String arg) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static String currentSchema(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT current_schema()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** libpq connection string for b to reach a (the subscription's walsender connection). */
    static String conninfo(PgSettings pg) {
        Matcher m = JDBC.matcher(pg.jdbcUrl());
        if (!m.matches()) throw new IllegalArgumentException("cannot derive a libpq address from " + pg.jdbcUrl().replaceAll("\\?.*", ""));
        StringBuilder s = new StringBuilder("host=").append(m.group(1));
        if (m.group(2) != null) s.append(" port=").append(m.group(2));
        s.append(" dbname=").append(m.group(3));
        if (pg.user() != null) s.append(" user=").append(pg.user());
        if (pg.password() != null) s.append(" password=").append(pg.password().replace("\\", "\\\\").replace(" ", "\\ ").replace("'", "\\'"));
        return s.toString();
    }

    static String quote(String ident) {
        return "\"" + ident.replace("\"", "\"\"") + "\"";
    }

    static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    public static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            if (ch == '"' || ch == '\\') b.append('\\').append(ch);
            else if (ch < 0x20) b.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
            else b.append(ch);
        }
        return b.append('"').toString();
    }
}
