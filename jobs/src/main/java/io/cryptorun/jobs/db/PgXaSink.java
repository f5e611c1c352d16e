package io.cryptorun.jobs.db;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.sql.XADataSource;
import javax.transaction.xa.XAException;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.jdbc.core.datastream.sink.JdbcSink;
import org.apache.flink.connector.jdbc.core.datastream.sink.committer.JdbcCommitable;
import org.apache.flink.connector.jdbc.core.datastream.sink.writer.JdbcWriterState;
import org.apache.flink.connector.jdbc.datasource.transactions.xa.domain.TransactionId;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.util.function.SerializableSupplier;

/**
 * Flink's exactly-once JDBC sink (connector 3.3.0) with two of its defects worked around.
 *
 * <p><b>Stale prepared transactions.</b> Before a writer starts (fresh or restored), the
 * transactions it prepared for checkpoints that never completed are rolled back
 * ({@link StalePreparedTransactions}); the connector's own recovery option never matches
 * PostgreSQL's recovered ids, and their row locks would block the restored writers forever.
 *
 * <p><b>Safe when more than one checkpoint follows the end of its input.</b> The connector's writer (3.3.0) opens a new XA transaction in every {@code snapshotState}
 * and closes it only in {@code prepareCommit}, which the sink operator no longer calls once the
 * input has ended. A bounded job whose last checkpoint was already in flight when the input ended
 * takes a second checkpoint before its tasks may finish; the writer then fails it with
 * "currentXid not null" and the job restarts from a checkpoint at the very end of every such
 * replay (the outputs survive, being exactly-once, but the run's counts and time do not).
 *
 * <p>After the end of input nothing is written any more, so the state of the first checkpoint
 * after it (prepared transactions handed to the committer, plus one empty open transaction that
 * recovery rolls back) is the state of every later one. This sink returns that state again instead
 * of asking the connector for another transaction. Same writer state and committables as the
 * connector's sink, so savepoints taken with either restore with the other.
 */
final class PgXaSink<IN>
        implements Sink<IN>, SupportsWriterState<IN, JdbcWriterState>, SupportsCommitter<JdbcCommitable> {
    private static final long serialVersionUID = 1L;

    private final JdbcSink<IN> delegate;
    private final SerializableSupplier<XADataSource> dataSource;

    PgXaSink(JdbcSink<IN> delegate, SerializableSupplier<XADataSource> dataSource) {
        this.delegate = delegate;
        this.dataSource = dataSource;
    }

    @Override
    public SinkWriter<IN> createWriter(WriterInitContext context) throws IOException {
        return restoreWriter(context, List.of());
    }

    @Override
    @Deprecated
    public SinkWriter<IN> createWriter(InitContext context) throws IOException {
        return new Writer<>(delegate.createWriter(context));
    }

    @Override
    public Writer<IN> restoreWriter(WriterInitContext context, Collection<JdbcWriterState> recoveredState)
            throws IOException {
        List<TransactionId> restoredPrepared = new ArrayList<>();
        List<TransactionId> restoredOpen = new ArrayList<>();
        for (JdbcWriterState s : recoveredState) {
            restoredPrepared.addAll(s.getPrepared());
            restoredOpen.addAll(s.getHanging());
        }
        StalePreparedTransactions.Scope scope = new StalePreparedTransactions.Scope(
                context.getJobInfo().getJobId().getBytes(), context.getTaskInfo().getIndexOfThisSubtask(),
                context.getTaskInfo().getNumberOfParallelSubtasks(), context.getRestoredCheckpointId().orElse(-1),
                restoredPrepared, restoredOpen);
        try {
            StalePreparedTransactions.rollBack(dataSource.get(), scope);
        } catch (XAException | SQLException e) {
            throw new IOException("rolling back the PostgreSQL sink's stale prepared transactions failed: " + e, e);
        }
        return new Writer<>(delegate.restoreWriter(context, recoveredState));
    }

    @Override
    public SimpleVersionedSerializer<JdbcWriterState> getWriterStateSerializer() {
        return delegate.getWriterStateSerializer();
    }

    @Override
    public Committer<JdbcCommitable> createCommitter(CommitterInitContext context) throws IOException {
        return delegate.createCommitter(context);
    }

    @Override
    public SimpleVersionedSerializer<JdbcCommitable> getCommittableSerializer() {
        return delegate.getCommittableSerializer();
    }

    /** The connector's writer, with the state after the end of input taken once. */
    static final class Writer<IN>
            implements StatefulSinkWriter<IN, JdbcWriterState>, CommittingSinkWriter<IN, JdbcCommitable> {
        private final StatefulSinkWriter<IN, JdbcWriterState> writer;
        private final CommittingSinkWriter<IN, JdbcCommitable> committing;
        private boolean endOfInput;
        private List<JdbcWriterState> stateAfterEnd;

        @SuppressWarnings("unchecked")
        Writer(SinkWriter<IN> connectorWriter) {
            this.writer = (StatefulSinkWriter<IN, JdbcWriterState>) connectorWriter;
            this.committing = (CommittingSinkWriter<IN, JdbcCommitable>) connectorWriter;
        }

        @Override
        public void write(IN element, Context context) throws IOException, InterruptedException {
            writer.write(element, context);
        }

        @Override
        public void writeWatermark(Watermark watermark) throws IOException, InterruptedException {
            writer.writeWatermark(watermark);
        }

        @Override
        public void flush(boolean endOfInput) throws IOException, InterruptedException {
            writer.flush(endOfInput);
            if (endOfInput) this.endOfInput = true;
        }

        @Override
        public Collection<JdbcCommitable> prepareCommit() throws IOException, InterruptedException {
            return committing.prepareCommit();
        }

        @Override
        public List<JdbcWriterState> snapshotState(long checkpointId) throws IOException {
            if (stateAfterEnd != null) return stateAfterEnd;
            List<JdbcWriterState> state = writer.snapshotState(checkpointId);
            if (endOfInput) stateAfterEnd = List.copyOf(state);
            return state;
        }

        @Override
        public void close() throws Exception {
            writer.close();
        }
    }
}
