package io.cryptorun.jobs.notify;

import io.cryptorun.jobs.db.PgSettings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * The delivery ledger ({@code notify_ledger}, {@code notify_dead_letters}; migration 009). One
 * instance per destination worker thread, each with its own connection (auto-commit: every
 * record is durable when the call returns). A lost connection is reopened once per call.
 */
public final class Ledger implements AutoCloseable {
    public static final String SENT = "sent";
    public static final String MUTED = "muted";
    public static final String DEAD_LETTER = "dead_letter";

    private final PgSettings pg;
    private Connection conn;

    public Ledger(PgSettings pg) {
        this.pg = pg;
    }

    private Connection conn() throws SQLException {
        if (conn == null || conn.isClosed() || !conn.isValid(5)) {
            if (conn != null) {
                try {
                    conn.close();
                } catch (SQLException ignored) {
                    // reopened below
                }
            }
            conn = pg.connect();
            conn.setAutoCommit(true);
        }
        return conn;
    }

    /** The status recorded for (id, channel), or null when nothing is. */
    public String status(String id, String channel) throws SQLException {
        try (PreparedStatement st = conn().prepareStatement("SELECT status FROM notify_ledger WHERE alert_id = ? AND channel = ?")) {
            st.setString(1, id);
            st.setString(2, channel);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** Records the outcome; a second record of the same (id, channel) keeps the first. */
    public void record(Notice n, String status, int attempts, Long latencyMs) throws SQLException {
        try (PreparedStatement st = conn().prepareStatement("INSERT INTO notify_ledger "
                + "(alert_id, channel, status, event_ts, symbol, attempts, latency_ms) VALUES (?, ?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT ON CONSTRAINT notify_ledger_key DO NOTHING")) {
            st.setString(1, n.id);
            st.setString(2, n.destination);
            st.setString(3, status);
            st.setTimestamp(4, Timestamp.from(Instant.ofEpochSecond(Math.floorDiv(n.tsMicros, 1_000_000L),
                    Math.floorMod(n.tsMicros, 1_000_000L) * 1000L)));
            st.setString(5, n.symbol == null ? "" : n.symbol);
            st.setInt(6, attempts);
            if (latencyMs == null) st.setNull(7, java.sql.Types.BIGINT);
            else st.setLong(7, latencyMs);
            st.executeUpdate();
        }
    }

    /** A dead letter and its ledger row, in one transaction. */
    public void deadLetter(Notice n, int httpStatus, String error, int attempts, String body) throws SQLException {
        Connection c = conn();
        c.setAutoCommit(false);
        try {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO notify_dead_letters "
                    + "(alert_id, channel, http_status, error, attempts, body) VALUES (?, ?, ?, ?, ?, ?) "
                    + "ON CONFLICT ON CONSTRAINT notify_dead_letters_key DO NOTHING")) {
                st.setString(1, n.id);
                st.setString(2, n.destination);
                if (httpStatus > 0) st.setInt(3, httpStatus);
                else st.setNull(3, java.sql.Types.INTEGER);
                st.setString(4, error);
                st.setInt(5, attempts);
                st.setString(6, body);
                st.executeUpdate();
            }
            record(n, DEAD_LETTER, attempts, null);
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    @Override
    public void close() throws SQLException {
        if (conn != null) conn.close();
    }
}
