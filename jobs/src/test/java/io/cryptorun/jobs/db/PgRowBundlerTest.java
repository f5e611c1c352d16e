package io.cryptorun.jobs.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class PgRowBundlerTest {
    @Test
    void bundlesPerTableAtTheLimitBeforeEveryBarrierAndAtTheEnd() throws Exception {
        try (OneInputStreamOperatorTestHarness<PgRow, PgRow> h = new OneInputStreamOperatorTestHarness<>(new PgRowBundler(2))) {
            h.open();
            h.processElement(new StreamRecord<>(new PgRow("bars", "{\"a\":1}")));
            h.processElement(new StreamRecord<>(new PgRow("trades", "{\"t\":1}")));
            assertThat(h.extractOutputValues()).isEmpty();
            h.processElement(new StreamRecord<>(new PgRow("bars", "{\"a\":2}")));
            assertThat(h.extractOutputValues()).containsExactly(new PgRow("bars", "[{\"a\":1},{\"a\":2}]"));

            h.prepareSnapshotPreBarrier(1);
            assertThat(h.extractOutputValues()).containsExactly(new PgRow("bars", "[{\"a\":1},{\"a\":2}]"),
                    new PgRow("trades", "[{\"t\":1}]"));
            h.snapshot(1, 1);

            h.processElement(new StreamRecord<>(new PgRow("trades", "{\"t\":2}")));
            h.endInput();
            List<PgRow> out = h.extractOutputValues();
            assertThat(out).hasSize(3).last().isEqualTo(new PgRow("trades", "[{\"t\":2}]"));
        }
    }
}
