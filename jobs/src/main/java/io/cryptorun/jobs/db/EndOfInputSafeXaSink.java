package io.cryptorun.jobs.db;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
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
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Flink's exactly-once JDBC sink, safe when more than one checkpoint follows the end of its input.
 *
 * <p>Why: the connector's writer (3.3.0) opens a new XA transaction in every {@code snapshotState}
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
final class EndOfInputSafeXaSink<IN>
        implements Sink<IN>, SupportsWriterState<IN, JdbcWriterState>, SupportsCommitter<JdbcCommitable> {
    private static final long serialVersionUID = 1L;

    private final JdbcSink<IN> delegate;

    EndOfInputSafeXaSink(JdbcSink<IN> delegate) {
        this.delegate = delegate;
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
