package io.cryptorun.jobs.cli;

import io.cryptorun.jobs.cluster.SqlQueryResults;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cryptorun verify-sql-results --dir DIR [--pg-dsn URL --pg-user USER]}: the example queries'
 * printed results in DIR against the replay's jsonl (DIR/out) and PostgreSQL ({@link SqlQueryResults}).
 * One {@code [TAG] PASS|FAIL <claim>} line each on stderr; the last stdout line is
 * {@code CHECKS <passed> <failed>}; exit 0 when none failed. The password comes from
 * {@code CRYPTORUN_PG_PASSWORD} or {@code PG_PASSWORD}.
 */
@Command(name = "verify-sql-results", hidden = true, mixinStandardHelpOptions = true,
        description = "Check the SQL client's printed query results against the replay's jsonl and PostgreSQL.")
public final class VerifySqlResultsCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--dir", required = true, paramLabel = "DIR", description = "Holds <query>.out and out/*.jsonl.")
    Path dir;

    @Option(names = "--pg-dsn", paramLabel = "URL", description = "jdbc:postgresql://... the replay wrote into (pg_* checks skipped without it).")
    String pgDsn;

    @Option(names = "--pg-user", paramLabel = "USER")
    String pgUser;

    @Option(names = "--tag", defaultValue = "sql-test", description = "Prefix of the claim lines (default: ${DEFAULT-VALUE}).")
    String tag;

    @Override
    public Integer call() throws IOException {
        if (!Files.isDirectory(dir.resolve("out"))) throw UserError.usage("no " + dir.resolve("out"), "give the sql-test dir holding out/*.jsonl");
        SqlQueryResults r = new SqlQueryResults(dir);
        r.checkKafkaTables();
        if (pgDsn != null) {
            Properties p = new Properties();
            if (pgUser != null) p.setProperty("user", pgUser);
            String pw = System.getenv("CRYPTORUN_PG_PASSWORD");
            if (pw == null) pw = System.getenv("PG_PASSWORD");
            if (pw != null) p.setProperty("password", pw);
            try (Connection c = new org.postgresql.Driver().connect(pgDsn, p)) {
                if (c == null) throw UserError.usage("not a PostgreSQL JDBC URL: " + pgDsn, "jdbc:postgresql://host:port/db");
                r.checkPgTables(c);
            } catch (SQLException e) {
                throw UserError.runtime("PostgreSQL: " + e.getMessage(), "is it up? ./cryptorun services status", e);
            }
        }
        PrintWriter err = spec.commandLine().getErr();
        long ok = r.claims().stream().filter(SqlQueryResults.Claim::ok).count();
        r.claims().forEach(c -> err.println("[" + tag + "] " + (c.ok() ? "PASS " : "FAIL ") + c.text()));
        err.flush();
        PrintWriter out = spec.commandLine().getOut();
        out.println("CHECKS " + ok + " " + (r.claims().size() - ok));
        out.flush();
        return ok == r.claims().size() ? 0 : 1;
    }
}
