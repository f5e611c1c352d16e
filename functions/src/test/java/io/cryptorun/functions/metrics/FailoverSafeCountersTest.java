package io.cryptorun.functions.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptorun.functions.route.EventRouter;
import io.cryptorun.sources.model.EventHeader;
import io.cryptorun.sources.model.Heartbeat;
import io.cryptorun.sources.model.MarketEvent;
import org.apache.flink.api.common.JobID;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * Counts restored from a checkpoint of the same job (a failover) continue from the checkpoint;
 * those of another job (a savepoint restored into a new run) start at zero. Shown with the event
 * router's frame count, the first count of {@code summary.json}.
 */
class FailoverSafeCountersTest {
    private static final long T = 1_736_121_600_000_000L;

    @Test
    void aFailoverOfTheSameJobContinuesFromTheCheckpointedCounts() throws Exception {
        JobID job = new JobID();
        OperatorSubtaskState checkpoint;
        try (Router r = new Router(job, null)) {
            r.frames(1, 2, 3);
            assertThat(r.count("frames")).isEqualTo(3);
            checkpoint = r.harness.snapshot(1, 1);
            r.frames(4, 5); // processed after the checkpoint, then lost with the task
            assertThat(r.count("frames")).isEqualTo(5);
        }
        try (Router restarted = new Router(job, checkpoint)) {
            assertThat(restarted.count("frames")).as("restored from the checkpoint").isEqualTo(3);
            restarted.frames(4, 5, 6); // replayed from the checkpoint's source positions
            assertThat(restarted.count("frames")).as("each frame counted once").isEqualTo(6);
            assertThat(restarted.count("connection_events")).isEqualTo(6);
        }
    }

    @Test
    void aNewJobFromTheSameStateStartsItsOwnCounts() throws Exception {
        OperatorSubtaskState savepoint;
        try (Router r = new Router(new JobID(), null)) {
            r.frames(1, 2, 3);
            savepoint = r.harness.snapshot(1, 1);
        }
        try (Router resumed = new Router(new JobID(), savepoint)) {
            assertThat(resumed.count("frames")).isZero();
            resumed.frames(4);
            assertThat(resumed.count("frames")).isEqualTo(1);
        }
    }

    @Test
    void aSavepointWithoutTheCountsRestoresThemEmpty() throws Exception {
        JobID job = new JobID();
        try (Router r = new Router(job, OperatorSubtaskState.builder().build())) {
            r.frames(7);
            assertThat(r.count("frames")).isEqualTo(1);
        }
    }

    /** The event router in a harness of its own job. */
    private static final class Router implements AutoCloseable {
        final EventRouter router = new EventRouter();
        final OneInputStreamOperatorTestHarness<MarketEvent, MarketEvent> harness;

        Router(JobID job, OperatorSubtaskState restoreFrom) throws Exception {
            harness = new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(router),
                    new MockEnvironmentBuilder().setJobID(job).build());
            if (restoreFrom != null) harness.initializeState(restoreFrom);
            harness.open();
        }

        /** One heartbeat frame per ordinal (connection-level: counted as a frame and a connection event). */
        void frames(long... ordinals) throws Exception {
            for (long o : ordinals) {
                EventHeader h = new EventHeader("kraken", "BTC/USD", T + o, T + o, "c1", o);
                harness.processElement(new StreamRecord<>(MarketEvent.of(new Heartbeat(h)), T + o));
            }
        }

        long count(String accumulator) {
            return ((Number) router.getRuntimeContext().getAccumulator(accumulator).getLocalValue()).longValue();
        }

        @Override
        public void close() throws Exception {
            harness.close();
        }
    }
}
