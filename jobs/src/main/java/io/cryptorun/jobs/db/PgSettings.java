package io.cryptorun.jobs.db;

import java.io.Serializable;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;
import org.postgresql.xa.PGXADataSource;

/**
 * How the job reaches PostgreSQL. Built by {@link DbConfig} from the YAML file, the environment
 * and the command line. The password travels with the job graph (the XA data source is created
 * on the task managers) but never appears in {@link #toString()} or any log line.
 *
 * @param jdbcUrl              {@code jdbc:postgresql://host:port/db[?params]}, without credentials
 * @param user                 login role
 * @param password             from {@code PG_PASSWORD} or a mounted file, never from the DSN
 * @param connectTimeoutS      TCP connect + login timeout
 * @param socketTimeoutS       read timeout of a statement round trip (0 = none)
 * @param batchSize            rows per JDBC batch inside a transaction
 * @param batchIntervalMs      flush interval of a partial batch (exactly-once sinks also flush on every checkpoint)
 * @param maxCommitAttempts    XA commit attempts before the job fails
 * @param xaTimeoutS           XA transaction timeout (0 = the server's)
 * @param migrate              apply the migrations before the job writes
 * @param partitionMonthsAhead monthly partitions created ahead of the current month by {@code migrate}
 */
public record PgSettings(String jdbcUrl, String user, String password, int connectTimeoutS, int socketTimeoutS,
        int batchSize, long batchIntervalMs, int maxCommitAttempts, int xaTimeoutS, boolean migrate,
        int partitionMonthsAhead) implements Serializable {

    public static final int DEFAULT_BATCH_SIZE = 1000;
    private static final Driver DRIVER = new org.postgresql.Driver();

    public PgSettings {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + DbConfig.redact(jdbcUrl));
        }
        if (batchSize <= 0) throw new IllegalArgumentException("batch size must be positive: " + batchSize);
    }

    /** Defaults for everything but the address and the credentials. */
    public static PgSettings of(String jdbcUrl, String user, String password) {
        return new PgSettings(jdbcUrl, user, password, 10, 60, DEFAULT_BATCH_SIZE, 200, 3, 0, true, 2);
    }

    public PgSettings withBatchSize(int n) {
        return new PgSettings(jdbcUrl, user, password, connectTimeoutS, socketTimeoutS, n, batchIntervalMs,
                maxCommitAttempts, xaTimeoutS, migrate, partitionMonthsAhead);
    }

    /**
     * A plain connection (migrations, audit rows, tests), from the PostgreSQL driver itself rather
     * than {@code DriverManager}: on a session cluster the job's main() runs in a user-code class
     * loader, and {@code DriverManager} hands out only drivers registered by a loader the caller
     * can see — the driver of the first submitted job, registered by that job's (now closed)
     * loader, is invisible to the second ("No suitable driver").
     */
    public Connection connect() throws SQLException {
        Properties p = new Properties();
        if (user != null) p.setProperty("user", user);
        if (password != null) p.setProperty("password", password);
        p.setProperty("connectTimeout", Integer.toString(connectTimeoutS));
        p.setProperty("loginTimeout", Integer.toString(connectTimeoutS));
        p.setProperty("socketTimeout", Integer.toString(socketTimeoutS));
        p.setProperty("ApplicationName", "cryptorun");
        Connection c = DRIVER.connect(jdbcUrl, p);
        if (c == null) throw new SQLException("not a PostgreSQL JDBC URL: " + DbConfig.redact(jdbcUrl), "08001");
        return c;
    }

    /** The XA data source the exactly-once sinks open their transactions on. */
    public PGXADataSource xaDataSource() {
        PGXADataSource ds = new PGXADataSource();
        ds.setUrl(jdbcUrl);
        ds.setUser(user);
        ds.setPassword(password);
        ds.setConnectTimeout(connectTimeoutS);
        ds.setLoginTimeout(connectTimeoutS);
        ds.setSocketTimeout(socketTimeoutS);
        ds.setApplicationName("cryptorun-sink");
        return ds;
    }

    @Override
    public String toString() {
        return "PgSettings[" + DbConfig.redact(jdbcUrl) + " user=" + user + " password=" + (password == null ? "none" : "***")
                + " batch=" + batchSize + "/" + batchIntervalMs + "ms timeouts=" + connectTimeoutS + "s/" + socketTimeoutS
                + "s commitAttempts=" + maxCommitAttempts + " migrate=" + migrate + "]";
    }
}
