package io.cryptorun.functions.scan;

import io.cryptorun.functions.time.EventTimeBuffer;
import io.cryptorun.functions.regime.Regime;
import io.cryptorun.functions.regime.RegimeSnapshot;
import io.cryptorun.sources.time.Micros;
import java.util.Map;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import io.cryptorun.functions.gates.Gate;
import io.cryptorun.functions.metrics.ScannerMetrics;
import java.util.HashMap;
import java.util.List;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.operators.TimestampedCollector;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The universe-wide scan (SPEC §7, §8). Keyed by one constant key — a cross-section needs every
 * asset in one place — with the regime snapshots as broadcast state.
 *
 * <p>Snapshots and tick arrivals are parked per tick. The tick T is scanned at the latest when the
 * watermark passes {@code T + maxLateFill} (30 s): by then every snapshot of T has arrived (they are
 * emitted at T), and so has every arrival whose frame's event time is ≤ T + 30 s. A connection whose
 * first frame after T has a later event time gives no arrival, and the late-fill gate fails with
 * {@code receive_time_missing} (fail closed). It is scanned earlier — SPEC §8, issue 16 — as soon as
 * the watermark has reached T and every eligible market's connection has its arrival
 * ({@link ScanReadiness#canFireEarly}): checked by a timer at T and on every arrival after it. An
 * early scan reads exactly what the deadline scan would, and its records carry the deadline's
 * timestamp ({@code T + 30 s}), so everything downstream (alert batches, paper tracker) sees the
 * same records at the same event times; only the wall-clock moment differs. Input for T that comes
 * after an early scan (arrivals of connections no eligible market uses) parks in a bucket without
 * snapshots, which the deadline then drops. The regime is the newest broadcast snapshot with
 * time ≤ T (CHOPPY, the vote's initial regime, before the first) — chosen by time, not by
 * arrival, so broadcast/keyed interleaving cannot change a score.
 *
 * <p>Broadcast state keeps the snapshots of the last {@link #REGIME_RETENTION_MICROS}; pruning
 * depends only on the snapshots themselves, so every parallel instance holds the same state.
 */
public class ScanFunction extends KeyedBroadcastProcessFunction<String, ScanInput, RegimeSnapshot, ScoredAsset> {
    private static final long serialVersionUID = 1L;

    public static final String UNIVERSE_KEY = "universe";
    /** Accumulator names: scans run, and those run before their late-fill deadline (depends on scheduling; never in an output). */
    public static final String SCANS_FIRED = "scans_fired";
    public static final String SCANS_EARLY = "scans_early";
    public static final long REGIME_RETENTION_MICROS = 2 * 24 * 3_600_000_000L;

    public static final MapStateDescriptor<Long, RegimeSnapshot> REGIMES =
            new MapStateDescriptor<>("regimes", Types.LONG, TypeInformation.of(RegimeSnapshot.class));

    public static final KeySelector<ScanInput, String> KEY = new UniverseKey();

    /**
     * The alert throttle's input (issue 16): per scanned tick, its gate-passing assets and then its
     * completion marker ({@link ScanOutcome}), in emission order on one stream.
     */
    public static final OutputTag<ScanOutcome> THROTTLE =
            new OutputTag<>("throttle", TypeInformation.of(ScanOutcome.class));

    private final TickScan scan;

    private transient EventTimeBuffer<ScanBucket> buckets;
    /** Social readings per symbol (issue 14, {@code cryptorun.social}); empty when the job has no social input. */
    private transient MapState<String, SocialBook> social;
    private transient Counter socialInputs;
    private transient Counter lateInputs;
    private transient Histogram scanDuration;
    private transient Histogram scanLag;
    private transient Counter scans;
    private transient Counter scansEarly;
    /** Accumulators (job result, not part of any output): how many scans fired, and how many before the deadline. */
    private transient LongCounter firedAcc;
    private transient LongCounter earlyAcc;
    private transient Counter scansOnTime;
    private transient Counter assetsScored;
    private transient Counter assetsPassed;
    private transient Map<String, Counter> gatePassed;
    private transient Map<String, Counter> gateTrips;

    public ScanFunction(TickScan scan) {
        this.scan = scan;
    }

    @Override
    public void open(OpenContext ctx) {
        MapState<Long, ScanBucket> ticks = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("ticks", Types.LONG, TypeInformation.of(ScanBucket.class)));
        long lateFill = scan.gateConfig().maxLateFillMicros();
        // a tick is scanned once its late-fill window has passed
        buckets = new EventTimeBuffer<>(ticks, ScanBucket.EMPTY, tick -> Micros.toMillis(tick + lateFill));
        social = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("social", Types.STRING, TypeInformation.of(SocialBook.class)));
        MetricGroup metrics = getRuntimeContext().getMetricGroup();
        lateInputs = metrics.counter("scanLateInputs");
        socialInputs = metrics.counter("scanSocialInputs");
        scanDuration = ScannerMetrics.latencyHistogram(metrics, ScannerMetrics.SCAN_DURATION_MS);
        scanLag = ScannerMetrics.latencyHistogram(metrics, ScannerMetrics.SCAN_LAG_MS);
        scans = metrics.counter(ScannerMetrics.SCANS);
        scansEarly = metrics.counter("scansEarly");
        firedAcc = getRuntimeContext().getLongCounter(SCANS_FIRED);
        earlyAcc = getRuntimeContext().getLongCounter(SCANS_EARLY);
        scansOnTime = metrics.counter(ScannerMetrics.SCANS_ON_TIME);
        assetsScored = metrics.counter(ScannerMetrics.ASSETS_SCORED);
        assetsPassed = metrics.counter(ScannerMetrics.ASSETS_PASSED);
        gatePassed = new HashMap<>();
        gateTrips = new HashMap<>();
        for (Gate g : Gate.values()) { // registered up front: every gate shows, tripped or not
            MetricGroup byGate = metrics.addGroup(ScannerMetrics.GATE_LABEL, g.code());
            gatePassed.put(g.code(), byGate.counter(ScannerMetrics.GATE_PASSED));
            gateTrips.put(g.code(), byGate.counter(ScannerMetrics.GATE_TRIPS));
        }
    }

    @Override
    public void processElement(ScanInput in, ReadOnlyContext ctx, Collector<ScoredAsset> out) throws Exception {
        long tick = in.tickMicros();
        long fire = tick + scan.gateConfig().maxLateFillMicros();
        if (buckets.passed(tick, ctx.timerService())) {
            lateInputs.inc(); // its tick was already scanned; cannot happen for records emitted on timers upstream
            return;
        }
        if (in.social() != null) {
            // a reading is kept until the scans that need it ran; it registers no timer of its own
            SocialBook book = social.get(in.social().symbol());
            social.put(in.social().symbol(), (book == null ? SocialBook.EMPTY : book).with(in.social()));
            socialInputs.inc();
            return;
        }
        if (in.arrival() != null && ctx.timestamp() > Micros.toMillis(fire)) {
            // a frame past the late-fill window: whether it arrives before the scan depends on
            // scheduling, so it never counts — the tick is late (receive_time_missing) either way
            return;
        }
        buckets.park(tick, ctx.timerService(), b -> b.with(in));
        long watermark = ctx.timerService().currentWatermark();
        if (watermark < Micros.toMillis(tick)) {
            // the tick's snapshots may still come: a timer at T checks readiness once they are in
            ctx.timerService().registerEventTimeTimer(Micros.toMillis(tick));
        } else if (in.arrival() != null) {
            fireEarlyIfReady(tick, ctx, out);
        }
    }

    @Override
    public void processBroadcastElement(RegimeSnapshot s, Context ctx, Collector<ScoredAsset> out) throws Exception {
        BroadcastState<Long, RegimeSnapshot> state = ctx.getBroadcastState(REGIMES);
        state.put(s.tsMicros(), s);
        long newest = Long.MIN_VALUE;
        for (Map.Entry<Long, RegimeSnapshot> e : state.entries()) {
            newest = Math.max(newest, e.getKey());
        }
        long cutoff = newest - REGIME_RETENTION_MICROS;
        java.util.List<Long> old = new java.util.ArrayList<>();
        for (Map.Entry<Long, RegimeSnapshot> e : state.entries()) {
            if (e.getKey() < cutoff) {
                old.add(e.getKey());
            }
        }
        for (Long k : old) {
            state.remove(k);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ScoredAsset> out) throws Exception {
        // one timestamp can be the deadline of tick T − 30 s and the readiness check of tick T; the older tick goes first
        long lateFill = scan.gateConfig().maxLateFillMicros();
        long due = timestamp * 1000L - lateFill;
        ScanBucket b = buckets.take(due);
        if (b != null && b.assets().length > 0) {
            fire(due, b, ctx, timestamp, out);
        }
        fireEarlyIfReady(timestamp * 1000L, ctx, out);
    }

    /** Scans {@code tick} now if {@link ScanReadiness#canFireEarly} says it may. */
    private void fireEarlyIfReady(long tick, ReadOnlyContext ctx, Collector<ScoredAsset> out) throws Exception {
        TimerService timers = ctx.timerService();
        long lateFill = scan.gateConfig().maxLateFillMicros();
        if (!(out instanceof TimestampedCollector)) {
            return; // cannot stamp the deadline's timestamp: wait for the deadline
        }
        ScanBucket b = buckets.peek(tick);
        if (!ScanReadiness.canFireEarly(tick, lateFill, timers.currentWatermark(), b)) {
            return;
        }
        buckets.take(tick); // the deadline timer stays; it finds nothing (or a bucket without snapshots) and returns
        long deadline = Micros.toMillis(tick + lateFill);
        TimestampedCollector<ScoredAsset> stamped = (TimestampedCollector<ScoredAsset>) out;
        stamped.setAbsoluteTimestamp(deadline);
        scansEarly.inc();
        earlyAcc.add(1);
        fire(tick, b, ctx, deadline, out);
    }

    /**
     * Scans one tick and emits its records (timestamp: the deadline {@code T + 30 s}, early or not).
     * {@code deadline} (ms) is also the reference of the lag metric, so an early scan shows lag 0.
     * The gate-passing assets and then the tick's completion marker go to {@link #THROTTLE}, all in
     * this one call, so no checkpoint barrier can fall between a tick's records and its marker.
     */
    private void fire(long tick, ScanBucket b, ReadOnlyContext ctx, long deadline, Collector<ScoredAsset> out)
            throws Exception {
        TimerService timers = ctx.timerService();
        String regime = regimeAt(ctx.getBroadcastState(REGIMES), tick);
        long started = timers.currentProcessingTime();
        List<ScoredAsset> scored = scan.scan(tick, regime, b, socialAt(tick));
        long done = timers.currentProcessingTime();
        scanDuration.update(done - started);
        long lag = started - deadline; // the deadline is the moment the tick became scannable at the latest
        scanLag.update(Math.max(0, lag));
        scans.inc();
        firedAcc.add(1);
        if (lag <= ScannerMetrics.ON_TIME_MS) {
            scansOnTime.inc();
        }
        for (ScoredAsset a : scored) {
            count(a);
            out.collect(a);
            if (a.pass()) {
                ctx.output(THROTTLE, ScanOutcome.passed(a, deadline));
            }
        }
        long firstArrival = Long.MIN_VALUE;
        for (TickArrival a : b.arrivals()) {
            firstArrival = firstArrival == Long.MIN_VALUE ? a.receiveMicros() : Math.min(firstArrival, a.receiveMicros());
        }
        ctx.output(THROTTLE, ScanOutcome.complete(tick, deadline, done, firstArrival));
    }

    /** Raw social value per symbol in force at {@code tick} (absent symbols: none); prunes what later ticks cannot use. */
    private Map<String, Double> socialAt(long tick) throws Exception {
        Map<String, Double> out = new HashMap<>();
        java.util.List<Map.Entry<String, SocialBook>> books = new java.util.ArrayList<>();
        for (Map.Entry<String, SocialBook> e : social.entries()) {
            books.add(Map.entry(e.getKey(), e.getValue()));
        }
        for (Map.Entry<String, SocialBook> e : books) {
            double v = e.getValue().valueAt(tick);
            if (!Double.isNaN(v)) {
                out.put(e.getKey(), v);
            }
            SocialBook pruned = e.getValue().prunedFor(tick);
            if (pruned != e.getValue()) {
                social.put(e.getKey(), pruned);
            }
        }
        return out;
    }

    private void count(ScoredAsset a) {
        assetsScored.inc();
        if (a.pass()) {
            assetsPassed.inc();
        }
        for (GateOutcome g : a.gates()) {
            (g.pass() ? gatePassed : gateTrips).get(g.gate()).inc();
        }
    }

    /** Name of the regime in force at {@code tick}: the newest snapshot at or before it. */
    static String regimeAt(ReadOnlyBroadcastState<Long, RegimeSnapshot> state, long tick) throws Exception {
        long best = Long.MIN_VALUE;
        RegimeSnapshot found = null;
        for (Map.Entry<Long, RegimeSnapshot> e : state.immutableEntries()) {
            if (e.getKey() <= tick && e.getKey() > best) {
                best = e.getKey();
                found = e.getValue();
            }
        }
        return (found == null ? Regime.CHOPPY : found.regime()).name();
    }

    /** Every input under one key. */
    public static final class UniverseKey implements KeySelector<ScanInput, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(ScanInput in) {
            return UNIVERSE_KEY;
        }
    }
}
