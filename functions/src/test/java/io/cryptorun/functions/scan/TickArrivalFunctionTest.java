package io.cryptorun.functions.scan;

import static io.cryptorun.functions.AnalyticsSamples.MIN;
import static io.cryptorun.functions.AnalyticsSamples.SEC;
import static io.cryptorun.functions.AnalyticsSamples.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.cryptorun.sources.model.EventHeader;
import io.cryptorun.sources.model.Heartbeat;
import io.cryptorun.sources.model.MarketEvent;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

@SuppressWarnings("try")
class TickArrivalFunctionTest {
    static KeyedOneInputStreamOperatorTestHarness<String, MarketEvent, TickArrival> harness() throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new TickArrivalFunction()),
                TickArrivalFunction.KEY, Types.STRING);
    }

    /** A heartbeat carries no exchange time: its event time is its receive time. */
    static MarketEvent frame(long exchange, long receive) {
        return MarketEvent.of(new Heartbeat(new EventHeader("kraken", "", exchange, receive, "c1", 0)));
    }

    static void send(KeyedOneInputStreamOperatorTestHarness<String, MarketEvent, TickArrival> h, long exchange, long receive)
            throws Exception {
        h.processElement(new StreamRecord<>(frame(exchange, receive), exchange / 1000));
    }

    static List<TickArrival> out(KeyedOneInputStreamOperatorTestHarness<String, MarketEvent, TickArrival> h) {
        List<TickArrival> out = new ArrayList<>();
        h.extractOutputValues().forEach(out::add);
        return out;
    }

    @Test
    void theFirstFramePastEachTickStampsItWithItsReceiveTime() throws Exception {
        try (var h = harness()) {
            h.open();
            send(h, T0 - SEC, T0 - SEC + 5_000);          // first frame ever: stamps T0 − 1 min
            send(h, T0, T0 + 4_000);                      // event time T0 has not passed T0
            send(h, T0 + 2 * SEC, T0 + 2 * SEC + 7_000);  // passes T0
            send(h, T0 + 3 * SEC, T0 + 3 * SEC + 1_000);  // T0 already stamped
            // a 45 s stall: the frame of T0 + 58 s is received at T0 + 1 min 43 s and passes nothing;
            // the next one (event T0 + 1 min 2 s) arrives with it and stamps T0 + 1 min late
            send(h, T0 + 58 * SEC, T0 + 103 * SEC);
            send(h, T0 + 62 * SEC, T0 + 103 * SEC);
            assertThat(out(h)).containsExactly(
                    new TickArrival("c1", T0 - MIN, T0 - SEC + 5_000),
                    new TickArrival("c1", T0, T0 + 2 * SEC + 7_000),
                    new TickArrival("c1", T0 + MIN, T0 + 103 * SEC));
        }
    }

    @Test
    void aFrameJumpingSeveralTicksStampsEachAndStateSurvivesRestore() throws Exception {
        OperatorSubtaskState state;
        try (var h = harness()) {
            h.open();
            send(h, T0 + SEC, T0 + SEC);
            state = h.snapshot(1, 1);
        }
        try (var h = harness()) {
            h.initializeState(state);
            h.open();
            send(h, T0 + 3 * MIN + SEC, T0 + 3 * MIN + 2 * SEC);
            assertThat(out(h)).extracting(TickArrival::tickMicros).containsExactly(T0 + MIN, T0 + 2 * MIN, T0 + 3 * MIN);
        }
    }
}
