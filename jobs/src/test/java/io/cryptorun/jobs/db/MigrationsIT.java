package io.cryptorun.jobs.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The migrations on the real PostgreSQL 15 (no TimescaleDB here, so the plain-partitioning
 * branch): up creates every SPEC §10 table partitioned on ts with its natural key and
 * (symbol, ts DESC) index, down removes everything, up again recreates the same schema.
 */
class MigrationsIT {
    static final List<String> TIMESERIES = List.of("alerts", "bars", "exits", "microstructure", "premove_artifacts",
            "regime_snapshots", "suppressed_alerts", "trades");
    static final Instant NOW = Instant.parse("2025-01-06T12:00:00Z");

    @Test
    void upDownUpOnRealPostgres() throws Exception {
        try (TestPg pg = TestPg.freshSchema()) {
            DbMigrations.migrate(pg.settings, NOW);
            String first = describe(pg);
            assertThat(partitionedTables(pg)).containsExactlyElementsOf(TIMESERIES);
            assertThat(tables(pg)).contains("jobs_audit", "control_audit", "notify_ledger", "notify_dead_letters", "trades_default", "trades_p202501", "trades_p202504");
            for (String t : List.of("trades", "microstructure", "bars", "premove_artifacts", "alerts", "exits")) {
                assertThat(indexDefs(pg, t)).as(t).anyMatch(d -> d.contains("(symbol, ts DESC)"));
            }
            // the Timescale-only changeset is recorded but did nothing: the extension is not available here
            assertThat(pg.count("SELECT count(*) FROM pg_available_extensions WHERE name = 'timescaledb'")).isZero();
            assertThat(pg.count("SELECT count(*) FROM databasechangelog WHERE id = '005-timescale-policies' AND exectype = 'MARK_RAN'"))
                    .isEqualTo(1);
            int applied = DbMigrations.applied(pg.settings).size();

            DbMigrations.migrate(pg.settings, NOW); // idempotent
            assertThat(DbMigrations.applied(pg.settings)).hasSize(applied);

            DbMigrations.rollbackAll(pg.settings);
            assertThat(DbMigrations.applied(pg.settings)).isEmpty();
            assertThat(tables(pg)).containsOnly("databasechangelog", "databasechangeloglock");
            assertThat(pg.count("SELECT count(*) FROM pg_proc WHERE pronamespace = current_schema()::regnamespace")).isZero();

            DbMigrations.migrate(pg.settings, NOW);
            assertThat(describe(pg)).isEqualTo(first);
        }
    }

    @Test
    void rowsOfAMonthInTheDefaultPartitionMoveWhenItsPartitionIsCreated() throws Exception {
        try (TestPg pg = TestPg.freshSchema()) {
            DbMigrations.migrate(pg.settings, NOW);
            pg.execute("INSERT INTO bars (ts, venue, symbol, \"interval\") VALUES ('2024-03-05T10:00:00Z', 'kraken', 'BTC/USD', '1h')");
            assertThat(pg.count("SELECT count(*) FROM bars_default")).isEqualTo(1);
            try (Connection c = pg.settings.connect()) {
                assertThat(DbMigrations.ensurePartitions(c, Instant.parse("2024-03-01T00:00:00Z"), Instant.parse("2024-04-01T00:00:00Z")))
                        .isEqualTo(TIMESERIES.size());
            }
            assertThat(pg.count("SELECT count(*) FROM bars_default")).isZero();
            assertThat(pg.count("SELECT count(*) FROM bars_p202403")).isEqualTo(1);
            assertThat(pg.count("SELECT count(*) FROM bars")).isEqualTo(1);
            // the natural key holds across partitions
            assertThatThrownBy(() -> pg.execute(
                    "INSERT INTO bars (ts, venue, symbol, \"interval\") VALUES ('2024-03-05T10:00:00Z', 'kraken', 'BTC/USD', '1h')"))
                    .hasMessageContaining("duplicate key");
        }
    }

    static List<String> partitionedTables(TestPg pg) throws Exception {
        return strings(pg, "SELECT c.relname FROM pg_partitioned_table p JOIN pg_class c ON c.oid = p.partrelid "
                + "WHERE c.relnamespace = current_schema()::regnamespace ORDER BY 1");
    }

    static List<String> tables(TestPg pg) throws Exception {
        return strings(pg, "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1");
    }

    static List<String> indexDefs(TestPg pg, String table) throws Exception {
        return strings(pg, "SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = '" + table + "'");
    }

    /** Columns, constraints, indexes and functions of the schema, as text to compare. */
    static String describe(TestPg pg) throws Exception {
        List<String> all = new ArrayList<>();
        all.addAll(strings(pg, "SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable "
                + "FROM information_schema.columns WHERE table_schema = current_schema() AND table_name NOT LIKE 'databasechangelog%' "
                + "ORDER BY table_name, ordinal_position"));
        all.addAll(strings(pg, "SELECT conrelid::regclass || ' ' || pg_get_constraintdef(oid) FROM pg_constraint "
                + "WHERE connamespace = current_schema()::regnamespace ORDER BY 1"));
        all.addAll(strings(pg, "SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() ORDER BY 1"));
        all.addAll(strings(pg, "SELECT proname || '(' || pg_get_function_identity_arguments(oid) || ')' FROM pg_proc "
                + "WHERE pronamespace = current_schema()::regnamespace ORDER BY 1"));
        return String.join("\n", all);
    }

    static List<String> strings(TestPg pg, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = pg.settings.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }
}
