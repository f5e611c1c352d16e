package io.cryptorun.functions.bars;

import io.cryptorun.functions.metrics.FailoverSafeCounters;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import static io.cryptorun.functions.bars.BarRollup.HOUR;
import static io.cryptorun.functions.bars.BarRollup.MINUTE;
import static io.cryptorun.functions.bars.BarRollup.floor;

import io.cryptorun.functions.Keys;
import io.cryptorun.sources.decimal.Decimal;
import io.cryptorun.sources.model.Bar;
import io.cryptorun.sources.model.EventHeader;
import io.cryptorun.sources.model.EventKind;
import io.cryptorun.sources.model.MarketEvent;
import io.cryptorun.sources.model.Quarantine;
import io.cryptorun.sources.time.Micros;
import io.cryptorun.sources.model.QuarantineReason;
import io.cryptorun.sources.model.Trade;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Event-time OHLCV bars per {@code venue|symbol}: 1m bars from trades, rolled up to 1h, 4h and
 * 1d (UTC-aligned), merged with 1h bar history. All emitted bars are {@link Bar}s; the ones this
 * operator builds have origin {@link Bar#ORIGIN_TRADES} (4h/1d included, even when their
 * constituents are history hours), history bars pass through unchanged.
 *
 * <p>A {@link KeyedCoProcessFunction} rather than a union: trades arrive as {@link MarketEvent}
 * (input 1, kinds other than TRADE ignored) and history as {@link Bar} (input 2), and a union
 * would need a wrapper type for no gain. Both inputs are keyed by {@link #TRADE_KEY} /
 * {@link #HISTORY_KEY}.
 *
 * <h2>Rules (deterministic at any parallelism)</h2>
 *
 * The order in which the two inputs interleave differs between runs and parallelisms, so nothing
 * that depends on both inputs is decided on arrival; only the watermark — the minimum over both
 * inputs — decides it.
 * <ol>
 *   <li><b>1m</b> depends on trades only, so it closes on trade order: a trade of a later minute
 *       closes the open 1m bar (emitted at once); otherwise the event-time timer at the minute's
 *       end closes it when the watermark passes.</li>
 *   <li><b>Late trades</b>: a trade with event time before the open 1m bar — or, when none is
 *       open, before the end of the last closed one or the last boundary the watermark passed —
 *       is counted and sent to {@link #QUARANTINE} with reason {@code late_trade}; it changes no
 *       bar. Trades with a non-positive price or quantity are quarantined the same way.</li>
 *   <li><b>1h</b>: closed 1m bars accumulate into their hour. The hour is decided by the
 *       event-time timer at its end, i.e. once the watermark of both inputs has passed it: if a
 *       history bar for that hour arrived, the history bar wins (the trade-built hour is dropped
 *       and counted in {@code bars_1h_superseded}); otherwise the trade-built 1h bar is emitted.
 *       Closing an hour on a later trade instead would make "did the history bar arrive first?"
 *       depend on scheduling.</li>
 *   <li><b>4h, 1d</b> roll up the decided hours (history or trade-built) through
 *       {@link BarRollup} and close at the timer at their end (or when a later hour arrives).</li>
 *   <li><b>History</b> bars are emitted as they arrive. One for an hour already decided (its end
 *       ≤ the last timer fired) is counted as {@code history_late} and not merged; a second one for
 *       the same pending hour as {@code history_duplicate} (the first is merged); one that is not
 *       a UTC-aligned 1h bar or lacks OHLCV as {@code history_ignored}.</li>
 * </ol>
 * <b>End of input.</b> At end of input the watermark goes to MAX and every timer fires, but only
 * bars whose interval has ended in event time close: a timer after {@code endOfInputMicros} (the
 * input's last time stamp, {@link Long#MAX_VALUE} for unbounded input) closes nothing, so the
 * bars still open then — the last minute, hour, 4h and day — are never emitted, fed to an
 * indicator or to the regime vote (SPEC §5). The value is part of the job's configuration, so
 * the rule does not depend on when the last watermark before the end happened to be emitted. Records keep the timestamp of the input or timer that emitted them; use
 * {@link Bar#openTimeMicros()} as their event time.
 *
 * <p>Adding a trade allocates nothing on the heap state backend ({@link BarAggregator} is updated
 * in place); the hour maps are touched once per minute, the rollup once per hour.
 */
public class BarFunction extends KeyedCoProcessFunction<String, MarketEvent, Bar, Bar> implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;

    /** Late and unusable trades, reason {@code late_trade}, {@code non_positive_price}, {@code negative_qty}, {@code invalid_number}. */
    public static final OutputTag<Quarantine> QUARANTINE =
            new OutputTag<>("bar-quarantine", TypeInformation.of(Quarantine.class));

    /** Every trade that went into a bar (the {@code trades} count), for the trades table. */
    public static final OutputTag<MarketEvent> ACCEPTED_TRADES =
            new OutputTag<>("bar-accepted-trades", TypeInformation.of(MarketEvent.class));

    public static final KeySelector<MarketEvent, String> TRADE_KEY = Keys.MARKET_EVENT;
    public static final KeySelector<Bar, String> HISTORY_KEY = Keys.BAR;

    public static final String ACC_BARS_1M = "bars_1m";
    public static final String ACC_BARS_1H = "bars_1h";
    public static final String ACC_BARS_4H = "bars_4h";
    public static final String ACC_BARS_1D = "bars_1d";
    public static final String ACC_TRADES = "trades";
    public static final String ACC_LATE_TRADES = "late_trades";
    public static final String ACC_TRADES_REJECTED = "trades_rejected";
    public static final String ACC_HISTORY_BARS = "history_bars";
    public static final String ACC_HISTORY_LATE = "history_late";
    public static final String ACC_HISTORY_DUPLICATE = "history_duplicate";
    public static final String ACC_HISTORY_IGNORED = "history_ignored";
    public static final String ACC_BARS_1H_SUPERSEDED = "bars_1h_superseded";
    public static final String ACC_VOLUME_ROUNDED = "volume_rounded";

    /** Accumulator names, in summary order. */
    public static final List<String> ACCUMULATORS = List.of(ACC_BARS_1M, ACC_BARS_1H, ACC_BARS_4H, ACC_BARS_1D,
            ACC_TRADES, ACC_LATE_TRADES, ACC_TRADES_REJECTED, ACC_HISTORY_BARS, ACC_HISTORY_LATE,
            ACC_HISTORY_DUPLICATE, ACC_HISTORY_IGNORED, ACC_BARS_1H_SUPERSEDED, ACC_VOLUME_ROUNDED);

    private final long endOfInputMicros;

    /** For unbounded input: every interval eventually ends. */
    public BarFunction() {
        this(Long.MAX_VALUE);
    }

    /** @param endOfInputMicros the last event time of a recorded input; intervals ending later stay open */
    public BarFunction(long endOfInputMicros) {
        this.endOfInputMicros = endOfInputMicros;
    }

    private transient FailoverSafeCounters counters;
    /** The open 1m bar. */
    private transient ValueState<BarAggregator> minuteState;
    /** Trade-built hours (from closed 1m bars) awaiting their end-of-hour timer, by hour start. */
    private transient MapState<Long, BarAggregator> tradeHours;
    /** History hours awaiting their end-of-hour timer, by hour start. */
    private transient MapState<Long, BarAggregator> historyHours;
    /** The open 4h and 1d bars. */
    private transient ValueState<BarRollup> rollupState;
    /** Trades before this time are late: the open minute's start, or the last closed boundary. */
    private transient ValueState<Long> frontierState;
    /** The last timer fired: hours ending at or before it are decided. */
    private transient ValueState<Long> decidedState;

    private transient BarMetrics metrics;

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        counters = FailoverSafeCounters.restore(context, getRuntimeContext());
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        counters.snapshot();
    }

    @Override
    public void open(OpenContext openContext) {
        if (counters == null) counters = FailoverSafeCounters.unrestored();
        var ctx = getRuntimeContext();
        minuteState = ctx.getState(new ValueStateDescriptor<>("minute", BarAggregatorSerializer.INSTANCE));
        tradeHours = ctx.getMapState(
                new MapStateDescriptor<>("trade-hours", LongSerializer.INSTANCE, BarAggregatorSerializer.INSTANCE));
        historyHours = ctx.getMapState(
                new MapStateDescriptor<>("history-hours", LongSerializer.INSTANCE, BarAggregatorSerializer.INSTANCE));
        rollupState = ctx.getState(new ValueStateDescriptor<>("rollup", BarRollupSerializer.INSTANCE));
        frontierState = ctx.getState(new ValueStateDescriptor<>("frontier-us", Types.LONG));
        decidedState = ctx.getState(new ValueStateDescriptor<>("decided-us", Types.LONG));

        metrics = BarMetrics.register(ctx, counters);
    }

    @Override
    public void processElement1(MarketEvent e, Context ctx, Collector<Bar> out) throws Exception {
        if (e.kind() != EventKind.TRADE) {
            return;
        }
        Trade tr = e.trade();
        EventHeader h = tr.header();
        Decimal price = tr.price();
        Decimal qty = tr.qty();
        if (price.signum() <= 0) {
            reject(QuarantineReason.NON_POSITIVE_PRICE, "trade price " + price, h, ctx);
            return;
        }
        if (qty.signum() <= 0) {
            reject(qty.signum() < 0 ? QuarantineReason.NEGATIVE_QTY : QuarantineReason.INVALID_NUMBER,
                    "trade qty " + qty, h, ctx);
            return;
        }
        long t = h.eventTimeMicros();
        Long frontier = frontierState.value();
        if (frontier != null && t < frontier) {
            metrics.lateTrades.inc();
            quarantine(QuarantineReason.LATE_TRADE, "trade " + tr.tradeId() + " at " + t
                    + " us is before " + frontier + " us, where the bars still open begin", h, ctx);
            return;
        }
        long minute = floor(t, MINUTE);
        BarAggregator cur = minuteState.value();
        if (cur != null && minute > cur.openTimeMicros()) {
            // its timer stays: a timer is (key, time), so deleting it could delete the hour timer
            // at the same instant; firing after the minute closed is a no-op
            closeMinute(cur, ctx.getCurrentKey(), ctx.timerService(), out);
            cur = null;
        }
        if (cur == null) {
            cur = new BarAggregator(minute);
            ctx.timerService().registerEventTimeTimer(Micros.toMillis(minute + MINUTE));
            frontierState.update(minute);
        }
        cur.addTrade(t, price, qty);
        minuteState.update(cur);
        metrics.trades.inc();
        ctx.output(ACCEPTED_TRADES, e);
    }

    @Override
    public void processElement2(Bar b, Context ctx, Collector<Bar> out) throws Exception {
        out.collect(b);
        metrics.historyBars.inc();
        if (!Bar.H1.equals(b.interval()) || Math.floorMod(b.openTimeMicros(), HOUR) != 0 || b.open() == null
                || b.high() == null || b.low() == null || b.close() == null || b.volume() == null) {
            metrics.historyIgnored.inc();
            return;
        }
        long hour = b.openTimeMicros();
        Long decided = decidedState.value();
        if (BarHours.isLate(hour, decided)) {
            metrics.historyLate.inc();
            return;
        }
        if (historyHours.contains(hour)) {
            metrics.historyDuplicate.inc();
            return;
        }
        historyHours.put(hour, BarAggregator.ofBar(b));
        ctx.timerService().registerEventTimeTimer(Micros.toMillis(hour + HOUR));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Bar> out) throws Exception {
        long now = timestamp * 1000L;
        if (now > endOfInputMicros) {
            return; // the input ended before this boundary: the bars ending here are open, not closed
        }
        String key = ctx.getCurrentKey();
        BarAggregator cur = minuteState.value();
        if (cur != null && cur.openTimeMicros() + MINUTE <= now) {
            closeMinute(cur, key, ctx.timerService(), out);
        }
        Long frontier = frontierState.value();
        if (frontier == null || frontier < now) {
            frontierState.update(now);
        }
        if (Math.floorMod(now, HOUR) == 0) {
            BarRollup rollup = rollupState.value();
            if (rollup == null) {
                rollup = new BarRollup();
            }
            BarRollup.Sink sink = (interval, bar) -> emit(interval, bar, key, out);
            decideHours(now, rollup, sink);
            rollup.closeUpTo(now, sink);
            if (rollup.h4EndMicros() > now) {
                ctx.timerService().registerEventTimeTimer(Micros.toMillis(rollup.h4EndMicros()));
            }
            if (rollup.d1EndMicros() > now) {
                ctx.timerService().registerEventTimeTimer(Micros.toMillis(rollup.d1EndMicros()));
            }
            if (rollup.isEmpty()) {
                rollupState.clear();
            } else {
                rollupState.update(rollup);
            }
        }
        Long decided = decidedState.value();
        if (decided == null || decided < now) {
            decidedState.update(now);
        }
    }

    /** Decides, in time order, every pending hour that ends at or before {@code now}. */
    private void decideHours(long now, BarRollup rollup, BarRollup.Sink sink) throws Exception {
        for (Long h : BarHours.due(tradeHours.keys(), historyHours.keys(), now)) {
            BarHours.Decision d = BarHours.decide(historyHours.get(h), tradeHours.get(h));
            if (d.fromHistory()) {
                historyHours.remove(h);
                if (d.superseded()) {
                    metrics.superseded.inc();
                    tradeHours.remove(h);
                }
            } else {
                sink.closed(Bar.H1, d.hour());
                tradeHours.remove(h);
            }
            rollup.addHour(d.hour(), sink);
        }
    }

    private void closeMinute(BarAggregator minute, String key, TimerService timers, Collector<Bar> out)
            throws Exception {
        emit(Bar.M1, minute, key, out);
        long hour = floor(minute.openTimeMicros(), HOUR);
        BarAggregator acc = tradeHours.get(hour);
        if (acc == null) {
            acc = new BarAggregator(hour);
            timers.registerEventTimeTimer(Micros.toMillis(hour + HOUR));
        }
        acc.merge(minute);
        tradeHours.put(hour, acc);
        minuteState.clear();
    }

    private void emit(String interval, BarAggregator bar, String key, Collector<Bar> out) {
        if (!bar.volumeExact()) {
            metrics.volumeRounded.inc();
        }
        out.collect(bar.toBar(Keys.venueOf(key), Keys.symbolOf(key), interval, Bar.ORIGIN_TRADES));
        switch (interval) {
            case Bar.M1 -> metrics.bars1m.inc();
            case Bar.H1 -> metrics.bars1h.inc();
            case Bar.H4 -> metrics.bars4h.inc();
            case Bar.D1 -> metrics.bars1d.inc();
            default -> throw new IllegalStateException("interval " + interval);
        }
    }

    private void reject(String reason, String detail, EventHeader h, Context ctx) {
        metrics.tradesRejected.inc();
        quarantine(reason, detail, h, ctx);
    }

    private static void quarantine(String reason, String detail, EventHeader h, Context ctx) {
        ctx.output(QUARANTINE, Quarantine.of(h, reason, detail));
    }

    /** This subtask's counts by accumulator name (tests, local diagnostics). */
    public Map<String, Long> counts() {
        return metrics.counts();
    }
}
