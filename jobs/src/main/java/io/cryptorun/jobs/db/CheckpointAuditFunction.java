package io.cryptorun.jobs.db;

import io.cryptorun.sources.model.Quarantine;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every checkpoint of the running job to {@code jobs_audit}: start = the checkpoint's
 * trigger time (from the JobManager), end = when this operator learned it completed (or was
 * aborted), status COMPLETED/ABORTED; and one RESTORED row when the job restarts from a checkpoint.
 * Runs with parallelism 1 on a stream that lasts as long as the job (it emits nothing), so it
 * takes part in every checkpoint including the final one of a bounded replay.
 *
 * <p>Audit rows are operational data, hence the wall clock (an injected {@link Clock}). A failed
 * write is retried at the next notification and logged, never failing the job (the data sinks
 * fail it anyway when PostgreSQL is gone); rows pending at a crash are lost.
 */
public final class CheckpointAuditFunction extends ProcessFunction<Quarantine, Void>
        implements CheckpointedFunction, CheckpointListener {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointAuditFunction.class);

    private final PgSettings pg;
    private final String jobName;
    private final Clock clock;
    private transient Map<Long, Instant> triggered;
    private transient List<JobsAudit.Entry> pending;
    private transient String jobId;
    /**
     * The last checkpoint this operator saw, kept in operator state. Besides being useful in the
     * RESTORED row, having state makes Flink hand this operator its restore (a stateless task is
     * started as if new after a failover).
     */
    private transient ListState<Long> lastCheckpoint;

    public CheckpointAuditFunction(PgSettings pg, String jobName, Clock clock) {
        this.pg = pg;
        this.jobName = jobName;
        this.clock = clock;
    }

    @Override
    public void initializeState(FunctionInitializationContext ctx) throws Exception {
        triggered = new TreeMap<>();
        pending = new ArrayList<>();
        jobId = getRuntimeContext().getJobInfo().getJobId().toString();
        lastCheckpoint = ctx.getOperatorStateStore().getListState(new ListStateDescriptor<>("last-checkpoint", Types.LONG));
        if (ctx.isRestored()) {
            long id = ctx.getRestoredCheckpointId().orElse(JobsAudit.NO_CHECKPOINT);
            Instant now = clock.instant();
            pending.add(new JobsAudit.Entry(jobId, jobName, JobsAudit.Event.RESTORED, id, now, now, "RESTORED",
                    "restored from checkpoint " + id + " (attempt " + getRuntimeContext().getTaskInfo().getAttemptNumber() + ")"));
            flush();
        }
    }

    @Override
    public void processElement(Quarantine q, Context ctx, Collector<Void> out) {
        // only here to live as long as the job
    }

    @Override
    public void snapshotState(FunctionSnapshotContext ctx) throws Exception {
        triggered.put(ctx.getCheckpointId(), Instant.ofEpochMilli(ctx.getCheckpointTimestamp()));
        lastCheckpoint.update(List.of(ctx.getCheckpointId()));
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        finish(checkpointId, "COMPLETED");
    }

    @Override
    public void notifyCheckpointAborted(long checkpointId) {
        finish(checkpointId, "ABORTED");
    }

    private void finish(long checkpointId, String status) {
        Instant now = clock.instant();
        Instant start = triggered.remove(checkpointId);
        // notifications may skip ids (subsumed checkpoints): older triggers are done too
        for (Iterator<Map.Entry<Long, Instant>> it = triggered.entrySet().iterator(); it.hasNext(); ) {
            if (it.next().getKey() < checkpointId) it.remove();
        }
        pending.add(new JobsAudit.Entry(jobId, jobName, JobsAudit.Event.CHECKPOINT, checkpointId,
                start != null ? start : now, now, status, null));
        flush();
    }

    private void flush() {
        try {
            for (Iterator<JobsAudit.Entry> it = pending.iterator(); it.hasNext(); ) {
                JobsAudit.record(pg, it.next());
                it.remove();
            }
        } catch (Exception e) {
            LOG.warn("jobs_audit: {} row(s) not written yet, retried at the next checkpoint: {}", pending.size(), e.toString());
        }
    }
}
