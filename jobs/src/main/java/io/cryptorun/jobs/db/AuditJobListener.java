package io.cryptorun.jobs.db;

import java.time.Clock;
import java.time.Instant;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.JobListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records the job's lifecycle in {@code jobs_audit} from where the job is submitted: SUBMITTED
 * when the cluster accepted it, then FINISHED (with the job's net runtime) or FAILED (with the
 * error) when an attached execution returns. The row of an event is updated, never duplicated.
 * A detached submission (a session cluster's REST {@code run}) returns while the job still runs:
 * nothing is recorded then — the job has neither finished nor failed, and its result (a
 * {@code DetachedJobExecutionResult}) has no runtime to ask for.
 */
public final class AuditJobListener implements JobListener {
    private static final Logger LOG = LoggerFactory.getLogger(AuditJobListener.class);

    private final PgSettings pg;
    private final String jobName;
    private final Clock clock;
    private volatile String jobId;
    private volatile Instant submitted;

    public AuditJobListener(PgSettings pg, String jobName, Clock clock) {
        this.pg = pg;
        this.jobName = jobName;
        this.clock = clock;
    }

    @Override
    public void onJobSubmitted(JobClient client, Throwable t) {
        if (client == null) return;
        jobId = client.getJobID().toString();
        submitted = clock.instant();
        write(new JobsAudit.Entry(jobId, jobName, JobsAudit.Event.SUBMITTED, JobsAudit.NO_CHECKPOINT, submitted, submitted,
                "RUNNING", null));
    }

    @Override
    public void onJobExecuted(JobExecutionResult result, Throwable t) {
        if (jobId == null) return;
        if (t == null && result != null && !result.isJobExecutionResult()) return; // detached: still running
        Instant end = clock.instant();
        if (t == null) {
            Instant start = result != null ? end.minusMillis(result.getNetRuntime()) : submitted;
            write(new JobsAudit.Entry(jobId, jobName, JobsAudit.Event.FINISHED, JobsAudit.NO_CHECKPOINT, start, end,
                    "FINISHED", null));
        } else {
            String msg = String.valueOf(t.getMessage());
            write(new JobsAudit.Entry(jobId, jobName, JobsAudit.Event.FAILED, JobsAudit.NO_CHECKPOINT, submitted, end,
                    "FAILED", t.getClass().getSimpleName() + ": " + (msg.length() > 2000 ? msg.substring(0, 2000) : msg)));
        }
    }

    private void write(JobsAudit.Entry e) {
        try {
            JobsAudit.record(pg, e);
        } catch (Exception ex) {
            LOG.warn("jobs_audit: {} of job {} not recorded: {}", e.event(), e.jobId(), ex.toString());
        }
    }
}
