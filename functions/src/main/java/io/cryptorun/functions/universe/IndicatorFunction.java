package io.cryptorun.functions.universe;

import io.cryptorun.functions.time.EventTimeBuffer;
import io.cryptorun.functions.indicators.VadrTiers;
import io.cryptorun.functions.micro.Microstructure;
import io.cryptorun.sources.model.Bar;
import io.cryptorun.sources.time.Micros;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Per symbol (keyed by symbol, all venues together): consolidates the venues' closed 1h and 4h
 * bars (SPEC §5), keeps the running indicators ({@link SymbolIndicators}) and the newest
 * microstructure per venue, and at every aligned 1-minute tick where a venue reported a book it
 * emits an {@link AssetSnapshot} of what was known at the tick. Each consolidated 4h close also
 * goes to {@link #FOUR_HOUR_MARKS} for the regime vote, and each change of the symbol's place in
 * the universe (eligibility or its reason, ADV and tier, VADR, venues with a valid book) to
 * {@link #UNIVERSE} as a {@link UniverseEntry}.
 *
 * <p><b>Point in time.</b> Inputs arrive in any order between watermarks, so none is applied on
 * arrival: each is parked under the tick it belongs to (a bar under its end time, a
 * microstructure record under the next minute boundary at or after its time) with an event-time
 * timer there. When the watermark passes the tick, everything parked under it is applied — bars
 * first, 1h before 4h, venues in name order — and the snapshot is taken. So a tick sees exactly
 * the data with event time ≤ the tick, whatever the parallelism or arrival order.
 *
 * <p>Timers fire once per minute per symbol with a live book and once per hour during bar
 * history (which yields no snapshots: a snapshot needs microstructure in its minute).
 */
public class IndicatorFunction extends KeyedProcessFunction<String, SymbolInput, AssetSnapshot> {
    private static final long serialVersionUID = 1L;

    public static final long MINUTE_MICROS = 60_000_000L;

    public static final OutputTag<FourHourMark> FOUR_HOUR_MARKS =
            new OutputTag<>("four-hour-marks", TypeInformation.of(FourHourMark.class));

    /** A symbol's {@link UniverseEntry} whenever it differs from the previous one (SPEC §11 {@code universe}). */
    public static final OutputTag<UniverseEntry> UNIVERSE =
            new OutputTag<>("universe", TypeInformation.of(UniverseEntry.class));

    public static final KeySelector<SymbolInput, String> KEY = new SymbolKey();

    private final UniverseConfig cfg;
    private final VadrTiers tiers;

    private transient ValueState<SymbolIndicators> indicators;
    private transient MapState<String, Microstructure> latestByVenue;
    private transient EventTimeBuffer<PendingInputs> pending;
    private transient Counter lateInputs;
    /** The last {@link UniverseEntry} emitted (state added later than the rest: empty after an older savepoint). */
    private transient ValueState<UniverseEntry> lastUniverse;

    public IndicatorFunction(UniverseConfig cfg) {
        this(cfg, VadrTiers.defaults());
    }

    /** @param tiers the gates' VADR tiers, for the tier each {@link UniverseEntry} reports */
    public IndicatorFunction(UniverseConfig cfg, VadrTiers tiers) {
        this.cfg = cfg;
        this.tiers = tiers;
    }

    @Override
    public void open(OpenContext ctx) {
        indicators = getRuntimeContext().getState(new ValueStateDescriptor<>("indicators", SymbolIndicatorsSerializer.INSTANCE));
        latestByVenue = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("latest-micro", Types.STRING, TypeInformation.of(Microstructure.class)));
        MapState<Long, PendingInputs> inputs = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("pending", Types.LONG, TypeInformation.of(PendingInputs.class)));
        pending = new EventTimeBuffer<>(inputs, PendingInputs.EMPTY, Micros::toMillis);
        lateInputs = getRuntimeContext().getMetricGroup().counter("indicatorLateInputs");
        lastUniverse = getRuntimeContext().getState(
                new ValueStateDescriptor<>("universe-last", TypeInformation.of(UniverseEntry.class)));
    }

    /** The scan tick a record at {@code micros} belongs to: the next minute boundary at or after it. */
    public static long tickOf(long micros) {
        return Math.floorDiv(micros + MINUTE_MICROS - 1, MINUTE_MICROS) * MINUTE_MICROS;
    }

    @Override
    public void processElement(SymbolInput in, Context ctx, Collector<AssetSnapshot> out) throws Exception {
        long tick;
        if (in.bar() != null) {
            String interval = in.bar().interval();
            if (!Bar.H1.equals(interval) && !Bar.H4.equals(interval)) {
                return; // 1m and 1d bars are not indicator inputs
            }
            tick = in.bar().closeTimeMicros();
        } else {
            // the book operator emits every second no later than the watermark passes it, so a
            // record is never behind the tick it belongs to
            tick = tickOf(in.micro().tsMicros());
        }
        if (pending.passed(tick, ctx.timerService())) {
            lateInputs.inc(); // its tick has been taken; cannot happen with the timer-emitted upstream records
            return;
        }
        pending.park(tick, ctx.timerService(), p -> in.bar() != null ? p.with(in.bar()) : p.with(in.micro()));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<AssetSnapshot> out) throws Exception {
        long tick = timestamp * 1000L;
        PendingInputs p = pending.take(tick);
        if (p == null) {
            return;
        }
        String symbol = ctx.getCurrentKey();
        SymbolIndicators ind = indicators.value();
        if (ind == null) {
            ind = new SymbolIndicators();
        }
        boolean changed = false;
        List<Bar> hour = barsOf(p, Bar.H1);
        if (!hour.isEmpty()) {
            changed |= ind.onHour(tick, ConsolidatedBar.of(hour, cfg));
        }
        List<Bar> four = barsOf(p, Bar.H4);
        if (!four.isEmpty() && ind.onFourHours(tick, ConsolidatedBar.of(four, cfg))) {
            changed = true;
            ctx.output(FOUR_HOUR_MARKS, new FourHourMark(symbol, tick, ind.close4h(), ind.ma20of4h(),
                    ind.previousClose4h(), ind.realizedVol7d(), cfg.pairExclusion(symbol) == null));
        }
        if (p.micro().length > 0) {
            changed |= ind.advanceTo(tick); // quiet intervals up to the tick carry the close forward (SPEC §5)
        }
        if (changed) {
            indicators.update(ind);
        }
        if (p.micro().length == 0) {
            return;
        }
        for (Microstructure m : p.micro()) {
            Microstructure old = latestByVenue.get(m.venue());
            if (old == null || old.tsMicros() <= m.tsMicros()) {
                latestByVenue.put(m.venue(), m);
            }
        }
        List<Microstructure> venues = new ArrayList<>();
        for (Microstructure m : latestByVenue.values()) {
            venues.add(m);
        }
        venues.sort(Comparator.comparing(Microstructure::venue));
        AssetSnapshot snapshot = Universe.snapshot(symbol, tick, ind, venues, cfg);
        out.collect(snapshot);
        UniverseEntry entry = UniverseEntry.of(snapshot, venues, cfg, tiers);
        if (!entry.sameStateAs(lastUniverse.value())) {
            lastUniverse.update(entry);
            ctx.output(UNIVERSE, entry);
        }
    }

    private static List<Bar> barsOf(PendingInputs p, String interval) {
        List<Bar> out = new ArrayList<>();
        for (Bar b : p.bars()) {
            if (interval.equals(b.interval())) {
                out.add(b);
            }
        }
        // one bar per venue (a repeat keeps the first by venue order); venue order fixes the float sums
        out.sort(Comparator.comparing(Bar::venue).thenComparing(Bar::origin));
        List<Bar> unique = new ArrayList<>();
        for (Bar b : out) {
            if (unique.isEmpty() || !unique.get(unique.size() - 1).venue().equals(b.venue())) {
                unique.add(b);
            }
        }
        return unique;
    }

    /** Named class so Flink's type extraction needs no hints. */
    public static final class SymbolKey implements KeySelector<SymbolInput, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(SymbolInput in) {
            return in.symbol();
        }
    }
}
