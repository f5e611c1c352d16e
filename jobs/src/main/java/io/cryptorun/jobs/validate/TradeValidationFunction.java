package io.cryptorun.jobs.validate;

import io.cryptorun.functions.validate.LastSerializer;
import io.cryptorun.functions.validate.SeriesSerializer;
import io.cryptorun.functions.validate.TradeHistorySerializer;
import io.cryptorun.functions.validate.TradeValidator;
import io.cryptorun.functions.validate.ValidationFlag;
import io.cryptorun.sources.model.EventHeader;
import io.cryptorun.sources.model.MarketEvent;
import io.cryptorun.sources.model.Quarantine;
import io.cryptorun.sources.model.QuarantineReason;
import io.cryptorun.sources.model.Trade;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The validation layer on the trade path (issue 17): a thin keyed shell over {@link TradeValidator}. Keyed by
 * symbol, so the cross-venue check sees every venue's last price of the symbol; the history lives in typed keyed
 * map state per venue ({@link SeriesSerializer}, {@link LastSerializer}): with RocksDB a trade reads and writes its
 * own venue's window only. A trade with no flag goes on unchanged to the bars (and so to the
 * scores); a flagged one goes to {@link #QUARANTINE} with reason {@code anomalous_trade} and its flags as the
 * detail, and is counted per flag in the metric group {@code cryptorun.tier.region.kind} → counter
 * {@code quarantine_total} (docs/DATA_MULTI_REGION.md "Metrics"). Only trades pass through here: book updates
 * never do, so no book is ever broken by it.
 */
public final class TradeValidationFunction extends KeyedProcessFunction<String, MarketEvent, MarketEvent> {
    private static final long serialVersionUID = 1L;

    public static final OutputTag<Quarantine> QUARANTINE =
            new OutputTag<>("validation-quarantine", TypeInformation.of(Quarantine.class));
    /** Trades by symbol (all venues of a symbol on one key). */
    public static final KeySelector<MarketEvent, String> SYMBOL_KEY = new SymbolKey();

    private final ValidationSettings settings;
    private transient TradeValidator validator;
    /** venue → its series of this symbol (one map entry per venue: a trade touches its own venue's window only). */
    private transient MapState<String, TradeValidator.Series> series;
    /** venue → its last accepted price of this symbol (the cross-venue median's inputs). */
    private transient MapState<String, TradeValidator.Last> lasts;
    /** The per-symbol value of savepoints taken before the per-venue layout; moved into the two maps on first use. */
    private transient ValueState<TradeValidator.History> legacy;
    private transient QuarantineCounters counters;

    public TradeValidationFunction(ValidationSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext ctx) {
        validator = new TradeValidator(settings.thresholds());
        series = getRuntimeContext().getMapState(new MapStateDescriptor<>("trade-series", StringSerializer.INSTANCE, SeriesSerializer.INSTANCE));
        lasts = getRuntimeContext().getMapState(new MapStateDescriptor<>("trade-last", StringSerializer.INSTANCE, LastSerializer.INSTANCE));
        legacy = getRuntimeContext().getState(new ValueStateDescriptor<>("trade-history", TradeHistorySerializer.INSTANCE));
        counters = new QuarantineCounters(getRuntimeContext().getMetricGroup(), settings);
    }

    @Override
    public void processElement(MarketEvent e, Context ctx, Collector<MarketEvent> out) throws Exception {
        Trade t = e.trade();
        if (t == null) { // the router sends only trades here; anything else passes untouched
            out.collect(e);
            return;
        }
        EventHeader h = t.header();
        migrateLegacy(h.symbol());
        TradeValidator.Series own = series.get(h.venue());
        if (own == null) own = new TradeValidator.Series();
        Map<String, TradeValidator.Last> last = new HashMap<>();
        for (Map.Entry<String, TradeValidator.Last> l : lasts.entries()) last.put(l.getKey(), l.getValue());
        List<ValidationFlag> flags = validator.check(own, last, h.venue(), h.symbol(), h.eventTimeMicros(),
                t.price().toBigDecimal(), t.qty().toBigDecimal());
        series.put(h.venue(), own);
        if (flags.isEmpty()) lasts.put(h.venue(), last.get(h.venue()));
        if (flags.isEmpty()) {
            out.collect(e);
            return;
        }
        for (ValidationFlag f : flags) {
            counters.inc(f.check());
        }
        ctx.output(QUARANTINE, Quarantine.of(h, QuarantineReason.ANOMALOUS_TRADE,
                flags.stream().map(f -> f.check() + ": " + f.reason()).collect(Collectors.joining("; "))));
    }

    /** A savepoint's per-symbol history (the layout before session 7), split into the per-venue maps once. */
    private void migrateLegacy(String symbol) throws Exception {
        TradeValidator.History old = legacy.value();
        if (old == null) return;
        old.series().forEach((venueSymbol, s) -> {
            try {
                series.put(venueSymbol.substring(0, venueSymbol.indexOf('|')), s);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        for (Map.Entry<String, TradeValidator.Last> e : old.lasts(symbol).entrySet()) lasts.put(e.getKey(), e.getValue());
        legacy.clear();
    }

    /** The symbol of a trade. */
    public static final class SymbolKey implements KeySelector<MarketEvent, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(MarketEvent e) {
            return e.symbol();
        }
    }
}
