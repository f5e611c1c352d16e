package io.cryptorun.jobs.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptorun.jobs.db.StalePreparedTransactions.Scope;
import java.util.List;
import javax.transaction.xa.Xid;
import org.apache.flink.api.common.JobID;
import org.apache.flink.connector.jdbc.datasource.transactions.xa.domain.TransactionId;
import org.junit.jupiter.api.Test;

/** Which prepared transactions a starting writer rolls back: the rule of {@link StalePreparedTransactions}, without a database. */
class StalePreparedTransactionsTest {
    private static final byte[] JOB = new JobID().getBytes();
    private static final byte[] OLD_JOB = new JobID().getBytes();
    private static final byte[] OTHER_JOB = new JobID().getBytes();

    private static TransactionId xid(byte[] job, int subtask, int parallelism, long checkpoint) {
        return TransactionId.create(job, subtask, parallelism).withBranch(checkpoint);
    }

    /** What PostgreSQL's driver returns from recover(): a plain Xid, never the connector's class. */
    private static Xid asRecovered(Xid x) {
        return new Xid() {
            @Override
            public int getFormatId() {
                return x.getFormatId();
            }

            @Override
            public byte[] getGlobalTransactionId() {
                return x.getGlobalTransactionId().clone();
            }

            @Override
            public byte[] getBranchQualifier() {
                return x.getBranchQualifier().clone();
            }
        };
    }

    @Test
    void decodesTheConnectorsEncodingFromAPlainXid() {
        StalePreparedTransactions.ConnectorXid c =
                StalePreparedTransactions.ConnectorXid.decode(asRecovered(xid(JOB, 3, 4, 1_234_567_890_123L)));
        assertThat(c).isNotNull();
        assertThat(c.jobId()).isEqualTo(JOB);
        assertThat(c.subtask()).isEqualTo(3);
        assertThat(c.parallelism()).isEqualTo(4);
        assertThat(c.checkpointId()).isEqualTo(1_234_567_890_123L);
    }

    @Test
    void transactionsOpenedAtOrAfterTheRestoredCheckpointAreStaleOnesBeforeItAreNot() {
        Xid before = asRecovered(xid(JOB, 0, 1, 6));
        Xid at = asRecovered(xid(JOB, 0, 1, 7));
        Xid after = asRecovered(xid(JOB, 0, 1, 8));
        Scope scope = new Scope(JOB, 0, 1, 7, List.of(), List.of());
        assertThat(StalePreparedTransactions.select(List.of(before, at, after), scope)).containsExactly(at, after);
    }

    @Test
    void theRestoredStatesPreparedTransactionsAreKeptForCommit() {
        Xid restoredPrepared = asRecovered(xid(JOB, 0, 1, 7));
        Xid stale = asRecovered(xid(JOB, 0, 1, 8));
        Scope scope = new Scope(JOB, 0, 1, 7, List.of(xid(JOB, 0, 1, 7)), List.of());
        assertThat(StalePreparedTransactions.select(List.of(restoredPrepared, stale), scope)).containsExactly(stale);
    }

    @Test
    void withoutARestoredCheckpointEveryOneOfThisJobsSubtaskIsStale() {
        Xid first = asRecovered(xid(JOB, 0, 1, 0));
        Xid later = asRecovered(xid(JOB, 0, 1, 3));
        assertThat(StalePreparedTransactions.select(List.of(first, later), new Scope(JOB, 0, 1, -1, List.of(), List.of())))
                .containsExactly(first, later);
    }

    @Test
    void anotherJobsTransactionsAreNeverTouched() {
        Xid other = asRecovered(xid(OTHER_JOB, 0, 1, 9));
        Xid notOurs = new Xid() {
            @Override
            public int getFormatId() {
                return 0x43525255;
            }

            @Override
            public byte[] getGlobalTransactionId() {
                return new byte[20];
            }

            @Override
            public byte[] getBranchQualifier() {
                return new byte[12];
            }
        };
        assertThat(StalePreparedTransactions.select(List.of(other, notOurs), new Scope(JOB, 0, 1, -1, List.of(), List.of())))
                .isEmpty();
    }

    @Test
    void theJobWhoseSavepointIsRestoredIsNamedByItsOpenTransaction() {
        Xid oldStale = asRecovered(xid(OLD_JOB, 0, 1, 12));
        Xid oldBefore = asRecovered(xid(OLD_JOB, 0, 1, 11));
        Scope scope = new Scope(JOB, 0, 1, 12, List.of(), List.of(xid(OLD_JOB, 0, 1, 12)));
        assertThat(StalePreparedTransactions.select(List.of(oldStale, oldBefore), scope)).containsExactly(oldStale);
        assertThat(StalePreparedTransactions.select(List.of(oldStale), new Scope(JOB, 0, 1, 12, List.of(), List.of())))
                .as("not named by the restored state").isEmpty();
    }

    @Test
    void eachSubtaskTakesItsOwnAndADownscaledJobsAreSharedOutByModulo() {
        Xid s0 = asRecovered(xid(JOB, 0, 4, 5));
        Xid s1 = asRecovered(xid(JOB, 1, 4, 5));
        Xid s2 = asRecovered(xid(JOB, 2, 4, 5));
        Xid s3 = asRecovered(xid(JOB, 3, 4, 5));
        List<Xid> all = List.of(s0, s1, s2, s3);
        assertThat(StalePreparedTransactions.select(all, new Scope(JOB, 1, 4, 5, List.of(), List.of()))).containsExactly(s1);
        assertThat(StalePreparedTransactions.select(all, new Scope(JOB, 0, 2, 5, List.of(), List.of())))
                .containsExactly(s0, s2);
        assertThat(StalePreparedTransactions.select(all, new Scope(JOB, 1, 2, 5, List.of(), List.of())))
                .containsExactly(s1, s3);
    }
}
