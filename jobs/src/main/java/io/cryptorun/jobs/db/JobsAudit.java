package io.cryptorun.jobs.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Rows of {@code jobs_audit}: one per job event, keyed by (job, event, checkpoint id), so that
 * recording an event twice (a retry, a restore replaying a notification) updates the row.
 */
public final class JobsAudit {
    public static final long NO_CHECKPOINT = -1;

    /** What is recorded (column {@code event}). */
    public enum Event { SUBMITTED, RESTORED, CHECKPOINT, FINISHED, FAILED }

    /** One audit row; {@code end} may be null for an event still under way. */
    public record Entry(String jobId, String jobName, Event event, long checkpointId, Instant start, Instant end,
            String status, String detail) {
        public Long latencyMs() {
            return end == null ? null : end.toEpochMilli() - start.toEpochMilli();
        }
    }

    private static final String UPSERT = "INSERT INTO jobs_audit (job_id, job_name, event, checkpoint_id, start_ts, end_ts, "
            + "status, latency_ms, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT ON CONSTRAINT jobs_audit_natural_key "
            + "DO UPDATE SET end_ts = EXCLUDED.end_ts, status = EXCLUDED.status, latency_ms = EXCLUDED.latency_ms, "
            + "detail = EXCLUDED.detail, recorded_at = now()";

    private JobsAudit() {}

    public static void record(PgSettings pg, Entry e) throws SQLException {
        try (Connection c = pg.connect(); PreparedStatement ps = c.prepareStatement(UPSERT)) {
            ps.setString(1, e.jobId());
            ps.setString(2, e.jobName());
            ps.setString(3, e.event().name());
            ps.setLong(4, e.checkpointId());
            ps.setObject(5, OffsetDateTime.ofInstant(e.start(), ZoneOffset.UTC));
            if (e.end() == null) ps.setNull(6, Types.TIMESTAMP_WITH_TIMEZONE);
            else ps.setObject(6, OffsetDateTime.ofInstant(e.end(), ZoneOffset.UTC));
            ps.setString(7, e.status());
            if (e.latencyMs() == null) ps.setNull(8, Types.BIGINT);
            else ps.setLong(8, e.latencyMs());
            ps.setString(9, e.detail());
            ps.executeUpdate();
        }
    }
}
