package io.cryptorun.functions.alerts;

import static io.cryptorun.functions.AnalyticsSamples.HOUR;
import static io.cryptorun.functions.AnalyticsSamples.MIN;
import static io.cryptorun.functions.AnalyticsSamples.SEC;
import static io.cryptorun.functions.AnalyticsSamples.T0;
import static io.cryptorun.functions.AnalyticsSamples.scored;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.junit.jupiter.api.Test;

@SuppressWarnings("try")
class AlertFunctionTest {
    static final long LATE = 30 * SEC;

    static KeyedBroadcastOperatorTestHarness<String, ChannelScore, ControlCommand, AlertDecision> harness() throws Exception {
        var h = new KeyedBroadcastOperatorTestHarness<>(new CoBroadcastWithKeyedOperator<>(
                new AlertFunction(ThrottleConfig.defaults()), List.of(AlertFunction.CONTROLS)), AlertFunction.KEY, Types.STRING, 1, 1, 0);
        h.getExecutionConfig().disableGenericTypes();
        return h;
    }

    static void candidate(KeyedBroadcastOperatorTestHarness<String, ChannelScore, ControlCommand, AlertDecision> h, String symbol,
            long tick, double score) throws Exception {
        h.processElement(new StreamRecord<>(new ChannelScore("desk", scored(symbol, tick, score, 100, 90, 0.03)), (tick + LATE) / 1000));
    }

    static void control(KeyedBroadcastOperatorTestHarness<String, ChannelScore, ControlCommand, AlertDecision> h, ControlCommand c)
            throws Exception {
        h.processBroadcastElement(new StreamRecord<>(c, c.tsMicros() / 1000));
    }

    static void both(KeyedBroadcastOperatorTestHarness<String, ChannelScore, ControlCommand, AlertDecision> h, long micros)
            throws Exception {
        h.processWatermark(new Watermark(micros / 1000));
        h.processBroadcastWatermark(new Watermark(micros / 1000));
    }

    static List<String> suppressed(KeyedBroadcastOperatorTestHarness<String, ChannelScore, ControlCommand, AlertDecision> h) {
        List<String> out = new ArrayList<>();
        h.getSideOutput(AlertFunction.SUPPRESSED).forEach(r -> out.add(r.getValue().scored().symbol() + ":" + String.join(",", r.getValue().reasons())));
        return out;
    }

    @Test
    void controlsApplyByEventTimeAndLimitsHoldAcrossARestore() throws Exception {
        OperatorSubtaskState state;
        try (var h = harness()) {
            h.open();
            // a mute of SOL from T0 + 2 min for 1 h, arriving after candidates of earlier ticks
            candidate(h, "SOL/USD", T0 + MIN, 80);
            candidate(h, "ADA/USD", T0 + MIN, 80);
            control(h, new ControlCommand(T0 + 2 * MIN, 1, ControlCommand.MUTE, ControlCommand.SCOPE_SYMBOL, "XRP/USD", HOUR, "ops"));
            candidate(h, "XRP/USD", T0 + 2 * MIN, 80);
            candidate(h, "ETH/USD", T0 + 3 * MIN, 80);
            candidate(h, "DOT/USD", T0 + 4 * MIN, 80); // 4th in the hour
            both(h, T0 + 4 * MIN + LATE);
            assertThat(h.extractOutputValues()).extracting(d -> d.scored().symbol())
                    .containsExactly("ADA/USD", "SOL/USD", "ETH/USD");
            assertThat(suppressed(h)).containsExactly("XRP/USD:muted", "DOT/USD:rate_hour");
            state = h.snapshot(1, 1);
        }
        try (var h = harness()) {
            h.initializeState(state);
            h.open();
            candidate(h, "SOL/USD", T0 + 2 * HOUR, 82);  // cooldown: +2 is not +5
            candidate(h, "ADA/USD", T0 + 2 * HOUR, 86);  // +6 lifts the cooldown
            candidate(h, "XRP/USD", T0 + 2 * HOUR, 80);  // the mute expired at T0 + 1 h 2 min
            both(h, T0 + 2 * HOUR + LATE);
            assertThat(h.extractOutputValues()).extracting(d -> d.scored().symbol()).containsExactly("ADA/USD", "XRP/USD");
            assertThat(suppressed(h)).containsExactly("SOL/USD:cooldown");
        }
    }
}
