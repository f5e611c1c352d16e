package io.cryptorun.jobs.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import liquibase.Scope;
import liquibase.changelog.ChangeLogHistoryServiceFactory;
import liquibase.changelog.FastCheckService;
import liquibase.lockservice.LockServiceFactory;
import liquibase.analytics.configuration.AnalyticsArgs;
import liquibase.command.CommandScope;
import liquibase.command.core.RollbackCountCommandStep;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.ui.LoggerUIService;

/**
 * The schema's migrations (Liquibase changelog {@code sql/migrations/changelog.yaml}, shipped in
 * the job jar under {@code cryptorun/db/}). Liquibase's changelog lock makes concurrent
 * {@link #migrate} calls safe; a migrated database is left untouched.
 */
public final class DbMigrations {
    public static final String CHANGELOG = "cryptorun/db/changelog.yaml";
    /** Liquibase logs through java.util.logging at INFO per statement; keep its warnings only (held: JUL keeps loggers weakly). */
    private static final java.util.logging.Logger LIQUIBASE_LOG = java.util.logging.Logger.getLogger("liquibase");

    static {
        LIQUIBASE_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    private DbMigrations() {}

    /** Applies every pending changeset, then creates the monthly partitions up to {@code monthsAhead}. */
    public static void migrate(PgSettings pg, Instant now) throws Exception {
        try (Connection c = pg.connect()) {
            run(c, UpdateCommandStep.COMMAND_NAME, Map.of());
        }
        // a connection of its own: Liquibase leaves its connection outside auto-commit
        try (Connection c = pg.connect()) {
            ensurePartitions(c, now.minusSeconds(31L * 86400), now.plusSeconds(31L * 86400 * (pg.partitionMonthsAhead() + 1L)));
        }
    }

    /** Rolls back the last {@code count} changesets (their {@code --rollback} statements). */
    public static void rollback(PgSettings pg, int count) throws Exception {
        try (Connection c = pg.connect()) {
            run(c, RollbackCountCommandStep.COMMAND_NAME, Map.of(RollbackCountCommandStep.COUNT_ARG.getName(), count));
        }
    }

    /** Rolls back every applied changeset. */
    public static void rollbackAll(PgSettings pg) throws Exception {
        int applied = applied(pg).size();
        if (applied > 0) rollback(pg, applied);
    }

    /** Creates the missing monthly partitions of every time-series table for [from, to); returns how many. */
    public static int ensurePartitions(Connection c, Instant from, Instant to) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT cryptorun_ensure_all_partitions(?, ?)")) {
            ps.setObject(1, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
            ps.setObject(2, OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** An applied changeset as Liquibase recorded it. */
    public record Applied(String id, String file, Instant at, String execType) {}

    /** The applied changesets in order (empty for a database never migrated). */
    public static List<Applied> applied(PgSettings pg) throws SQLException {
        List<Applied> out = new ArrayList<>();
        try (Connection c = pg.connect(); Statement st = c.createStatement()) {
            try (ResultSet t = st.executeQuery("SELECT to_regclass('databasechangelog') IS NOT NULL")) {
                t.next();
                if (!t.getBoolean(1)) return out;
            }
            try (ResultSet rs = st.executeQuery(
                    "SELECT id, filename, dateexecuted, exectype FROM databasechangelog ORDER BY orderexecuted")) {
                while (rs.next()) {
                    out.add(new Applied(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getString(4)));
                }
            }
        }
        return out;
    }

    private static void run(Connection c, String[] command, Map<String, Object> args) throws Exception {
        // Liquibase caches the applied changesets per database URL for the JVM's lifetime; a
        // rollback followed by an update in the same JVM must not trust that cache.
        ChangeLogHistoryServiceFactory.getInstance().resetAll();
        LockServiceFactory.getInstance().resetAll();
        Scope.getCurrentScope().getSingleton(FastCheckService.class).clearCache();
        Database db = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
        Map<String, Object> scope = Map.of(
                Scope.Attr.resourceAccessor.name(), new ClassLoaderResourceAccessor(DbMigrations.class.getClassLoader()),
                Scope.Attr.ui.name(), new LoggerUIService(),
                // no usage reports leave the machine, no banner in the job's log
                AnalyticsArgs.ENABLED.getKey(), false,
                "liquibase.showBanner", false);
        Scope.child(scope, () -> {
            CommandScope cmd = new CommandScope(command)
                    .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, db)
                    .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG.getName(), CHANGELOG);
            args.forEach(cmd::addArgumentValue);
            cmd.execute();
        });
    }
}
