package io.cryptorun.jobs.db;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * PostgreSQL settings from, in rising precedence: defaults, the {@code postgres:} section of the
 * YAML config file, the environment, the command line. The password comes only from
 * {@code PG_PASSWORD} or a file ({@code PG_PASSWORD_FILE}, {@code postgres.password_file},
 * {@code --pg-password-file}, e.g. a mounted Kubernetes secret); a DSN carrying a password is
 * refused so that it cannot end up in shell history, job arguments or logs.
 *
 * <p>Environment: {@code PG_DSN}, {@code PG_USER}, {@code PG_PASSWORD}, {@code PG_PASSWORD_FILE},
 * {@code PG_CONNECT_TIMEOUT_S}, {@code PG_SOCKET_TIMEOUT_S}, {@code PG_BATCH_SIZE},
 * {@code PG_BATCH_INTERVAL_MS}, {@code PG_MAX_COMMIT_ATTEMPTS}, {@code PG_XA_TIMEOUT_S},
 * {@code PG_MIGRATE}, {@code PG_PARTITION_MONTHS_AHEAD}.
 */
public final class DbConfig {
    private DbConfig() {}

    /** Command-line values; null = not given. */
    public record Cli(String dsn, String user, Path passwordFile) {}

    /** Empty when no DSN is configured anywhere (PostgreSQL output off). */
    public static Optional<PgSettings> resolve(Cli cli, Path configFile, Map<String, String> env) throws IOException {
        JsonNode y = configFile != null && Files.exists(configFile)
                ? new ObjectMapper(new YAMLFactory()).readTree(configFile.toFile()).path("postgres")
                : new ObjectMapper().createObjectNode();
        String dsn = first(cli.dsn(), env.get("PG_DSN"), text(y, "dsn"));
        if (dsn == null) return Optional.empty();
        Dsn parsed = parseDsn(dsn);
        String user = first(cli.user(), env.get("PG_USER"), parsed.user(), text(y, "user"));
        String pwFile = first(cli.passwordFile() == null ? null : cli.passwordFile().toString(), env.get("PG_PASSWORD_FILE"),
                text(y, "password_file"));
        String password = pwFile != null ? readSecret(Path.of(pwFile)) : env.get("PG_PASSWORD");
        if (text(y, "password") != null) {
            throw new IllegalArgumentException("postgres.password in " + configFile
                    + " is not allowed: use PG_PASSWORD or a password file (postgres.password_file)");
        }
        PgSettings d = PgSettings.of(parsed.jdbcUrl(), user, password);
        return Optional.of(new PgSettings(parsed.jdbcUrl(), user, password,
                num(env, "PG_CONNECT_TIMEOUT_S", y, "connect_timeout_s", d.connectTimeoutS()),
                num(env, "PG_SOCKET_TIMEOUT_S", y, "socket_timeout_s", d.socketTimeoutS()),
                num(env, "PG_BATCH_SIZE", y, "batch_size", d.batchSize()),
                num(env, "PG_BATCH_INTERVAL_MS", y, "batch_interval_ms", (int) d.batchIntervalMs()),
                num(env, "PG_MAX_COMMIT_ATTEMPTS", y, "max_commit_attempts", d.maxCommitAttempts()),
                num(env, "PG_XA_TIMEOUT_S", y, "xa_timeout_s", d.xaTimeoutS()),
                Boolean.parseBoolean(first(env.get("PG_MIGRATE"), text(y, "migrate"), Boolean.toString(d.migrate()))),
                num(env, "PG_PARTITION_MONTHS_AHEAD", y, "partition_months_ahead", d.partitionMonthsAhead())));
    }

    /** A DSN as JDBC URL plus the user it names, if any. */
    record Dsn(String jdbcUrl, String user) {}

    /**
     * Accepts {@code jdbc:postgresql://host[:port]/db[?params]} and the libpq URI form
     * {@code postgresql://[user@]host[:port]/db[?params]} (also {@code postgres://}).
     */
    static Dsn parseDsn(String dsn) {
        String s = dsn.trim();
        if (s.startsWith("jdbc:postgresql:")) {
            URI u = URI.create(s.substring("jdbc:".length()));
            if (u.getRawQuery() != null && u.getRawQuery().matches("(?i)(.*&)?password=.*")) {
                throw new IllegalArgumentException("the DSN carries a password: use PG_PASSWORD or a password file");
            }
            return new Dsn(s, null);
        }
        if (s.startsWith("postgresql://") || s.startsWith("postgres://")) {
            URI u = URI.create(s);
            String user = null;
            if (u.getRawUserInfo() != null) {
                if (u.getRawUserInfo().contains(":")) {
                    throw new IllegalArgumentException("the DSN carries a password: use PG_PASSWORD or a password file");
                }
                user = u.getUserInfo();
            }
            String url = "jdbc:postgresql://" + u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : "") + u.getRawPath()
                    + (u.getRawQuery() != null ? "?" + u.getRawQuery() : "");
            return new Dsn(url, user);
        }
        throw new IllegalArgumentException("unsupported DSN (use postgresql://user@host:port/db or jdbc:postgresql://host:port/db): "
                + redact(s));
    }

    /** The DSN without anything after '?' and without user info, for messages. */
    public static String redact(String dsn) {
        if (dsn == null) return "null";
        String s = dsn.replaceAll("//[^@/]*@", "//");
        int q = s.indexOf('?');
        return q < 0 ? s : s.substring(0, q) + "?…";
    }

    static String readSecret(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8).strip();
    }

    private static String text(JsonNode y, String field) {
        JsonNode n = y.get(field);
        return n == null || n.isNull() || n.asText().isEmpty() ? null : n.asText();
    }

    private static int num(Map<String, String> env, String var, JsonNode y, String field, int dflt) {
        String v = first(env.get(var), text(y, field));
        return v == null ? dflt : Integer.parseInt(v.trim());
    }

    @SafeVarargs
    private static <T> T first(T... values) {
        for (T v : values) {
            if (v != null && !(v instanceof String str && str.isBlank())) return v;
        }
        return null;
    }
}
