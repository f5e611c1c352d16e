package io.cryptorun.jobs.db;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.execution.DetachedJobExecutionResult;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.junit.jupiter.api.Test;

/**
 * Which jobs_audit row a job's end gets (issue 15: a detached job that finished was recorded as
 * FAILED), and the job status the listener asks for, from a real job on a MiniCluster.
 */
class AuditJobListenerTest {
    private static final RuntimeException CLIENT_ERROR = new RuntimeException("the submitting client went away");

    @Test
    void aJobThatFinishedIsFinishedEvenWhenItsClientReportedAnError() {
        assertThat(AuditJobListener.outcome(null, CLIENT_ERROR, JobStatus.FINISHED)).isEqualTo(JobsAudit.Event.FINISHED);
        assertThat(AuditJobListener.outcome(new JobExecutionResult(new JobID(), 5, java.util.Map.of()), null, null))
                .isEqualTo(JobsAudit.Event.FINISHED);
    }

    @Test
    void aDetachedJobThatRunsOnGetsNoEndRow() {
        assertThat(AuditJobListener.outcome(new DetachedJobExecutionResult(new JobID()), null, null)).isNull();
        for (JobStatus s : new JobStatus[] {JobStatus.CREATED, JobStatus.INITIALIZING, JobStatus.RUNNING,
            JobStatus.RESTARTING, JobStatus.RECONCILING}) {
            assertThat(AuditJobListener.outcome(null, CLIENT_ERROR, s)).as(s.name()).isNull();
        }
    }

    @Test
    void aJobThatFailedOrWasCancelledOrIsUnknownIsFailed() {
        for (JobStatus s : new JobStatus[] {JobStatus.FAILED, JobStatus.FAILING, JobStatus.CANCELED, JobStatus.CANCELLING,
            JobStatus.SUSPENDED, null}) {
            assertThat(AuditJobListener.outcome(null, CLIENT_ERROR, s)).as(String.valueOf(s)).isEqualTo(JobsAudit.Event.FAILED);
        }
    }

    /** A detached client's error while its job runs on: the job's own status says RUNNING, so no FAILED row. */
    @Test
    void theStatusComesFromTheJobItself() throws Exception {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1, conf);
        env.fromSequence(0, Long.MAX_VALUE).sinkTo(new DiscardingSink<>());
        JobClient client = env.executeAsync("audit-status");
        try {
            long deadline = System.currentTimeMillis() + 60_000; // hung-test guard
            JobStatus status = AuditJobListener.statusOf(client);
            while (status != JobStatus.RUNNING && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
                status = AuditJobListener.statusOf(client);
            }
            assertThat(status).isEqualTo(JobStatus.RUNNING);
            assertThat(AuditJobListener.outcome(null, CLIENT_ERROR, status)).isNull();
        } finally {
            client.cancel().get();
        }
        assertThat(AuditJobListener.statusOf(null)).isNull();
    }
}
