package io.cryptorun.functions.alerts;

import io.cryptorun.functions.time.EventTimeBuffer;
import io.cryptorun.functions.metrics.ScannerMetrics;
import io.cryptorun.sources.time.Micros;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * SPEC §9 throttle per user/channel (keyed by channel) with the control topic as broadcast state.
 * Sent alerts are the main output, suppressed ones go to {@link #SUPPRESSED} with every reason.
 *
 * <p>Candidates are parked under their record time and decided when the watermark passes it, in
 * (tick, symbol) order, against the controls in force at the tick ({@link ControlBook}: commands
 * with time ≤ the tick). Since the control stream's watermark holds the operator back, every
 * command up to the tick is in by then, whatever the arrival interleaving — the outcome depends
 * on event times only. Control commands stay in broadcast state (they are few; an expired one
 * changes nothing, see {@link Controls}).
 */
public class AlertFunction extends KeyedBroadcastProcessFunction<String, ChannelScore, ControlCommand, AlertDecision> {
    private static final long serialVersionUID = 1L;

    public static final OutputTag<AlertDecision> SUPPRESSED =
            new OutputTag<>("suppressed", TypeInformation.of(AlertDecision.class));

    public static final MapStateDescriptor<String, ControlCommand> CONTROLS =
            new MapStateDescriptor<>("controls", Types.STRING, TypeInformation.of(ControlCommand.class));

    public static final KeySelector<ChannelScore, String> KEY = new ChannelKey();

    private final ThrottleConfig cfg;

    private transient ValueState<ThrottleState> throttleState;
    private transient EventTimeBuffer<ChannelScore[]> pending;
    private transient Counter sent;
    private transient Counter suppressed;
    private transient Map<String, Counter> suppressedByReason;
    private transient MetricGroup byReason;
    private transient Histogram endToEnd;

    public AlertFunction(ThrottleConfig cfg) {
        this.cfg = cfg;
    }

    @Override
    public void open(OpenContext ctx) {
        throttleState = getRuntimeContext().getState(
                new ValueStateDescriptor<>("throttle", TypeInformation.of(ThrottleState.class)));
        MapState<Long, ChannelScore[]> candidates = getRuntimeContext().getMapState(new MapStateDescriptor<>(
                "pending-candidates", Types.LONG, TypeInformation.of(ChannelScore[].class)));
        pending = new EventTimeBuffer<>(candidates, new ChannelScore[0], at -> at); // keyed by the record's timestamp (ms)
        MetricGroup metrics = getRuntimeContext().getMetricGroup();
        sent = metrics.counter(ScannerMetrics.ALERTS_SENT);
        suppressed = metrics.counter(ScannerMetrics.ALERTS_SUPPRESSED);
        endToEnd = ScannerMetrics.latencyHistogram(metrics, ScannerMetrics.ALERT_END_TO_END_MS);
        byReason = metrics;
        suppressedByReason = new HashMap<>();
        for (String r : SuppressReason.ALL) { // up front, so every reason shows before it first happens
            suppressedCounter(r);
        }
    }

    private Counter suppressedCounter(String reason) {
        // reasons are the small fixed vocabulary of SuppressReason, so the label stays bounded
        return suppressedByReason.computeIfAbsent(reason,
                r -> byReason.addGroup(ScannerMetrics.REASON_LABEL, r).counter(ScannerMetrics.ALERTS_SUPPRESSED_BY_REASON));
    }

    @Override
    public void processElement(ChannelScore c, ReadOnlyContext ctx, Collector<AlertDecision> out) throws Exception {
        pending.park(ctx.timestamp(), ctx.timerService(), p -> {
            ChannelScore[] next = Arrays.copyOf(p, p.length + 1);
            next[p.length] = c;
            return next;
        });
    }

    @Override
    public void processBroadcastElement(ControlCommand c, Context ctx, Collector<AlertDecision> out) throws Exception {
        ctx.getBroadcastState(CONTROLS).put(c.key(), c);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<AlertDecision> out) throws Exception {
        ChannelScore[] p = pending.take(timestamp);
        if (p == null) {
            return;
        }
        ChannelScore[] sorted = p.clone();
        Arrays.sort(sorted, Comparator.comparingLong((ChannelScore c) -> c.scored().tickMicros())
                .thenComparing(c -> c.scored().symbol()));
        List<ControlCommand> commands = new ArrayList<>();
        for (Map.Entry<String, ControlCommand> e : ctx.getBroadcastState(CONTROLS).immutableEntries()) {
            commands.add(e.getValue());
        }
        AlertThrottle throttle = new AlertThrottle(cfg);
        ThrottleState state = throttleState.value();
        if (state == null) {
            state = ThrottleState.EMPTY;
        }
        for (ChannelScore c : sorted) {
            long tick = c.scored().tickMicros();
            ThrottleDecision d = throttle.decide(state,
                    new AlertCandidate(c.scored().symbol(), c.channel(), c.scored().score(), c.scored().regime(), tick),
                    ControlBook.at(tick, commands));
            state = d.state();
            AlertDecision decision = new AlertDecision(c.channel(), c.scored(), d.send(), d.reasons().toArray(String[]::new));
            if (d.send()) {
                out.collect(decision);
                sent.inc();
                endToEnd.update(Math.max(0, ctx.timerService().currentProcessingTime() - Micros.toMillis(tick)));
            } else {
                ctx.output(SUPPRESSED, decision);
                suppressed.inc();
                for (String r : decision.reasons()) {
                    suppressedCounter(r).inc();
                }
            }
        }
        throttleState.update(state);
    }

    /** The user/channel. */
    public static final class ChannelKey implements KeySelector<ChannelScore, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(ChannelScore c) {
            return c.channel();
        }
    }
}
