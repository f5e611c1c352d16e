package io.cryptorun.jobs.cli;

import io.cryptorun.jobs.db.DbConfig;
import io.cryptorun.jobs.db.PgSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** PostgreSQL options shared by {@code run}, {@code replay} and {@code db}; resolved by {@link DbConfig}. */
public final class PgOptions {
    @Option(names = "--pg-dsn", paramLabel = "<dsn>", defaultValue = "${env:PG_DSN}",
            description = "PostgreSQL: postgresql://user@host:port/db or jdbc:postgresql://host:port/db (env PG_DSN). "
                    + "For run/replay: also write trades, microstructure, bars and jobs_audit there (exactly-once, XA), "
                    + "after applying the migrations. Password from env PG_PASSWORD or --pg-password-file, never in the DSN.")
    public String dsn;

    @Option(names = "--pg-user", paramLabel = "<role>", description = "PostgreSQL role (env PG_USER; default: from the DSN or the config).")
    public String user;

    @Option(names = "--pg-password-file", paramLabel = "<file>",
            description = "File holding the PostgreSQL password, e.g. a mounted secret (env PG_PASSWORD_FILE).")
    public Path passwordFile;

    @Option(names = "--config", paramLabel = "<yaml>", defaultValue = "${env:CRYPTORUN_CONFIG}",
            description = "YAML config file (its postgres: section; env overrides it, options override env). "
                    + "Default: env CRYPTORUN_CONFIG, else config/cryptorun.yaml if present.")
    public Path config;

    /** The settings in force; empty when no DSN is configured anywhere. */
    public Optional<PgSettings> resolve(Map<String, String> env) throws IOException {
        Path file = config != null ? config : Path.of("config", "cryptorun.yaml");
        return DbConfig.resolve(new DbConfig.Cli(dsn, user, passwordFile), file, env);
    }
}
