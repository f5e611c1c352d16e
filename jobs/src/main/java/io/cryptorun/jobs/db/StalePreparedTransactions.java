package io.cryptorun.jobs.db;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.XAConnection;
import javax.sql.XADataSource;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.apache.flink.connector.jdbc.datasource.transactions.xa.domain.TransactionId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds and rolls back the XA transactions a sink writer prepared for a checkpoint that never
 * completed, before the restored writer writes anything.
 *
 * <p>Why: a writer prepares its transaction when the checkpoint barrier reaches it. If the
 * checkpoint then fails elsewhere in the graph (a crash in another operator), the job restores
 * the previous checkpoint, whose state does not name that transaction, and the prepared
 * transaction keeps its row locks. The restored writers rewrite the same rows, their
 * {@code ON CONFLICT} inserts wait on those locks until the statement times out, the job
 * restarts, and the same happens again, forever. Flink's JDBC connector 3.3.0 means to roll such
 * transactions back ({@code withRecoveredAndRollback}), but it compares the driver's recovered
 * {@link Xid}s with {@code instanceof} against its own id class, which PostgreSQL's driver never
 * returns, so it never rolls anything back.
 *
 * <p>A prepared transaction is stale, and only then rolled back, when all of these hold:
 * <ul>
 *   <li>it is the connector's (its format id; global id and branch start with the connector's
 *       encoding: 16-byte job id + subtask; parallelism + checkpoint id);</li>
 *   <li>it belongs to this job, or to the job whose checkpoint or savepoint is being restored
 *       (named by the ids in the restored state): another job's transactions are never touched;</li>
 *   <li>its subtask, modulo the current parallelism, is this subtask, so that each one is handled
 *       by exactly one writer;</li>
 *   <li>it was opened at or after the restored checkpoint (the connector names a transaction after
 *       the checkpoint that opened it), i.e. it was not part of the restored state; without a
 *       restored checkpoint, every one of this job's;</li>
 *   <li>the restored state does not list it as prepared (those are committed on restore).</li>
 * </ul>
 */
final class StalePreparedTransactions {
    private static final Logger LOG = LoggerFactory.getLogger(StalePreparedTransactions.class);

    /** The connector's XA format id. */
    static final int FORMAT_ID = TransactionId.create(new byte[16], 0, 1).getFormatId();
    private static final int JOB_ID_BYTES = 16;

    /**
     * What a starting writer knows about itself.
     *
     * @param restoredCheckpointId the checkpoint restored, or -1 when none was
     * @param restoredPrepared     the restored state's prepared transactions (committed on restore)
     * @param restoredOpen         the restored state's open ("hanging") transactions: the one opened
     *                             at the restored checkpoint is the one a later barrier or the end of
     *                             input prepared; they also name the job the state comes from
     */
    record Scope(byte[] jobId, int subtask, int parallelism, long restoredCheckpointId,
            Collection<? extends Xid> restoredPrepared, Collection<? extends Xid> restoredOpen) {
        Scope {
            if (jobId.length != JOB_ID_BYTES) throw new IllegalArgumentException("job id must be 16 bytes");
            if (parallelism < 1 || subtask < 0 || subtask >= parallelism) {
                throw new IllegalArgumentException("subtask " + subtask + " of " + parallelism);
            }
            restoredPrepared = List.copyOf(restoredPrepared);
            restoredOpen = List.copyOf(restoredOpen);
        }
    }

    /** One transaction id of the connector, decoded. */
    record ConnectorXid(byte[] jobId, int subtask, int parallelism, long checkpointId) {
        static ConnectorXid decode(Xid xid) {
            if (xid.getFormatId() != FORMAT_ID) return null;
            byte[] gtrid = xid.getGlobalTransactionId();
            byte[] bqual = xid.getBranchQualifier();
            // at least: the connector hands over its serializer's whole buffer, which may be longer
            if (gtrid == null || bqual == null || gtrid.length < JOB_ID_BYTES + 4 || bqual.length < 12) return null;
            ByteBuffer g = ByteBuffer.wrap(gtrid);
            byte[] job = new byte[JOB_ID_BYTES];
            g.get(job);
            ByteBuffer b = ByteBuffer.wrap(bqual);
            return new ConnectorXid(job, g.getInt(), b.getInt(), b.getLong());
        }
    }

