package io.cryptorun.functions.alerts;

import static io.cryptorun.functions.AnalyticsSamples.MIN;
import static io.cryptorun.functions.AnalyticsSamples.SEC;
import static io.cryptorun.functions.AnalyticsSamples.T0;
import static io.cryptorun.functions.AnalyticsSamples.scored;
import static org.assertj.core.api.Assertions.assertThat;

import io.cryptorun.functions.scan.ScoredAsset;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

@SuppressWarnings("try")
class PaperFunctionTest {
    static final long LATE = 30 * SEC;

    static KeyedTwoInputStreamOperatorTestHarness<String, AlertDecision, ScoredAsset, PaperExit> harness() throws Exception {
        var h = new KeyedTwoInputStreamOperatorTestHarness<>(new KeyedCoProcessOperator<>(new PaperFunction(PaperConfig.defaults())),
                PaperFunction.ALERT_KEY, PaperFunction.SCORE_KEY, Types.STRING);
        h.getExecutionConfig().disableGenericTypes();
        return h;
    }

    static void update(KeyedTwoInputStreamOperatorTestHarness<String, AlertDecision, ScoredAsset, PaperExit> h, long tick, double price)
            throws Exception {
        h.processElement2(new StreamRecord<>(scored("SOL/USD", tick, 80, price, 90, 0.03), (tick + LATE) / 1000));
    }

    @Test
    void opensOnAnAlertWhateverTheArrivalOrderAndExitsOnTheHardStop() throws Exception {
        OperatorSubtaskState state;
        try (var h = harness()) {
            h.open();
            update(h, T0, 100);            // the alert's own tick: opens, not an update
            update(h, T0 + MIN, 104);      // +4 %: below the 8 % target
            h.processElement1(new StreamRecord<>(new AlertDecision("desk", scored("SOL/USD", T0, 80, 100, 90, 0.03), true,
                    new String[0]), (T0 + LATE) / 1000));
            h.processBothWatermarks(new Watermark((T0 + MIN + LATE) / 1000));
            assertThat(h.extractOutputValues()).isEmpty();
            state = h.snapshot(1, 1);
        }
        try (var h = harness()) {
            h.initializeState(state);
            h.open();
            update(h, T0 + 2 * MIN, 96.9); // ATR 2 at entry: the stop is 100 − 1.5 × 2 = 97
            h.processBothWatermarks(new Watermark((T0 + 2 * MIN + LATE) / 1000));
            assertThat(h.extractOutputValues()).singleElement().satisfies(e -> {
                assertThat(e.reason()).isEqualTo(ExitReason.HARD_STOP);
                assertThat(e.entryPrice()).isEqualTo(100.0);
                assertThat(e.exitMicros()).isEqualTo(T0 + 2 * MIN);
                assertThat(e.pnlPct()).isCloseTo(-3.1, org.assertj.core.data.Offset.offset(1e-9));
            });
            update(h, T0 + 3 * MIN, 90);   // closed: nothing more
            h.processBothWatermarks(new Watermark(Long.MAX_VALUE));
            assertThat(h.extractOutputValues()).hasSize(1);
        }
    }
}
