package io.cryptorun.jobs.db;

import java.util.Optional;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.jdbc.JdbcExactlyOnceOptions;
import org.apache.flink.connector.jdbc.JdbcExecutionOptions;
import org.apache.flink.connector.jdbc.core.datastream.sink.JdbcSink;

/**
 * The exactly-once PostgreSQL sink: Flink's JDBC sink in XA mode. Each subtask writes a
 * checkpoint's rows in one XA transaction, prepares it when the checkpoint is taken and commits it
 * when the checkpoint completes; after a failure, the transactions of the restored checkpoint are
 * committed and every other prepared transaction of this job's subtasks is rolled back (by
 * {@link PgXaSink}: the connector's own option for that never matches PostgreSQL's ids).
 *
 * <p>One sink per job for all tables: the connector's XA transaction ids are (job, subtask,
 * checkpoint), so a second XA sink in the same job would reuse the first one's ids.
 */
public final class PgSinks {
    static final String WRITE = "CALL cryptorun_write(?, ?::jsonb)";

    /** Bundles rows for {@link #exactlyOnce}; chain it right before the sink. */
    public static PgRowBundler bundler(PgSettings pg) {
        return new PgRowBundler(pg.batchSize());
    }

    private PgSinks() {}

    /** The sink of {@link PgRowBundler} bundles: each record is one CALL with up to {@code batchSize} rows. */
    public static Sink<PgRow> exactlyOnce(PgSettings pg) {
        return new PgXaSink<>(connectorSink(pg), pg::xaDataSource);
    }

    /** Flink's XA JDBC sink as configured here, without {@link PgXaSink} (for the tests that show why). */
    static JdbcSink<PgRow> connectorSink(PgSettings pg) {
        return connectorSink(pg, false);
    }

    /** @param connectorRecovery the connector's own recover-and-roll-back option (see {@link PgXaSink}) */
    static JdbcSink<PgRow> connectorSink(PgSettings pg, boolean connectorRecovery) {
        JdbcExecutionOptions exec = JdbcExecutionOptions.builder()
                .withBatchSize(1)
                .withBatchIntervalMs(pg.batchIntervalMs())
                .withMaxRetries(0) // required by XA: a retried batch could duplicate rows (FLINK-22311)
                .build();
        JdbcExactlyOnceOptions xa = JdbcExactlyOnceOptions.builder()
                // PostgreSQL cannot interleave XA transactions on one connection
                .withTransactionPerConnection(true)
                // prepared transactions of a failed attempt hold row locks and must be rolled back on
                // recovery; the connector's option for it never matches PostgreSQL's recovered ids, so
                // PgXaSink does it (StalePreparedTransactions)
                .withRecoveredAndRollback(connectorRecovery)
                .withMaxCommitAttempts(pg.maxCommitAttempts())
                .withTimeoutSec(pg.xaTimeoutS() > 0 ? Optional.of(pg.xaTimeoutS()) : Optional.empty())
                .build();
        return JdbcSink.<PgRow>builder()
                .withQueryStatement(WRITE, (ps, row) -> {
                    ps.setString(1, row.table());
                    ps.setString(2, row.json());
                })
                .withExecutionOptions(exec)
                .buildExactlyOnce(xa, pg::xaDataSource);
    }
}
