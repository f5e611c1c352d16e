package io.cryptorun.functions.scan;

import io.cryptorun.functions.universe.IndicatorFunction;
import io.cryptorun.sources.model.EventKind;
import io.cryptorun.sources.model.MarketEvent;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Per connection (keyed by conn id), in the connection's own frame order: for every 1-minute scan
 * tick T, the receive time of the first frame whose event time is after T ({@link TickArrival}).
 * One connection's frames come from one replay split / one socket, so their order is fixed and
 * the result does not depend on parallelism. When a frame jumps several ticks (a quiet or stalled
 * connection) it stamps each of them: the scanner learned of all of them only then.
 *
 * <p>Quarantined frames carry no header and are skipped; the first frame a connection ever sends
 * stamps only the tick just before it (nothing earlier was expected from it).
 */
public class TickArrivalFunction extends KeyedProcessFunction<String, MarketEvent, TickArrival> {
    private static final long serialVersionUID = 1L;

    /** Bound on ticks stamped by one frame, so a connection that reappears after days does not flood. */
    static final int MAX_TICKS_PER_FRAME = 1440;

    public static final KeySelector<MarketEvent, String> KEY = new ConnKey();

    private transient ValueState<Long> lastStamped;

    @Override
    public void open(OpenContext ctx) {
        lastStamped = getRuntimeContext().getState(new ValueStateDescriptor<>("last-stamped-tick", Types.LONG));
    }

    @Override
    public void processElement(MarketEvent e, Context ctx, Collector<TickArrival> out) throws Exception {
        if (e.kind() == EventKind.QUARANTINE) {
            return;
        }
        long passed = IndicatorFunction.tickOf(e.eventTimeMicros()) - IndicatorFunction.MINUTE_MICROS; // last tick < event time
        Long last = lastStamped.value();
        long from = last == null ? passed : Math.max(last + IndicatorFunction.MINUTE_MICROS,
                passed - (MAX_TICKS_PER_FRAME - 1) * IndicatorFunction.MINUTE_MICROS);
        for (long t = from; t <= passed; t += IndicatorFunction.MINUTE_MICROS) {
            out.collect(new TickArrival(e.header().conn(), t, e.receiveTimeMicros()));
        }
        if (last == null || passed > last) {
            lastStamped.update(passed);
        }
    }

    /** Connection id of a frame; quarantined frames key by their own conn. */
    public static final class ConnKey implements KeySelector<MarketEvent, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(MarketEvent e) {
            return e.kind() == EventKind.QUARANTINE ? e.quarantine().conn() : e.header().conn();
        }
    }
}
