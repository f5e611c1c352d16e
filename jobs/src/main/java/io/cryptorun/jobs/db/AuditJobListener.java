package io.cryptorun.jobs.db;

import java.time.Clock;
import java.time.Instant;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import java.util.concurrent.TimeUnit;
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
    /** How long the listener asks a job's status after an error of its client. */
    static final long STATUS_TIMEOUT_S = 5;

    private final PgSettings pg;
    private final String jobName;
    private final Clock clock;
    private volatile String jobId;
    private volatile Instant submitted;
    private volatile JobClient client;

    public AuditJobListener(PgSettings pg, String jobName, Clock clock) {
        this.pg = pg;
        this.jobName = jobName;
        this.clock = clock;
    }

    @Override
    public void onJobSubmitted(JobClient client, Throwable t) {
        if (client == null) return;
        this.client = client;
        jobId = client.getJobID().toString();
        submitted = clock.instant();
        write(new JobsAudit.Entry(jobId, jobName, JobsAudit.Event.SUBMITTED, JobsAudit.NO_CHECKPOINT, submitted, submitted,
                "RUNNING", null));
    }

    @Override
    public void onJobExecuted(JobExecutionResult result, Throwable t) {
        if (jobId == null) return;
        JobsAudit.Event event = outcome(result, t, t == null ? null : statusOf(client));
        if (event == null) return;
        Instant end = clock.instant();
        if (event == JobsAudit.Event.FINISHED) {
            Instant start = result != null && result.isJobExecutionResult() ? end.minusMillis(result.getNetRuntime()) : submitted;
            write(new JobsAudit.Entry(jobId, jobName, JobsAudit.Event.FINISHED, JobsAudit.NO_CHECKPOINT, start, end,
                    "FINISHED", null));
        } else {
            String msg = String.valueOf(t.getMessage());
            write(new JobsAudit.Entry(jobId, jobName, JobsAudit.Event.FAILED, JobsAudit.NO_CHECKPOINT, submitted, end,
                    "FAILED", t.getClass().getSimpleName() + ": " + (msg.length() > 2000 ? msg.substring(0, 2000) : msg)));
        }
    }

    /**
     * The row a job's end gets: none while it runs on (a detached submission's result, or its
     * client's error while the job still runs), FINISHED when it finished — also when the client
     * reported an error but the job itself finished —, FAILED otherwise.
     *
     * @param status the job's own status after a client error ({@code null}: unknown)
     */
    static JobsAudit.Event outcome(JobExecutionResult result, Throwable t, JobStatus status) {
        if (t == null) {
            return result != null && !result.isJobExecutionResult() ? null : JobsAudit.Event.FINISHED;
        }
        if (runsOn(status)) return null;
        return status == JobStatus.FINISHED ? JobsAudit.Event.FINISHED : JobsAudit.Event.FAILED;
    }

    static boolean runsOn(JobStatus s) {
        return s == JobStatus.CREATED || s == JobStatus.INITIALIZING || s == JobStatus.RUNNING
                || s == JobStatus.RESTARTING || s == JobStatus.RECONCILING;
    }

    /**
     * The job's own status, when the client can still tell: a detached submission's client may
     * report an error (e.g. the program's end) for a job that finished or still runs, and that is
     * no failure of the job.
     */
    static JobStatus statusOf(JobClient client) {
        if (client == null) return null;
        try {
            return client.getJobStatus().get(STATUS_TIMEOUT_S, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (Exception e) {
            return null; // unknown: the error stands
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
