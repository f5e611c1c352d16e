package io.cryptorun.jobs.cli;

import io.cryptorun.jobs.db.DbConfig;
import io.cryptorun.jobs.db.DbMigrations;
import io.cryptorun.jobs.db.PgSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;

/**
 * Checks, before a job is built, every external thing it will use — the output directory, the web
 * UI port, Kafka and its topics, PostgreSQL and its schema — so that a missing one fails in seconds
 * with one line saying what to do, instead of the job restarting against it for minutes. Faults
 * after a successful start are the job's restart strategy's business.
 */
public final class Preflight {
    /** Kafka gets this long to answer; the whole check stays well under 10 s. */
    static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(5);

    private Preflight() {}

    /** {@code --out} can be created and written (a file is created and deleted in it). */
    public static void outputDir(Path out) {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw UserError.usage("--out " + out + " is a file, not a directory", "pass a directory, e.g. --out ./data");
        }
        try {
            Files.createDirectories(out);
            Files.delete(Files.createTempFile(out, ".cryptorun-write-test", ""));
        } catch (AccessDeniedException e) {
            throw UserError.runtime("cannot write to --out " + out + " (permission denied)",
                    "choose a directory you can write, e.g. --out ./data", e);
        } catch (FileSystemException e) {
            throw UserError.runtime("cannot write to --out " + out + ": " + (e.getReason() != null ? e.getReason() : e.getClass().getSimpleName()),
                    "choose a directory you can write, e.g. --out ./data", e);
        } catch (IOException e) {
            throw UserError.runtime("cannot write to --out " + out + ": " + e.getMessage(),
                    "choose a directory you can write, e.g. --out ./data", e);
        }
    }

    /** The web UI's port on 127.0.0.1 is free. */
    public static void webPort(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw UserError.runtime("port " + port + " for the Flink web UI is already in use",
                    "another `cryptorun run` or `./cryptorun cluster up` holds it; pass --web-port N or set CRYPTORUN_WEB_PORT", e);
        }
    }

    /**
     * Kafka answers at {@code bootstrap}, and each topic exists or will be created on first write.
     * A topic whose retention would delete records as old as {@code earliestRecord} (records carry
     * their event time) gets a warning on {@code warn}.
     */
    public static void kafka(String bootstrap, Collection<String> topics, Instant earliestRecord, PrintStream warn) {
        Properties p = new Properties();
        p.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.setProperty(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(KAFKA_TIMEOUT.toMillis()));
        p.setProperty(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(KAFKA_TIMEOUT.toMillis()));
        p.setProperty(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, "2000");
        p.setProperty(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, "2000");
        p.setProperty(AdminClientConfig.CLIENT_ID_CONFIG, "cryptorun-preflight");
        String hint = "start it (`./cryptorun services up kafka`) or fix --kafka / KAFKA_BOOTSTRAP";
        long deadline = System.nanoTime() + KAFKA_TIMEOUT.toNanos();
        Admin admin;
        try {
            admin = Admin.create(p);
        } catch (RuntimeException e) { // unresolvable host, malformed address
            throw UserError.usage("bad Kafka bootstrap address '" + bootstrap + "': " + e.getMessage(), hint);
        }
        try {
            Collection<Node> nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) KAFKA_TIMEOUT.toMillis()))
                    .nodes().get(left(deadline), TimeUnit.NANOSECONDS);
            Set<String> existing = new TreeSet<>(admin.listTopics(new ListTopicsOptions().timeoutMs(remainingMs(deadline)))
                    .names().get(left(deadline), TimeUnit.NANOSECONDS));
            List<String> missing = topics.stream().filter(t -> !existing.contains(t)).distinct().toList();
            if (!missing.isEmpty() && !nodes.isEmpty()) {
                ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, nodes.iterator().next().idString());
                Config c = admin.describeConfigs(List.of(broker)).all().get(left(deadline), TimeUnit.NANOSECONDS).get(broker);
                ConfigEntry auto = c.get("auto.create.topics.enable");
                if (auto != null && "false".equals(auto.value())) {
                    throw UserError.runtime("Kafka topic(s) " + String.join(", ", missing) + " do not exist at " + bootstrap
                            + " and the broker does not create topics",
                            "create them, e.g. kafka-topics.sh --bootstrap-server " + bootstrap + " --create --topic "
                                    + missing.get(0) + " --config retention.ms=-1", null);
                }
            }
            List<String> present = topics.stream().filter(existing::contains).distinct().toList();
            if (earliestRecord != null && !present.isEmpty()) {
                List<ConfigResource> rs = present.stream().map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
                Map<ConfigResource, Config> cs = admin.describeConfigs(rs).all().get(left(deadline), TimeUnit.NANOSECONDS);
                for (ConfigResource r : rs) {
                    String warning = retentionWarning(r.name(), cs.get(r), earliestRecord, Instant.now());
                    if (warning != null) warn.println("cryptorun: warning: " + warning);
                }
            }
        } catch (TimeoutException | ExecutionException e) {
            throw UserError.runtime("cannot reach Kafka at " + bootstrap + " within " + KAFKA_TIMEOUT.toSeconds() + " s", hint, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw UserError.runtime("interrupted while checking Kafka at " + bootstrap, hint, e);
        } finally {
            admin.close(Duration.ofSeconds(1));
        }
    }

    /** A warning when the topic's time-based retention would delete records as old as {@code earliest}. */
    static String retentionWarning(String topic, Config c, Instant earliest, Instant now) {
        ConfigEntry type = c.get("message.timestamp.type");
        ConfigEntry retention = c.get("retention.ms");
        if (type != null && "LogAppendTime".equals(type.value()) || retention == null) return null;
        long ms = Long.parseLong(retention.value());
        if (ms < 0 || !earliest.isBefore(now.minusMillis(ms))) return null;
        return "topic " + topic + " keeps records " + Duration.ofMillis(ms).toHours() + " h (retention.ms=" + ms
                + ") and replayed records carry their event time (from " + earliest + "): Kafka will delete them at its next "
                + "log cleanup (kafka-configs.sh --alter --entity-type topics --entity-name " + topic
                + " --add-config retention.ms=-1 keeps them)";
    }

    /**
     * PostgreSQL answers and logs us in; without automatic migrations ({@code PG_MIGRATE=false}) the
     * schema must already be there. Its {@link SQLException} reads as one line via {@link #postgresError}.
     */
    public static void postgres(PgSettings pg) throws SQLException {
        try (Connection c = pg.connect()) {
            c.isValid(pg.connectTimeoutS());
        }
        if (!pg.migrate() && DbMigrations.applied(pg).isEmpty()) {
            throw UserError.runtime("the database at " + DbConfig.redact(pg.jdbcUrl()) + " has no CryptoRun schema",
                    "run `./cryptorun db migrate`, or set PG_MIGRATE=true", null);
        }
    }

    /** One line for a PostgreSQL failure, by SQL state. */
    static UserError postgresError(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String msg = String.valueOf(e.getMessage());
        if (state.startsWith("08")) {
            return UserError.runtime("cannot reach PostgreSQL: " + msg,
                    "start it (`./cryptorun services up pg`) or fix --pg-dsn / PG_DSN", e);
        }
        if (state.startsWith("28")) {
            return UserError.runtime("PostgreSQL refused the login: " + msg,
                    "check --pg-user / PG_USER and PG_PASSWORD or --pg-password-file", e);
        }
        if (state.equals("3D000")) {
            return UserError.runtime("PostgreSQL: " + msg, "create the database or fix the DSN's database name", e);
        }
        return UserError.runtime("PostgreSQL: " + msg + (state.isEmpty() ? "" : " [SQLSTATE " + state + "]"),
                "see the server's log", e);
    }

    private static long left(long deadlineNanos) {
        return Math.max(1, deadlineNanos - System.nanoTime());
    }

    private static int remainingMs(long deadlineNanos) {
        return (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(left(deadlineNanos)));
    }
}
