package io.cryptorun.functions.route;

import io.cryptorun.sources.book.VenueBookRules;
import io.cryptorun.sources.model.EventKind;
import io.cryptorun.sources.model.MarketEvent;
import io.cryptorun.sources.model.Quarantine;
import io.cryptorun.functions.metrics.CountingMetric;
import io.cryptorun.functions.metrics.FailoverSafeCounters;
import org.apache.flink.api.common.accumulators.LongMaximum;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * First operator after a source: sends book rule inputs ({@link VenueBookRules#isRuleInput}:
 * instrument, book subscription, snapshots, deltas, and Coinbase's sequence-bearing heartbeats
 * and matches) on the main output to the keyed book operator, trades to {@link #TRADES} (a
 * Coinbase match goes to both), and frames the source already rejected to {@link #QUARANTINE}. Connection-level records (heartbeat,
 * status, ticker, other subscription acks) end here, counted: books come from the book channel,
 * and liveness is the live source's concern.
 *
 * <p>Counts frames as runs of events with the same (connection, ordinal): a frame's events are
 * emitted together by the source, so each change of provenance is one frame.
 */
public final class EventRouter extends ProcessFunction<MarketEvent, MarketEvent> implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;

    public static final OutputTag<MarketEvent> TRADES = new OutputTag<>("trades") {};
    public static final OutputTag<Quarantine> QUARANTINE = new OutputTag<>("source-quarantine") {};

    /** Accumulator: frames quarantined by the parsers (the books' own quarantine is counted by the book operator). */
    public static final String ACC_SOURCE_QUARANTINED = "source_quarantined";
    /** Accumulator: the latest receive time (epoch µs) routed so far, for a replay's progress display. */
    public static final String ACC_RECEIVE_TIME_MAX = "receive_time_max_micros";

    private transient FailoverSafeCounters counters;
    private transient CountingMetric frames;
    private transient CountingMetric connectionEvents;
    private transient CountingMetric sourceQuarantined;
    private transient LongMaximum receiveTimeMax;
    private transient String lastConn;
    private transient long lastOrdinal;

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        counters = FailoverSafeCounters.restore(context, getRuntimeContext());
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        counters.snapshot();
    }

    @Override
    public void open(OpenContext ctx) {
        if (counters == null) counters = FailoverSafeCounters.unrestored();
        frames = counters.register(getRuntimeContext(), "frames", "frames");
        connectionEvents = counters.register(getRuntimeContext(), "connectionEvents", "connection_events");
        sourceQuarantined = counters.register(getRuntimeContext(), "sourceQuarantined", ACC_SOURCE_QUARANTINED);
        receiveTimeMax = new LongMaximum();
        getRuntimeContext().addAccumulator(ACC_RECEIVE_TIME_MAX, receiveTimeMax);
        lastConn = null;
        lastOrdinal = -1;
    }

    @Override
    public void processElement(MarketEvent e, Context ctx, Collector<MarketEvent> out) {
        countFrame(e);
        switch (e.kind()) {
            case QUARANTINE -> {
                sourceQuarantined.inc();
                ctx.output(QUARANTINE, e.quarantine());
            }
            case TRADE -> {
                ctx.output(TRADES, e); // counted by the bar operator, which owns trades
                if (VenueBookRules.isRuleInput(e)) {
                    out.collect(e); // its trade id is checked against the book's sequence
                }
            }
            default -> {
                if (VenueBookRules.isRuleInput(e)) {
                    out.collect(e);
                } else {
                    connectionEvents.inc();
                }
            }
        }
    }

    private void countFrame(MarketEvent e) {
        String conn;
        long ordinal;
        if (e.kind() == EventKind.QUARANTINE) {
            conn = e.quarantine().conn();
            ordinal = e.quarantine().frameOrdinal();
        } else {
            conn = e.header().conn();
            ordinal = e.header().frameOrdinal();
            receiveTimeMax.add(e.header().receiveTimeMicros());
        }
        if (ordinal != lastOrdinal || !conn.equals(lastConn)) {
            frames.inc();
            lastConn = conn;
            lastOrdinal = ordinal;
        }
    }
}
