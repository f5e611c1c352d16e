package io.cryptorun.jobs.validate;

import io.cryptorun.functions.micro.Microstructure;
import io.cryptorun.functions.validate.FlaggedMicrostructure;
import io.cryptorun.functions.validate.Staleness;
import io.cryptorun.functions.validate.LastSerializer;
import io.cryptorun.functions.validate.SeriesSerializer;
import io.cryptorun.functions.validate.TradeValidator;
import io.cryptorun.functions.validate.ValidationFlag;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The validation layer on book states (issue 17): a thin keyed shell (keyed by symbol, so every venue's mid of the
 * symbol is at hand) over {@link TradeValidator#checkMid}. Book updates never pass here — the books and their
 * checksums are the order book operator's — only the 1 Hz microstructure records they yield. A record whose mid
 * jumped, strayed from its own recent mids or from the other venues' median goes to {@link #FLAGGED} with its flags:
 * it is still written (microstructure outputs, with {@code "flags"}), but kept out of the indicators and so out of
 * every score. A clean record goes on unchanged.
 *
 * <p>Staleness per venue/symbol: the newest book data of each venue (record time minus book age) is kept; one
 * event-time timer per symbol, at the earliest of its venues' newest data plus {@code staleAfterMicros} (re-armed
 * when it fires, so a symbol costs one timer a minute, not one a record), counts a venue/symbol whose book has had no news since
 * (kind {@code stale}, once per silence) and logs {@code event=stale_book}. It flags nothing: the scan's freshness
 * gate already keeps stale books out of the scores. The end of a bounded input is no silence (no count then).
 */
public final class BookStateValidationFunction extends KeyedProcessFunction<String, Microstructure, Microstructure> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(BookStateValidationFunction.class);

    public static final OutputTag<FlaggedMicrostructure> FLAGGED =
            new OutputTag<>("flagged-microstructure", TypeInformation.of(FlaggedMicrostructure.class));
    /** Microstructure records by symbol (every venue of a symbol on one key). */
    public static final KeySelector<Microstructure, String> SYMBOL_KEY = new SymbolKey();

    private final ValidationSettings settings;
    private transient TradeValidator validator;
    /** venue → its series of mids of this symbol (a record touches its own venue's window only). */
    private transient MapState<String, TradeValidator.Series> mids;
    /** venue → its last accepted mid of this symbol (the cross-venue median's inputs). */
    private transient MapState<String, TradeValidator.Last> lastMids;
    /** venue → event time (µs) of its newest book data. */
    private transient MapState<String, Long> lastData;
    /** venue → the book data time its staleness was counted for. */
    private transient MapState<String, Long> reportedStale;
    /** The symbol's pending staleness timer (ms), if any: one per symbol, re-armed when it fires. */
    private transient org.apache.flink.api.common.state.ValueState<Long> staleTimer;
    private transient QuarantineCounters counters;

    public BookStateValidationFunction(ValidationSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext ctx) {
        validator = new TradeValidator(settings.thresholds());
        mids = getRuntimeContext().getMapState(new MapStateDescriptor<>("book-mid-series", StringSerializer.INSTANCE, SeriesSerializer.INSTANCE));
        lastMids = getRuntimeContext().getMapState(new MapStateDescriptor<>("book-mid-last", StringSerializer.INSTANCE, LastSerializer.INSTANCE));
        lastData = getRuntimeContext().getMapState(new MapStateDescriptor<>("book-last-data", Types.STRING, Types.LONG));
        reportedStale = getRuntimeContext().getMapState(new MapStateDescriptor<>("book-stale-reported", Types.STRING, Types.LONG));
        staleTimer = getRuntimeContext().getState(new org.apache.flink.api.common.state.ValueStateDescriptor<>("book-stale-timer", Types.LONG));
        counters = new QuarantineCounters(getRuntimeContext().getMetricGroup(), settings);
    }

    @Override
    public void processElement(Microstructure m, Context ctx, Collector<Microstructure> out) throws Exception {
        if (m.bookAgeMs() >= 0) {
            long data = m.tsMicros() - m.bookAgeMs() * 1_000L;
            Long before = lastData.get(m.venue());
            if (before == null || data > before) {
                lastData.put(m.venue(), data);
                if (staleTimer.value() == null) arm(ctx.timerService(), data + settings.thresholds().staleAfterMicros());
            }
        }
        if (!m.valid() || m.mid() == null) { // an invalid or one-sided book has no mid to judge: the gates reject it
            out.collect(m);
            return;
        }
        TradeValidator.Series own = mids.get(m.venue());
        if (own == null) own = new TradeValidator.Series();
        Map<String, TradeValidator.Last> last = new HashMap<>();
        for (Map.Entry<String, TradeValidator.Last> e : lastMids.entries()) last.put(e.getKey(), e.getValue());
        List<ValidationFlag> flags = validator.checkMid(own, last, m.venue(), m.symbol(), m.tsMicros(), m.mid().toBigDecimal());
        mids.put(m.venue(), own);
        if (flags.isEmpty()) lastMids.put(m.venue(), last.get(m.venue()));
        if (flags.isEmpty()) {
            out.collect(m);
            return;
        }
        for (ValidationFlag f : flags) counters.inc(f.check());
        ctx.output(FLAGGED, new FlaggedMicrostructure(m, flags.stream().map(f -> f.check() + ": " + f.reason()).toArray(String[]::new)));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Microstructure> out) throws Exception {
        staleTimer.clear();
        if (ctx.timerService().currentWatermark() == Long.MAX_VALUE) return; // the end of a bounded input
        long limit = settings.thresholds().staleAfterMicros();
        Map<String, Long> data = new HashMap<>();
        for (Map.Entry<String, Long> e : lastData.entries()) data.put(e.getKey(), e.getValue());
        Map<String, Long> reported = new HashMap<>();
        for (Map.Entry<String, Long> e : reportedStale.entries()) reported.put(e.getKey(), e.getValue());
        for (String venue : Staleness.newlyStale(data, reported, timestamp * 1_000L, limit)) {
            reportedStale.put(venue, reported.get(venue));
            counters.inc(ValidationFlag.STALE);
            LOG.info("event=stale_book venue={} symbol={} last_book_data_micros={} limit_micros={}", venue, ctx.getCurrentKey(),
                    data.get(venue), limit);
        }
        // one timer per symbol: the next deadline among the venues not yet counted for their newest data
        long next = Long.MAX_VALUE;
        for (Map.Entry<String, Long> e : data.entrySet()) {
            if (!e.getValue().equals(reported.get(e.getKey()))) next = Math.min(next, e.getValue() + limit);
        }
        if (next != Long.MAX_VALUE) arm(ctx.timerService(), next);
    }

    /** The symbol's one staleness timer, at the first millisecond not before {@code deadlineMicros}. */
    private void arm(org.apache.flink.streaming.api.TimerService timers, long deadlineMicros) throws Exception {
        long at = Math.floorDiv(deadlineMicros + 999, 1_000L);
        timers.registerEventTimeTimer(at);
        staleTimer.update(at);
    }

    /** How many flags of {@code kind} this instance counted (tests). */
    long count(String kind) {
        return counters.count(kind);
    }

    /** The symbol of a record. */
    public static final class SymbolKey implements KeySelector<Microstructure, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(Microstructure m) {
            return m.symbol();
        }
    }
}
