package io.cryptorun.functions.regime;

import io.cryptorun.functions.time.EventTimeBuffer;
import io.cryptorun.functions.universe.FourHourMark;
import io.cryptorun.sources.time.Micros;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The regime vote every 4 h of event time, universe-wide (SPEC §6). Keyed by one constant key;
 * each symbol's 4h close ({@link FourHourMark}) is parked under its close time and the vote runs
 * when the watermark passes it — the marks are emitted at that time upstream, so all of them are
 * in. One {@link RegimeSnapshot} per vote; the job broadcasts them to the scan.
 */
public class RegimeFunction extends KeyedProcessFunction<String, FourHourMark, RegimeSnapshot> {
    private static final long serialVersionUID = 1L;

    public static final KeySelector<FourHourMark, String> KEY = new UniverseKey();

    private final RegimeConfig config;
    private final String regimeAsset;

    private transient EventTimeBuffer<FourHourMark[]> pending;
    private transient ValueState<byte[]> tracker;
    private transient Counter lateMarks;

    public RegimeFunction(RegimeConfig config, String regimeAsset) {
        this.config = config;
        this.regimeAsset = regimeAsset;
    }

    @Override
    public void open(OpenContext ctx) {
        MapState<Long, FourHourMark[]> marks = getRuntimeContext().getMapState(new MapStateDescriptor<>("pending-marks",
                Types.LONG, TypeInformation.of(FourHourMark[].class)));
        pending = new EventTimeBuffer<>(marks, new FourHourMark[0], Micros::toMillis);
        tracker = getRuntimeContext().getState(
                new ValueStateDescriptor<>("tracker", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        lateMarks = getRuntimeContext().getMetricGroup().counter("regimeLateMarks");
    }

    @Override
    public void processElement(FourHourMark m, Context ctx, Collector<RegimeSnapshot> out) throws Exception {
        if (pending.passed(m.closeMicros(), ctx.timerService())) {
            lateMarks.inc(); // that close has been voted on
            return;
        }
        pending.park(m.closeMicros(), ctx.timerService(), p -> {
            FourHourMark[] next = Arrays.copyOf(p, p.length + 1);
            next[p.length] = m;
            return next;
        });
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<RegimeSnapshot> out) throws Exception {
        long close = timestamp * 1000L;
        FourHourMark[] marks = pending.take(close);
        if (marks == null) {
            return;
        }
        byte[] bytes = tracker.value();
        RegimeTracker t = bytes == null ? new RegimeTracker(config, regimeAsset)
                : RegimeTracker.read(new DataInputStream(new ByteArrayInputStream(bytes)), config, regimeAsset);
        out.collect(t.onClose(close, List.of(marks)));
        ByteArrayOutputStream buf = new ByteArrayOutputStream(64);
        t.write(new DataOutputStream(buf));
        tracker.update(buf.toByteArray());
    }

    /** Every mark under one key. */
    public static final class UniverseKey implements KeySelector<FourHourMark, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(FourHourMark m) {
            return "universe";
        }
    }
}
