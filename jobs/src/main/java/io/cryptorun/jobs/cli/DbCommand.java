package io.cryptorun.jobs.cli;

import io.cryptorun.jobs.db.DbMigrations;
import io.cryptorun.jobs.db.PgSettings;
import java.io.PrintStream;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "db", mixinStandardHelpOptions = true,
        description = "Database schema: migrate (apply pending migrations, create partitions), rollback (undo the last "
                + "--count changesets, or --all), info (applied changesets), partitions (create monthly partitions for a range).")
public final class DbCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "migrate|rollback|info|partitions", description = "What to do.")
    String action;

    @Option(names = "--count", defaultValue = "1", description = "rollback: how many changesets (default: ${DEFAULT-VALUE}).")
    int count = 1;

    @Option(names = "--all", description = "rollback: every changeset (drops every CryptoRun table and its data).")
    boolean all;

    @Option(names = "--from", description = "partitions: first instant (ISO-8601, default: now).")
    Instant from;

    @Option(names = "--to", description = "partitions: end instant, exclusive (ISO-8601, default: from + 3 months).")
    Instant to;

    @Mixin
    PgOptions pg;

    @Override
    public Integer call() throws Exception {
        PgSettings s = pg.resolve(System.getenv()).orElse(null);
        if (s == null) {
            throw UserError.usage("no database given", "pass --pg-dsn or set PG_DSN");
        }
        PrintStream out = System.out;
        switch (action) {
            case "migrate" -> {
                DbMigrations.migrate(s, Instant.now());
                out.printf("migrated: %d changesets applied%n", DbMigrations.applied(s).size());
            }
            case "rollback" -> {
                int before = DbMigrations.applied(s).size();
                if (all) DbMigrations.rollbackAll(s);
                else DbMigrations.rollback(s, count);
                out.printf("rolled back %d changesets%n", before - DbMigrations.applied(s).size());
            }
            case "info" -> {
                List<DbMigrations.Applied> applied = DbMigrations.applied(s);
                out.printf("%s: %d changesets applied%n", s.jdbcUrl().replaceAll("\\?.*", ""), applied.size());
                for (DbMigrations.Applied a : applied) out.printf("  %-32s %-8s %s  %s%n", a.id(), a.execType(), a.at(), a.file());
            }
            case "partitions" -> {
                Instant f = from != null ? from : Instant.now();
                Instant t = to != null ? to : f.plusSeconds(92L * 86400);
                try (Connection c = s.connect()) {
                    out.printf("created %d partitions%n", DbMigrations.ensurePartitions(c, f, t));
                }
            }
            default -> {
                throw UserError.usage("unknown db action '" + action + "'", "one of migrate, rollback, info, partitions");
            }
        }
        return 0;
    }
}
