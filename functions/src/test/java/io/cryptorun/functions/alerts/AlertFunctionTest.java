package io.cryptorun.functions.alerts;

import static io.cryptorun.functions.AnalyticsSamples.HOUR;
import static io.cryptorun.functions.AnalyticsSamples.MIN;
import static io.cryptorun.functions.AnalyticsSamples.SEC;
import static io.cryptorun.functions.AnalyticsSamples.T0;
import static io.cryptorun.functions.AnalyticsSamples.scored;
import static org.assertj.core.api.Assertions.assertThat;

import io.cryptorun.functions.scan.ScanOutcome;
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

    /** The operator under test. */
    static final class H extends KeyedBroadcastOperatorTestHarness<String, ThrottleInput, ControlCommand, AlertDecision> {
        H() throws Exception {
            super(new CoBroadcastWithKeyedOperator<>(new AlertFunction(ThrottleConfig.defaults()), List.of(AlertFunction.CONTROLS)),
                    AlertFunction.KEY, Types.STRING, 1, 1, 0);
        }
    }

    static H harness() throws Exception {
        var h = new H();
        h.getExecutionConfig().disableGenericTypes();
        return h;
    }

    static void candidate(H h, String symbol,
            long tick, double score) throws Exception {
        h.processElement(new StreamRecord<>(new ThrottleInput("desk",
                ScanOutcome.passed(scored(symbol, tick, score, 100, 90, 0.03), (tick + LATE) / 1000)), (tick + LATE) / 1000));
    }

    /** The scan's "tick complete" marker for {@code tick} on channel desk. */
    static void complete(H h, long tick) throws Exception {
        h.processElement(new StreamRecord<>(new ThrottleInput("desk",
                ScanOutcome.complete(tick, (tick + LATE) / 1000, 0, tick + SEC)), (tick + LATE) / 1000));
    }

    static void control(H h, ControlCommand c)
            throws Exception {
        h.processBroadcastElement(new StreamRecord<>(c, c.tsMicros() / 1000));
    }

    static void both(H h, long micros)
            throws Exception {
        h.processWatermark(new Watermark(micros / 1000));
        h.processBroadcastWatermark(new Watermark(micros / 1000));
    }

    static List<String> suppressed(H h) {
        List<String> out = new ArrayList<>();
        var side = h.getSideOutput(AlertFunction.SUPPRESSED);
        if (side == null) {
            return out; // nothing suppressed yet
        }
        side.forEach(r -> out.add(r.getValue().scored().symbol() + ":" + String.join(",", r.getValue().reasons())));
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

    /** Every main-output record as "symbol sent reasons @timestamp", then the suppressed ones (values only), in order. */
    static List<String> decisions(H h) {
        List<String> out = new ArrayList<>();
        h.getOutput().forEach(o -> {
            if (o instanceof StreamRecord<?> r) {
                AlertDecision d = (AlertDecision) r.getValue();
                out.add(d.channel() + " " + d.scored().symbol() + " " + d.scored().tickMicros() + " sent @" + r.getTimestamp());
            }
        });
        out.addAll(suppressed(h));
        return out;
    }

    /** Candidates of four ticks (the 4th exceeds 3 per hour) and a mute of XRP from the 2nd tick. */
    static final long[] TICKS = {T0 + MIN, T0 + 2 * MIN, T0 + 3 * MIN, T0 + 4 * MIN};

    static void tickCandidates(H h, int i) throws Exception {
        switch (i) {
            case 0 -> {
                candidate(h, "SOL/USD", TICKS[0], 80);
                candidate(h, "ADA/USD", TICKS[0], 80);
            }
            case 1 -> candidate(h, "XRP/USD", TICKS[1], 80);
            case 2 -> candidate(h, "ETH/USD", TICKS[2], 80);
            default -> candidate(h, "DOT/USD", TICKS[3], 80);
        }
    }

    static final ControlCommand MUTE_XRP =
            new ControlCommand(T0 + 2 * MIN, 1, ControlCommand.MUTE, ControlCommand.SCOPE_SYMBOL, "XRP/USD", HOUR, "ops");

    @Test
    void theMarkerDecidesATickOnceTheWatermarkReachesItWithTheDeadlinesRecordsAndTimestamps() throws Exception {
        List<String> atDeadline;
        List<AlertDecision> deadlineValues;
        try (var h = harness()) { // the reference: no markers, every batch at its deadline
            h.open();
            control(h, MUTE_XRP);
            for (int i = 0; i < TICKS.length; i++) {
                tickCandidates(h, i);
            }
            both(h, TICKS[3] + LATE);
            atDeadline = decisions(h);
            deadlineValues = h.extractOutputValues();
            assertThat(atDeadline).containsExactly(
                    "desk ADA/USD " + TICKS[0] + " sent @" + (TICKS[0] + LATE) / 1000,
                    "desk SOL/USD " + TICKS[0] + " sent @" + (TICKS[0] + LATE) / 1000,
                    "desk ETH/USD " + TICKS[2] + " sent @" + (TICKS[2] + LATE) / 1000,
                    "XRP/USD:muted", "DOT/USD:rate_hour");
        }
        try (var h = harness()) {
            h.open();
            control(h, MUTE_XRP);
            int seen = 0;
            for (int i = 0; i < TICKS.length; i++) {
                tickCandidates(h, i);
                complete(h, TICKS[i]);
                both(h, TICKS[i] - 1000); // one ms before the tick: controls up to the tick may still come
                assertThat(decisions(h)).as("tick %d before its time", i).hasSize(seen);
                both(h, TICKS[i]); // the watermark reaches the tick: decided now, 30 s before the deadline
                assertThat(decisions(h)).as("tick %d at its time", i).hasSizeGreaterThan(seen);
                seen = decisions(h).size();
            }
            both(h, TICKS[3] + LATE); // the deadline timers find nothing left
            assertThat(decisions(h)).containsExactlyInAnyOrderElementsOf(atDeadline);
            assertThat(h.extractOutputValues()).usingRecursiveFieldByFieldElementComparator()
                    .containsExactlyElementsOf(deadlineValues);
        }
    }

    @Test
    void aMarkerSeenAfterTheWatermarkPassedTheTickDecidesAtOnce() throws Exception {
        try (var h = harness()) {
            h.open();
            long tick = TICKS[0];
            both(h, tick + 10 * SEC); // e.g. the scan fired on the last arrival, after the watermark passed the tick
            tickCandidates(h, 0);
            assertThat(decisions(h)).isEmpty(); // the batch is not known to be whole yet
            complete(h, tick);
            assertThat(decisions(h)).containsExactly(
                    "desk ADA/USD " + tick + " sent @" + (tick + LATE) / 1000, "desk SOL/USD " + tick + " sent @" + (tick + LATE) / 1000);
            complete(h, TICKS[1]); // a marker without candidates on this channel changes nothing
            both(h, TICKS[3] + LATE);
            assertThat(decisions(h)).hasSize(2);
        }
    }

    /**
     * The decision of tick T reads the commands with time ≤ T. With the marker seen and the scan's
     * watermark far past T, a control stream whose watermark is still before T holds the batch; a
     * mute at T − 1 µs or at T applies, one at T + 1 µs does not — exactly as at the deadline.
     */
    @Test
    void aMuteJustBeforeOrAfterTheDecisionTimeAppliesAsAtTheDeadline() throws Exception {
        long tick = T0 + 10 * MIN;
        for (long offset : new long[] {-1, 0, 1}) {
            ControlCommand mute = new ControlCommand(tick + offset, 1, ControlCommand.MUTE, ControlCommand.SCOPE_SYMBOL, "SOL/USD",
                    HOUR, "ops");
            List<String> atDeadline;
            try (var h = harness()) {
                h.open();
                candidate(h, "SOL/USD", tick, 80);
                control(h, mute);
                both(h, tick + LATE);
                atDeadline = decisions(h);
            }
            assertThat(atDeadline).as("offset %d µs", offset).containsExactly(offset <= 0 ? "SOL/USD:muted"
                    : "desk SOL/USD " + tick + " sent @" + (tick + LATE) / 1000);
            try (var h = harness()) {
                h.open();
                candidate(h, "SOL/USD", tick, 80);
                complete(h, tick);
                h.processWatermark(new Watermark((tick + LATE) / 1000 - 1)); // the scan's side: far past the tick
                h.processBroadcastWatermark(new Watermark(tick / 1000 - 1)); // controls: known up to T − 1 ms only
                assertThat(decisions(h)).as("held by the control stream").isEmpty();
                control(h, mute); // not late: the control watermark is before the command
                h.processBroadcastWatermark(new Watermark(tick / 1000));
                assertThat(decisions(h)).as("offset %d µs", offset).containsExactlyElementsOf(atDeadline);
            }
        }
    }

    @Test
    void aWaitingMarkerSurvivesARestore() throws Exception {
        long tick = TICKS[0];
        OperatorSubtaskState state;
        try (var h = harness()) {
            h.open();
            tickCandidates(h, 0);
            complete(h, tick);
            h.processWatermark(new Watermark(tick / 1000 + 5));
            h.processBroadcastWatermark(new Watermark(tick / 1000 - 1));
            assertThat(decisions(h)).isEmpty();
            state = h.snapshot(1, 1);
        }
        try (var h = harness()) {
            h.initializeState(state);
            h.open();
            h.processWatermark(new Watermark(tick / 1000 + 5));
            h.processBroadcastWatermark(new Watermark(tick / 1000));
            assertThat(decisions(h)).containsExactly(
                    "desk ADA/USD " + tick + " sent @" + (tick + LATE) / 1000, "desk SOL/USD " + tick + " sent @" + (tick + LATE) / 1000);
        }
    }
}
