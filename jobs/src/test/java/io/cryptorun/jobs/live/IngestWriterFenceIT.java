package io.cryptorun.jobs.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptorun.jobs.db.DbMigrations;
import io.cryptorun.jobs.db.PgSettings;
import io.cryptorun.jobs.replication.WarmTier;
import io.cryptorun.jobs.replication.WriterFence;
import io.cryptorun.sources.live.SymbolFrame;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.flink.runtime.execution.SuppressRestartsException;
import org.apache.flink.streaming.api.operators.StreamMap;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The running ingest's fence (issue 17) on Flink's harness and the real PostgreSQL of region a: the numbering operator
 * in front of each Kafka sink re-reads the active region on every checkpoint. Region a active at epoch 0: checkpoints
 * pass; a failover to b recorded (epoch 1): the next checkpoint fails with {@link SuppressRestartsException} (Flink does
 * not restart the job; the sink's transaction of that checkpoint never commits), and a restore fails the same way.
 */
class IngestWriterFenceIT {
    @Test
    void aRunningIngestStopsAtTheFirstCheckpointAfterItsRegionWasDemoted() throws Exception {
        String url = System.getenv("CRYPTORUN_REGION_A_PG_URL");
        Assumptions.assumeTrue(url != null && !"0".equals(System.getenv("CRYPTORUN_REGION_B")), "region databases not provisioned");
        String user = System.getenv().getOrDefault("CRYPTORUN_PG_USER", "cryptorun");
        String pw = System.getenv().getOrDefault("CRYPTORUN_PG_PASSWORD", "cryptorun");
        String schema = "wf_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        PgSettings admin = PgSettings.of(url, user, pw);
        try (Connection c = admin.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
        }
        try {
            PgSettings pg = PgSettings.of(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema, user, pw);
            DbMigrations.migrate(pg, Instant.now());
            WriterFence fence = new WriterFence("a", 0, List.of(pg));
            IngestJob.ToRecord op = new IngestJob.ToRecord(fence);
            org.apache.flink.runtime.checkpoint.OperatorSubtaskState state;
            try (var h = new OneInputStreamOperatorTestHarness<SymbolFrame, io.cryptorun.jobs.kafka.KafkaJsonSink.Numbered>(new StreamMap<>(op))) {
                h.open();
                state = h.snapshot(1, 1); // a is active at epoch 0: passes
                WarmTier.record(pg, "hot", "a", "b", Instant.now(), "{\"reason\":\"test\",\"epoch\":1}", Double.NaN);
                assertThatThrownBy(() -> h.snapshot(2, 2)).hasRootCauseInstanceOf(WriterFence.Fenced.class)
                        .satisfies(e -> assertThat(org.apache.flink.util.ExceptionUtils.findThrowable(e, SuppressRestartsException.class)).isPresent())
                        .rootCause().hasMessageContaining("writer of region a at fencing epoch 0 is fenced: the hot tier's active region is b at epoch 1");
            }
            try (var h = new OneInputStreamOperatorTestHarness<SymbolFrame, io.cryptorun.jobs.kafka.KafkaJsonSink.Numbered>(
                    new StreamMap<>(new IngestJob.ToRecord(fence)))) {
                h.initializeState(state);
                assertThatThrownBy(h::open).isInstanceOf(SuppressRestartsException.class);
            } catch (SuppressRestartsException expectedOnInit) {
                // initializeState itself may already refuse: the same outcome
            }
            // b's writer at epoch 1 passes; without fencing nothing is checked
            try (var h = new OneInputStreamOperatorTestHarness<SymbolFrame, io.cryptorun.jobs.kafka.KafkaJsonSink.Numbered>(
                    new StreamMap<>(new IngestJob.ToRecord(new WriterFence("b", 1, List.of(pg)))))) {
                h.open();
                h.snapshot(1, 1);
            }
        } finally {
            try (Connection c = admin.connect(); Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }
}
