package io.cryptorun.functions.alerts;

import io.cryptorun.functions.time.EventTimeBuffer;
import io.cryptorun.functions.scan.ScoredAsset;
import java.util.Arrays;
import java.util.Comparator;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * SPEC §9 paper trading per symbol (keyed by symbol): a sent alert opens a long paper position at
 * the alert's price (the best venue's mid at the tick) with ATR(1h) at entry, unless one is
 * already open for the symbol (one position per symbol, however many channels alerted); every
 * later scan of the symbol is a {@link PriceUpdate} for {@link PaperTracker}, whose exits are the
 * output.
 *
 * <p>Both inputs are parked under their record time and handled when the watermark passes it —
 * alerts before updates, updates in tick order — so arrival order does not matter. An update of
 * the alert's own tick is not applied (the position is opened with it).
 */
public class PaperFunction extends KeyedCoProcessFunction<String, AlertDecision, ScoredAsset, PaperExit> {
    private static final long serialVersionUID = 1L;

    public static final KeySelector<AlertDecision, String> ALERT_KEY = new AlertSymbol();
    public static final KeySelector<ScoredAsset, String> SCORE_KEY = new ScoreSymbol();

    private final PaperConfig cfg;

    private transient ValueState<PaperPosition> position;
    private transient EventTimeBuffer<PaperInputs> pending;

    public PaperFunction(PaperConfig cfg) {
        this.cfg = cfg;
    }

    @Override
    public void open(OpenContext ctx) {
        position = getRuntimeContext().getState(
                new ValueStateDescriptor<>("position", TypeInformation.of(PaperPosition.class)));
        MapState<Long, PaperInputs> inputs = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("pending", Types.LONG, TypeInformation.of(PaperInputs.class)));
        // keyed by the record's timestamp (ms): alerts and score updates of one tick are decided together
        pending = new EventTimeBuffer<>(inputs, new PaperInputs(new AlertDecision[0], new ScoredAsset[0]), at -> at);
    }

    @Override
    public void processElement1(AlertDecision a, Context ctx, Collector<PaperExit> out) throws Exception {
        pending.park(ctx.timestamp(), ctx.timerService(), p -> {
            AlertDecision[] alerts = Arrays.copyOf(p.alerts(), p.alerts().length + 1);
            alerts[p.alerts().length] = a;
            return new PaperInputs(alerts, p.updates());
        });
    }

    @Override
    public void processElement2(ScoredAsset s, Context ctx, Collector<PaperExit> out) throws Exception {
        pending.park(ctx.timestamp(), ctx.timerService(), p -> {
            ScoredAsset[] updates = Arrays.copyOf(p.updates(), p.updates().length + 1);
            updates[p.updates().length] = s;
            return new PaperInputs(p.alerts(), updates);
        });
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<PaperExit> out) throws Exception {
        PaperInputs p = pending.take(timestamp);
        if (p == null) {
            return;
        }
        PaperPosition pos = position.value();
        AlertDecision[] alerts = p.alerts().clone();
        Arrays.sort(alerts, Comparator.comparingLong((AlertDecision a) -> a.scored().tickMicros())
                .thenComparing(AlertDecision::channel));
        ScoredAsset[] updates = p.updates().clone();
        Arrays.sort(updates, Comparator.comparingLong(ScoredAsset::tickMicros));
        int u = 0;
        for (AlertDecision a : alerts) {
            // updates before this alert's tick act on the earlier position, if any
            for (; u < updates.length && updates[u].tickMicros() < a.scored().tickMicros(); u++) {
                pos = step(pos, updates[u], out);
            }
            if (pos == null) {
                pos = open(a.scored());
            }
        }
        for (; u < updates.length; u++) {
            pos = step(pos, updates[u], out);
        }
        if (pos == null) {
            position.clear();
        } else {
            position.update(pos);
        }
    }

    /** Null when the alert carries no usable price or ATR (the freshness gate makes that rare). */
    static PaperPosition open(ScoredAsset s) {
        double price = s.inputs().lastPrice();
        double atr = s.inputs().atr1h();
        if (!(price > 0) || !(atr >= 0)) {
            return null;
        }
        return PaperPosition.open(s.symbol(), s.tickMicros(), price, atr);
    }

    private PaperPosition step(PaperPosition pos, ScoredAsset s, Collector<PaperExit> out) {
        if (pos == null || s.tickMicros() <= pos.entryMicros()) {
            return pos;
        }
        PaperStep st = new PaperTracker(cfg).onUpdate(pos, update(s));
        if (st.exit() != null) {
            out.collect(st.exit());
        }
        return st.position();
    }

    /** The scan of one tick as a paper update. */
    static PriceUpdate update(ScoredAsset s) {
        return new PriceUpdate(s.tickMicros(), s.inputs().lastPrice(), s.inputs().validVenueCount(),
                s.inputs().spreadBps(), s.inputs().acceleration4h(), s.subScores().momentum());
    }

    public static final class AlertSymbol implements KeySelector<AlertDecision, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(AlertDecision a) {
            return a.scored().symbol();
        }
    }

    public static final class ScoreSymbol implements KeySelector<ScoredAsset, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(ScoredAsset s) {
            return s.symbol();
        }
    }
}
