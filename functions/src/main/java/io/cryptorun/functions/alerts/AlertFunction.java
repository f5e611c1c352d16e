package io.cryptorun.functions.alerts;

import io.cryptorun.functions.time.EventTimeBuffer;
import io.cryptorun.functions.metrics.LatencyAccumulators;
import io.cryptorun.functions.metrics.ScannerMetrics;
import io.cryptorun.functions.scan.ScanOutcome;
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
import org.apache.flink.streaming.api.operators.TimestampedCollector;
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
 *
 * <p>Issue 16: a tick's batch is decided sooner, when the scan's completion marker for the tick
 * has arrived (behind all of the tick's candidates, on the same channel) and the watermark has
 * reached the tick — every control command up to the tick is in then ({@link BatchReadiness}).
 * The decisions and their timestamps (the batch key, {@code T + 30 s}) are the deadline's; the
 * deadline timer stays as the fallback (batches parked before a restore from an older savepoint,
 * or a marker that has not come). Markers waiting for the watermark are kept in the state
 * {@code tick-complete} under their tick, with an event-time timer at the tick.
 */
public class AlertFunction extends KeyedBroadcastProcessFunction<String, ThrottleInput, ControlCommand, AlertDecision> {
    private static final long serialVersionUID = 1L;

    public static final OutputTag<AlertDecision> SUPPRESSED =
            new OutputTag<>("suppressed", TypeInformation.of(AlertDecision.class));

    public static final MapStateDescriptor<String, ControlCommand> CONTROLS =
            new MapStateDescriptor<>("controls", Types.STRING, TypeInformation.of(ControlCommand.class));

    public static final KeySelector<ThrottleInput, String> KEY = new ChannelKey();

    private final ThrottleConfig cfg;

    private transient ValueState<ThrottleState> throttleState;
    private transient EventTimeBuffer<ChannelScore[]> pending;
    private transient MapState<Long, ChannelScore[]> candidates;
    /** Completion markers waiting for the watermark to reach their tick, by tick (ms). */
    private transient MapState<Long, ScanOutcome> completed;
    private transient org.apache.flink.api.common.accumulators.Histogram tickToAlert;
    private transient org.apache.flink.api.common.accumulators.Histogram tickToDecision;
    private transient org.apache.flink.api.common.accumulators.Histogram scanToDecision;
    private transient Histogram tickToDecisionMs;
    /**
     * Deadline probe (latency measurement only): the first-arrival stamp of each marker's tick under
     * its deadline, so the moment the pre-issue-16 throttle would have decided (the watermark passing
     * the deadline) is measured in the same run as the marker's decision.
     */
    private transient MapState<Long, Long> deadlineProbe;
    private transient org.apache.flink.api.common.accumulators.Histogram tickToDeadline;
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
        candidates = getRuntimeContext().getMapState(new MapStateDescriptor<>(
                "pending-candidates", Types.LONG, TypeInformation.of(ChannelScore[].class)));
        completed = getRuntimeContext().getMapState(new MapStateDescriptor<>(
                "tick-complete", Types.LONG, TypeInformation.of(ScanOutcome.class)));
        deadlineProbe = getRuntimeContext().getMapState(new MapStateDescriptor<>("deadline-probe", Types.LONG, Types.LONG));
        tickToDeadline = getRuntimeContext().getHistogram(LatencyAccumulators.TICK_TO_DEADLINE);
        tickToAlert = getRuntimeContext().getHistogram(LatencyAccumulators.TICK_TO_ALERT);
        tickToDecision = getRuntimeContext().getHistogram(LatencyAccumulators.TICK_TO_DECISION);
        scanToDecision = getRuntimeContext().getHistogram(LatencyAccumulators.SCAN_TO_DECISION);
        pending = new EventTimeBuffer<>(candidates, new ChannelScore[0], at -> at); // keyed by the record's timestamp (ms)
        MetricGroup metrics = getRuntimeContext().getMetricGroup();
        sent = metrics.counter(ScannerMetrics.ALERTS_SENT);
        suppressed = metrics.counter(ScannerMetrics.ALERTS_SUPPRESSED);
        endToEnd = ScannerMetrics.latencyHistogram(metrics, ScannerMetrics.ALERT_END_TO_END_MS);
        tickToDecisionMs = ScannerMetrics.latencyHistogram(metrics, ScannerMetrics.TICK_TO_DECISION_MS);
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
    public void processElement(ThrottleInput in, ReadOnlyContext ctx, Collector<AlertDecision> out) throws Exception {
        ScanOutcome o = in.outcome();
        if (!o.isMarker()) {
            ChannelScore c = new ChannelScore(in.channel(), o.passed());
            pending.park(o.deadlineMillis(), ctx.timerService(), p -> {
                ChannelScore[] next = Arrays.copyOf(p, p.length + 1);
                next[p.length] = c;
                return next;
            });
            return;
        }
        if (pending.peek(o.deadlineMillis()) == null && ctx.timerService().currentWatermark() >= o.deadlineMillis()) {
            return; // decided at its deadline already (a marker behind a restore): nothing to do
        }
        // a tick without candidates on this channel is "decided" too (nothing to emit), so the
        // latency of the decision point is measured on every tick, not only on the rare alert
        long tick = Micros.toMillis(o.tickMicros());
        if (o.firstArrivalMicros() != Long.MIN_VALUE) {
            deadlineProbe.put(o.deadlineMillis(), o.firstArrivalMicros());
            ctx.timerService().registerEventTimeTimer(o.deadlineMillis());
        }
        if (BatchReadiness.decidable(o.deadlineMillis(), tick, true, ctx.timerService().currentWatermark())) {
            decideThrough(o, ctx, out);
        } else {
            completed.put(tick, o);
            ctx.timerService().registerEventTimeTimer(tick); // the watermark reaching the tick decides it
        }
    }

    @Override
    public void processBroadcastElement(ControlCommand c, Context ctx, Collector<AlertDecision> out) throws Exception {
        ctx.getBroadcastState(CONTROLS).put(c.key(), c);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<AlertDecision> out) throws Exception {
        // one timestamp can be a batch's deadline and another tick's marker readiness: the older batch first
        decide(timestamp, null, ctx, out);
        Long probe = deadlineProbe.get(timestamp);
        if (probe != null) {
            deadlineProbe.remove(timestamp);
            LatencyAccumulators.add(tickToDeadline, ctx.timerService().currentProcessingTime() - Micros.toMillis(probe));
        }
        ScanOutcome marker = completed.get(timestamp);
        if (marker != null) {
            completed.remove(timestamp);
            decideThrough(marker, ctx, out);
        }
    }

    /** Decides the marker's batch, after every batch parked under an earlier key (deadline order). */
    private void decideThrough(ScanOutcome marker, ReadOnlyContext ctx, Collector<AlertDecision> out) throws Exception {
        measureTick(marker, ctx.timerService().currentProcessingTime());
        List<Long> keys = new ArrayList<>();
        for (Long k : candidates.keys()) {
            if (k <= marker.deadlineMillis()) {
                keys.add(k);
            }
        }
        keys.sort(Long::compare);
        for (long k : keys) {
            decide(k, k == marker.deadlineMillis() ? marker : null, ctx, out);
        }
    }

    /**
     * Decides the batch parked under {@code key} (if any) and emits its decisions with timestamp
     * {@code key}, whenever this runs. {@code marker} (nullable) carries the wall-clock stamps of
     * the latency measurements.
     */
    private void decide(long key, ScanOutcome marker, ReadOnlyContext ctx, Collector<AlertDecision> out) throws Exception {
        ChannelScore[] p = pending.take(key);
        if (p == null) {
            return;
        }
        if (out instanceof TimestampedCollector<AlertDecision> stamped) {
            stamped.setAbsoluteTimestamp(key); // the deadline's timestamp, decided early or not
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
        long now = ctx.timerService().currentProcessingTime();
        for (ChannelScore c : sorted) {
            long tick = c.scored().tickMicros();
            ThrottleDecision d = throttle.decide(state,
                    new AlertCandidate(c.scored().symbol(), c.channel(), c.scored().score(), c.scored().regime(), tick),
                    ControlBook.at(tick, commands));
            state = d.state();
            AlertDecision decision = new AlertDecision(c.channel(), c.scored(), d.send(), d.reasons().toArray(String[]::new));
            if (d.send()) {
                if (marker != null && marker.firstArrivalMicros() != Long.MIN_VALUE) {
                    LatencyAccumulators.add(tickToAlert, now - Micros.toMillis(marker.firstArrivalMicros()));
                }
                out.collect(decision);
                sent.inc();
                endToEnd.update(Math.max(0, now - Micros.toMillis(tick)));
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

    /** Wall-clock latencies of one tick's decision point on this channel (metrics and accumulators only; never an output). */
    private void measureTick(ScanOutcome marker, long now) {
        LatencyAccumulators.add(scanToDecision, now - marker.scannedAtMillis());
        if (marker.firstArrivalMicros() != Long.MIN_VALUE) {
            long fromTick = now - Micros.toMillis(marker.firstArrivalMicros());
            LatencyAccumulators.add(tickToDecision, fromTick);
            tickToDecisionMs.update(Math.max(0, fromTick));
        }
    }

    /** The user/channel. */
    public static final class ChannelKey implements KeySelector<ThrottleInput, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(ThrottleInput c) {
            return c.channel();
        }
    }
}
