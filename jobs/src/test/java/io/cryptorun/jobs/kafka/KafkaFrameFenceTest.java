package io.cryptorun.jobs.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptorun.sources.model.EventHeader;
import io.cryptorun.sources.model.Heartbeat;
import io.cryptorun.sources.model.MarketEvent;
import io.cryptorun.sources.model.Quarantine;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The fence operator on Flink's harness: every event of a new record passes; after a snapshot and a restore, the
 * records up to the snapshot's last one (all their events) are dropped when they come again — as after a hot
 * failover from MM2's conservative offsets — and the next record passes; fences are per venue and connection.
 */
class KafkaFrameFenceTest {
    static MarketEvent ev(String venue, String conn, long seq) {
        return MarketEvent.of(new Heartbeat(new EventHeader(venue, "BTC/USD", 1_000L + seq, 1_000L + seq, conn, seq), seq, -1));
    }

    static OneInputStreamOperatorTestHarness<MarketEvent, MarketEvent> harness() throws Exception {
        return new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(new KafkaFrameFence()));
    }

    static List<Long> passed(OneInputStreamOperatorTestHarness<MarketEvent, MarketEvent> h) {
        List<Long> out = new ArrayList<>();
        for (Object o : h.getOutput()) {
            if (o instanceof StreamRecord<?> r) {
                MarketEvent e = (MarketEvent) r.getValue();
                out.add(e.header() != null ? e.header().frameOrdinal() : e.quarantine().frameOrdinal());
            }
        }
        return out;
    }

    @Test
    void recordsAppliedBeforeTheSnapshotAreDroppedAfterTheRestoreTheNextPasses() throws Exception {
        OperatorSubtaskState snap;
        try (var h = harness()) {
            h.open();
            for (long s = 0; s <= 120; s++) {
                h.processElement(new StreamRecord<>(ev("kraken", "kraken-0", s)));
                h.processElement(new StreamRecord<>(ev("kraken", "kraken-0", s))); // a second event of the same record
            }
            h.processElement(new StreamRecord<>(ev("gemini", "gemini-0", 7)));
            assertThat(passed(h)).hasSize(243);
            snap = h.snapshot(1, 1);
        }
        try (var h = harness()) {
            h.initializeState(snap);
            h.open();
            for (long s = 98; s <= 125; s++) { // re-delivered from a conservative translated offset: 98..120 again, then new
                h.processElement(new StreamRecord<>(ev("kraken", "kraken-0", s)));
                h.processElement(new StreamRecord<>(ev("kraken", "kraken-0", s)));
            }
            h.processElement(new StreamRecord<>(ev("gemini", "gemini-0", 7))); // its own fence: applied before
            h.processElement(new StreamRecord<>(ev("gemini", "gemini-0", 8)));
            h.processElement(new StreamRecord<>(ev("kraken", "kraken-1", 3))); // a connection never seen: new
            h.processElement(new StreamRecord<>(MarketEvent.of(new Quarantine("kraken", "", "bad_fixture_line", "x", 5L, "kraken-0",
                    110, "{")))); // a re-delivered undecodable record: dropped like the others
            assertThat(passed(h)).containsExactly(121L, 121L, 122L, 122L, 123L, 123L, 124L, 124L, 125L, 125L, 8L, 3L);
        }
    }
}
