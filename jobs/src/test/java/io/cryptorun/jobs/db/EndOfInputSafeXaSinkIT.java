package io.cryptorun.jobs.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.jdbc.core.datastream.sink.JdbcSink;
import org.apache.flink.connector.jdbc.core.datastream.sink.committer.JdbcCommitable;
import org.apache.flink.streaming.api.connector.sink2.CommittableMessage;
import org.apache.flink.streaming.api.connector.sink2.CommittableMessageTypeInfo;
import org.apache.flink.streaming.runtime.operators.sink.SinkWriterOperatorFactory;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL sink in Flink's own sink writer operator, against a real PostgreSQL, in the order
 * a bounded job drives it when a checkpoint is in flight as the input ends: end of input, then two
 * checkpoints before the task may finish. Flink's XA JDBC sink fails the second one ("currentXid not
 * null"), which restarted the job at the end of such replays; the product's sink takes both, and
 * every row written lands exactly once with no prepared transaction left behind.
 *
 * <p>The connector's writer commits the transactions prepared up to checkpoint n-1 when it takes
 * checkpoint n, so both rows are committed by the writer itself once checkpoint 2 is taken.
 */
class EndOfInputSafeXaSinkIT {
    private static final Instant MIGRATED_AT = Instant.parse("2025-01-06T00:00:00Z");

    @Test
    void twoCheckpointsAfterTheEndOfInputAreTakenAndEveryRowLandsOnce() throws Exception {
        try (TestPg pg = TestPg.freshSchema()) {
            DbMigrations.migrate(pg.settings, MIGRATED_AT);
            long preparedBefore = pg.preparedTransactions(); // of the whole database, other tests' included
            try (OneInputStreamOperatorTestHarness<PgRow, CommittableMessage<JdbcCommitable>> h =
                         harness(PgSinks.exactlyOnce(pg.settings), pg)) {
                h.open();
                h.processElement(new StreamRecord<>(trade(1)));
                h.prepareSnapshotPreBarrier(1);
                h.snapshot(1, 1);
                h.processElement(new StreamRecord<>(trade(2)));
                h.endInput();
                h.prepareSnapshotPreBarrier(2);
                h.snapshot(2, 2);
                h.prepareSnapshotPreBarrier(3);
                h.snapshot(3, 3);
                h.prepareSnapshotPreBarrier(4);
                h.snapshot(4, 4);
            }
            assertThat(pg.count("SELECT count(*) FROM trades")).isEqualTo(2);
            assertThat(pg.count("SELECT count(DISTINCT trade_id) FROM trades")).isEqualTo(2);
            assertThat(pg.preparedTransactions()).as("no transaction left prepared").isEqualTo(preparedBefore);
        }
    }

    /** What the guard is for: the connector's own sink fails the second checkpoint after the end of input. */
    @Test
    void theConnectorsSinkAloneFailsTheSecondCheckpointAfterTheEndOfInput() throws Exception {
        try (TestPg pg = TestPg.freshSchema()) {
            DbMigrations.migrate(pg.settings, MIGRATED_AT);
            long preparedBefore = pg.preparedTransactions(); // of the whole database, other tests' included
            try (OneInputStreamOperatorTestHarness<PgRow, CommittableMessage<JdbcCommitable>> h =
                         harness(PgSinks.connectorSink(pg.settings), pg)) {
                h.open();
                h.processElement(new StreamRecord<>(trade(1)));
                h.endInput();
                h.prepareSnapshotPreBarrier(1);
                h.snapshot(1, 1);
                h.prepareSnapshotPreBarrier(2);
                assertThatThrownBy(() -> h.snapshot(2, 2)).hasStackTraceContaining("currentXid not null");
            }
            assertThat(pg.count("SELECT count(*) FROM trades")).as("committed at checkpoint 1").isEqualTo(1);
            assertThat(pg.preparedTransactions()).isEqualTo(preparedBefore);
        }
    }

    private static OneInputStreamOperatorTestHarness<PgRow, CommittableMessage<JdbcCommitable>> harness(Sink<PgRow> sink,
            TestPg pg) throws Exception {
        OneInputStreamOperatorTestHarness<PgRow, CommittableMessage<JdbcCommitable>> h =
                new OneInputStreamOperatorTestHarness<>(new SinkWriterOperatorFactory<>(sink),
                        TypeInformation.of(PgRow.class).createSerializer(new ExecutionConfig().getSerializerConfig()));
        JdbcSink<PgRow> connector = PgSinks.connectorSink(pg.settings);
        h.setup(CommittableMessageTypeInfo.of(connector::getCommittableSerializer).createSerializer(new ExecutionConfig()));
        return h;
    }

    private static PgRow trade(int id) {
        long ts = 1_736_121_600_000_000L + id;
        return new PgRow("trades", "[{\"ts\":" + ts + ",\"venue\":\"kraken\",\"symbol\":\"BTC/USD\",\"trade_id\":\"" + id
                + "\",\"price\":100.5,\"qty\":0.25,\"side\":\"buy\",\"order_type\":\"market\",\"conn\":\"k1\",\"frame\":" + id
                + ",\"received_ts\":" + ts + "}]");
    }
}