    private StalePreparedTransactions() {}

    /** The subset of {@code prepared} (all prepared transactions of the database) to roll back. */
    static List<Xid> select(Collection<? extends Xid> prepared, Scope scope) {
        Set<String> jobs = jobs(scope);
        Set<String> keep = new HashSet<>();
        for (Xid x : scope.restoredPrepared()) keep.add(key(x));
        long firstStale = Math.max(0, scope.restoredCheckpointId());
        List<Xid> stale = new ArrayList<>();
        for (Xid x : prepared) {
            ConnectorXid c = ConnectorXid.decode(x);
            if (c == null || !jobs.contains(hex(c.jobId()))) continue;
            if (c.subtask() < 0 || c.subtask() % scope.parallelism() != scope.subtask()) continue;
            if (c.checkpointId() < firstStale || keep.contains(key(x))) continue;
            stale.add(x);
        }
        return stale;
    }

    /**
     * Rolls back this writer's stale prepared transactions (see the class comment) and returns how
     * many. A transaction another process resolved meanwhile is not an error.
     */
    static int rollBack(XADataSource dataSource, Scope scope) throws XAException, java.sql.SQLException {
        XAConnection connection = dataSource.getXAConnection();
        try {
            XAResource xa = connection.getXAResource();
            List<Xid> prepared = Arrays.asList(xa.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN));
            int rolledBack = 0;
            for (Xid xid : select(prepared, scope)) {
                ConnectorXid c = ConnectorXid.decode(xid);
                try {
                    xa.rollback(xid);
                    rolledBack++;
                    LOG.warn("event=stale_xa_rollback job={} subtask={} checkpoint={} reason=\"prepared for a checkpoint "
                                    + "that did not complete; restoring checkpoint {}\"",
                            hex(c.jobId()), c.subtask(), c.checkpointId(), scope.restoredCheckpointId());
                } catch (XAException e) {
                    if (e.errorCode != XAException.XAER_NOTA) throw e;
                    LOG.info("event=stale_xa_gone job={} subtask={} checkpoint={}", hex(c.jobId()), c.subtask(),
                            c.checkpointId());
                }
            }
            Set<String> jobs = jobs(scope);
            long others = prepared.stream().map(ConnectorXid::decode)
                    .filter(c -> c != null && !jobs.contains(hex(c.jobId()))).count();
            if (others > 0 && scope.subtask() == 0) {
                LOG.warn("event=foreign_prepared_xa count={} reason=\"prepared transactions of other CryptoRun jobs hold "
                        + "row locks until a job restoring them commits them or someone runs ROLLBACK PREPARED "
                        + "(docs/RUNBOOKS.md)\"", others);
            }
            return rolledBack;
        } finally {
            connection.close();
        }
    }

    /** This job and the job whose state is restored. */
    private static Set<String> jobs(Scope scope) {
        Set<String> jobs = new HashSet<>();
        jobs.add(hex(scope.jobId()));
        for (List<? extends Xid> xids : List.of(List.copyOf(scope.restoredPrepared()), List.copyOf(scope.restoredOpen()))) {
            for (Xid x : xids) {
                ConnectorXid c = ConnectorXid.decode(x);
                if (c != null) jobs.add(hex(c.jobId()));
            }
        }
        return jobs;
    }

    private static String key(Xid x) {
        return x.getFormatId() + ":" + hex(x.getGlobalTransactionId()) + ":" + hex(x.getBranchQualifier());
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
