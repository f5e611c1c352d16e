package io.cryptorun.functions.book;

import io.cryptorun.functions.metrics.FailoverSafeCounters;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import io.cryptorun.functions.Keys;
import io.cryptorun.functions.metrics.CountingMetric;
import io.cryptorun.functions.metrics.LatencyAccumulators;
import io.cryptorun.functions.metrics.ScannerMetrics;
import io.cryptorun.functions.micro.Microstructure;
import io.cryptorun.functions.micro.MicrostructureCalculator;
import io.cryptorun.sources.book.BookOutcome;
import io.cryptorun.sources.book.BookRule;
import io.cryptorun.sources.book.BookRuleSerializer;
import io.cryptorun.sources.book.BookState;
import io.cryptorun.sources.book.OrderBook;
import io.cryptorun.sources.book.OrderBookSerializer;
import io.cryptorun.sources.book.VenueBookRules;
import io.cryptorun.sources.decimal.ExactMath;
import io.cryptorun.sources.model.BookReset;
import io.cryptorun.sources.model.BookSnapshot;
import io.cryptorun.sources.model.EventHeader;
import io.cryptorun.sources.model.EventKind;
import io.cryptorun.sources.model.Instrument;
import io.cryptorun.sources.model.MarketEvent;
import io.cryptorun.sources.model.Quarantine;
import io.cryptorun.sources.time.Micros;
import io.cryptorun.sources.model.QuarantineReason;
import io.cryptorun.sources.model.Subscription;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keeps one {@link OrderBook} per {@code venue|symbol} in keyed state, applies the venue's own book
 * rule ({@link VenueBookRules}: Kraken checksum, Coinbase sequence, Bitstamp snapshot + buffered
 * diffs, Gemini initial book), and emits {@link Microstructure} once per second of event time
 * while the book is valid.
 *
 * <p>Inputs are the records of {@link VenueBookRules#isRuleInput}: INSTRUMENT sets the precision
 * (a change drops the book until the next snapshot), a successful SUBSCRIPTION ack for channel
 * {@code book} sets the depth (both Kraken), a {@link BookReset} (a gap in the book's stream, live
 * or recorded) invalidates the book until its next snapshot (see "Gaps" below), BOOK_SNAPSHOT and
 * BOOK_DELTA change the book, and
 * Coinbase product heartbeats and matches are checked against the product's sequence. Other kinds
 * are ignored and, deliberately, do not move time: emission depends on rule inputs only. A rule
 * that keeps per-book state (Coinbase baselines, Bitstamp diff buffer) keeps it in keyed state
 * next to the book. A record from a venue without a book rule — anything but the four exchanges,
 * e.g. an aggregator — is refused ({@code unknown_venue}) and creates no state: microstructure
 * comes only from venue-native books (SPEC §4).
 * Everything a message could not do (no snapshot yet, checksum mismatch, sequence gap, stale or
 * out-of-order diff, crossed book, unknown instrument, precision exceeded, book invalid) goes to
 * {@link #QUARANTINE} with the outcome's reason and the header provenance (connection, frame
 * ordinal, receive time). The raw frame text is not available here, so {@code frame} is empty;
 * connection + ordinal locate the fixture line.
 *
 * <h2>Emission rule (deterministic)</h2>
 *
 * Replays must be byte-identical at any parallelism, so what is emitted depends only on the
 * per-key sequence of book inputs, never on when watermarks happen to arrive. With {@code S} the
 * last second boundary handled for the key (state) and {@code floor(t)} the second boundary at
 * or before event time {@code t}:
 * <ol>
 *   <li>On an input with {@code floor(t) > S}: first, for every boundary {@code b} in
 *       {@code (S, floor(t)]}, emit the microstructure at {@code b} of the book as it stands
 *       <em>before</em> this input — i.e. after every input with event time &lt; {@code b} — if
 *       that book is valid and two-sided; then set {@code S = floor(t)}; then apply the input. A
 *       gap longer than {@code maxCatchUpSeconds} emits only the last {@code maxCatchUpSeconds}
 *       boundaries; the skipped ones are counted ({@code microstructure_skipped}).</li>
 *   <li>An input with {@code floor(t) ≤ S} (same second, or out of order) is applied without
 *       emitting.</li>
 *   <li>One event-time timer per key waits at {@code S + 1 s}; when the watermark passes it, that
 *       boundary is emitted the same way, {@code S} moves to it, and the next second's timer is
 *       set — while it is at most the quiet horizon (default 60 s) past the key's last input. So a
 *       quiet key's seconds go out as the watermark passes them, up to 60 s after its last input,
 *       and the rest when its next input arrives (step 1). At end of input the watermark jumps to
 *       MAX and every key emits exactly up to its last input's second + 60 s, whatever the
 *       watermark was before.</li>
 * </ol>
 * The first input of a key only sets {@code S = floor(t)} (the book before it is empty). Invalid
 * books produce no microstructure (SPEC §4) but {@code S} still advances. Watermarks decide only
 * <em>when</em> a record is emitted, except for input later than the watermark (which no
 * deterministic rule can place). Records keep the timestamp of the input or timer that emitted
 * them; use {@link Microstructure#tsMicros()} as their event time.
 *
 * <h2>Gaps</h2>
 *
 * A {@link BookReset} carries the exchange time {@code L} of the last book data received before the
 * gap (never a receive-time stamp). Boundaries up to {@code floor(L)} are emitted from the book as
 * it stood (every input before them was received), then the book is invalid: nothing is emitted
 * from it until a fresh snapshot, whatever the watermark or later inputs do. A reset without a
 * book time, or one at or before {@code S}, only invalidates: it never moves the market's clock.
 *
 * <h2>Counters</h2>
 *
 * Each is a Flink metric (camelCase name) and an accumulator (snake_case name) for the replay
 * summary: see {@link #ACCUMULATORS}. {@code bookSnapshots}/{@code bookUpdates} count inputs
 * received; {@code checksumOk} counts applied messages whose checksum was verified;
 * {@code booksInvalidated} counts messages that left the book invalid (checksum mismatch, sequence
 * gap, out-of-order diff, crossed, precision exceeded), and each of those reasons has its own
 * counter too; {@code staleDropped} counts Bitstamp diffs already contained in the snapshot
 * (buffered or live; not a failure); {@code booksRecovered} counts invalid books made valid again
 * by a fresh snapshot.
 */
public class OrderBookFunction extends KeyedProcessFunction<String, MarketEvent, Microstructure>
        implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;

    public static final int DEFAULT_MAX_CATCH_UP_SECONDS = 3600;

    private static final long SECOND = 1_000_000L;

    /** How far past a market's last input its 1 Hz clock keeps ticking on the watermark alone (s). */
    public static final int DEFAULT_QUIET_HORIZON_SECONDS = 60;

    /**
     * SPEC §4: a book whose age — event time minus the later of its last exchange update and its
     * connection's last heartbeat — exceeds 60 s is invalid. Exactly 60 s is still valid.
     */
    public static final long MAX_BOOK_AGE_MICROS = 60 * SECOND;

    /** Accumulator (and, camelCase, metric) of boundaries not emitted because the book was older than {@link #MAX_BOOK_AGE_MICROS}. */
    public static final String ACC_MICROSTRUCTURE_STALE = "microstructure_stale";

    /** Book messages that were not applied or broke the book, with the reason. */
    public static final OutputTag<Quarantine> QUARANTINE =
            new OutputTag<>("book-quarantine", TypeInformation.of(Quarantine.class));

    /** Partitioning for this operator: {@code venue|symbol}. */
    public static final KeySelector<MarketEvent, String> KEY_SELECTOR = Keys.MARKET_EVENT;

    public static final String ACC_BOOK_SNAPSHOTS = "book_snapshots";
    public static final String ACC_BOOK_UPDATES = "book_updates";
    public static final String ACC_CHECKSUM_OK = "checksum_ok";
    public static final String ACC_CHECKSUM_MISMATCH = "checksum_mismatch";
    public static final String ACC_BOOKS_INVALIDATED = "books_invalidated";
    public static final String ACC_MICROSTRUCTURE = "microstructure";
    public static final String ACC_MICROSTRUCTURE_SKIPPED = "microstructure_skipped";
    public static final String ACC_BOOK_QUARANTINED = "book_quarantined";
    public static final String ACC_SEQUENCE_GAP = QuarantineReason.SEQUENCE_GAP;
    public static final String ACC_OUT_OF_ORDER = "book_out_of_order";
    public static final String ACC_CROSSED_BOOK = QuarantineReason.CROSSED_BOOK;
    public static final String ACC_PRECISION_EXCEEDED = QuarantineReason.PRECISION_EXCEEDED;
    public static final String ACC_STALE_DROPPED = "stale_dropped";
    public static final String ACC_BOOKS_RECOVERED = "books_recovered";

    /** Accumulator names, in summary order. */
    public static final List<String> ACCUMULATORS = List.of(ACC_BOOK_SNAPSHOTS, ACC_BOOK_UPDATES, ACC_CHECKSUM_OK,
            ACC_CHECKSUM_MISMATCH, ACC_BOOKS_INVALIDATED, ACC_MICROSTRUCTURE, ACC_MICROSTRUCTURE_SKIPPED,
            ACC_BOOK_QUARANTINED, ACC_SEQUENCE_GAP, ACC_OUT_OF_ORDER, ACC_CROSSED_BOOK, ACC_PRECISION_EXCEEDED,
            ACC_STALE_DROPPED, ACC_BOOKS_RECOVERED);

    private final EmissionClock clock;

    private transient ValueState<OrderBook> bookState;
    private transient ValueState<Long> lastBoundaryState;
    private transient ValueState<Long> lastInputSecondState;
    private transient ValueState<BookRule> ruleState;
    /** Event time of the last heartbeat that confirmed this book (Coinbase product heartbeats). */
    private transient ValueState<Long> lastHeartbeatState;
    private transient VenueBookRules rules;

    private transient FailoverSafeCounters counters;
    private transient BookMetrics metrics;
    /** Frame receive → microstructure emitted, wall clock (issue 16): a metric and an accumulator, never an output. */
    private transient org.apache.flink.metrics.Histogram frameToMicrostructureMs;
    private transient org.apache.flink.api.common.accumulators.Histogram frameToMicrostructure;

    public OrderBookFunction() {
        this(DEFAULT_MAX_CATCH_UP_SECONDS);
    }

    /** @param maxCatchUpSeconds most boundaries one input may emit when catching up a gap (≥ 1) */
    public OrderBookFunction(int maxCatchUpSeconds) {
        this(maxCatchUpSeconds, DEFAULT_QUIET_HORIZON_SECONDS);
    }

    /**
     * @param maxCatchUpSeconds   most boundaries one input may emit when catching up a gap (≥ 1)
     * @param quietHorizonSeconds how many seconds past its last input a market's clock ticks on the
     *                            watermark alone (≥ 1; 1 = only the second after the last input)
     */
    public OrderBookFunction(int maxCatchUpSeconds, int quietHorizonSeconds) {
        this.clock = new EmissionClock(maxCatchUpSeconds, quietHorizonSeconds);
    }

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
        bookState = getRuntimeContext().getState(new ValueStateDescriptor<>("book", OrderBookSerializer.INSTANCE));
        lastBoundaryState = getRuntimeContext().getState(new ValueStateDescriptor<>("last-boundary-us", Types.LONG));
        lastInputSecondState = getRuntimeContext().getState(new ValueStateDescriptor<>("last-input-second-us", Types.LONG));
        ruleState = getRuntimeContext().getState(new ValueStateDescriptor<>("book-rule", BookRuleSerializer.INSTANCE));
        lastHeartbeatState = getRuntimeContext().getState(new ValueStateDescriptor<>("last-heartbeat-us", Types.LONG));
        rules = new VenueBookRules();
        metrics = BookMetrics.register(getRuntimeContext(), counters);
        frameToMicrostructureMs = ScannerMetrics.latencyHistogram(getRuntimeContext().getMetricGroup(),
                ScannerMetrics.FRAME_TO_MICROSTRUCTURE_MS);
        frameToMicrostructure = getRuntimeContext().getHistogram(LatencyAccumulators.FRAME_TO_MICROSTRUCTURE);
    }

    @Override
    public void processElement(MarketEvent e, Context ctx, Collector<Microstructure> out) throws Exception {
        if (!VenueBookRules.isRuleInput(e)) {
            return;
        }
        EventHeader h = e.header();
        if (!VenueBookRules.isSupported(h.venue())) {
            quarantine(QuarantineReason.UNKNOWN_VENUE, e.kind().name().toLowerCase(java.util.Locale.ROOT)
                    + " from '" + h.venue() + "', which is not an exchange with a book rule (venue-native books only)", h, ctx);
            return;
        }
        if (e.kind() == EventKind.BOOK_RESET) {
            applyReset(e.reset(), ctx, out);
            return;
        }
        long second = EmissionClock.secondOf(h.eventTimeMicros());
        Long lastInput = lastInputSecondState.value();
        if (lastInput == null || second > lastInput) {
            lastInputSecondState.update(second);
        }
        Long last = lastBoundaryState.value();
        OrderBook book = bookState.value();
        if (last == null) {
            advance(second, ctx);
        } else if (second > last) {
            if (book != null) {
                int emitted = emitBoundaries(book, last, second, out);
                if (emitted > 0) {
                    measureEmission(emitted, h.receiveTimeMicros());
                }
            }
            ctx.timerService().deleteEventTimeTimer(Micros.toMillis(last + SECOND));
            advance(second, ctx);
        }
        if (book == null) {
            book = VenueBookRules.newBook(h.venue(), h.symbol());
        }
        switch (e.kind()) {
            case INSTRUMENT -> applyInstrument(book, e.instrument(), ctx);
            case SUBSCRIPTION -> applySubscription(book, e.subscription());
            case BOOK_SNAPSHOT -> {
                metrics.bookSnapshots.inc();
                applyRule(book, e, e.snapshot().checksum(), "book_snapshot", h, ctx);
            }
            case BOOK_DELTA -> {
                metrics.bookUpdates.inc();
                applyRule(book, e, e.delta().checksum(), "book_delta", h, ctx);
            }
            case HEARTBEAT -> applyRule(book, e, BookSnapshot.NO_CHECKSUM, "heartbeat", h, ctx);
            case TRADE -> applyRule(book, e, BookSnapshot.NO_CHECKSUM, "trade", h, ctx);
            default -> throw new IllegalStateException("not a book rule input: " + e.kind());
        }
    }

    /** Applies the venue's rule to a snapshot, delta, heartbeat or trade and settles the outcome. */
    private void applyRule(OrderBook book, MarketEvent e, long expectedChecksum, String what, EventHeader h, Context ctx)
            throws Exception {
        String venue = h.venue();
        BookRule rule = rules.sharedRule(venue);
        boolean perBook = rule == null;
        if (perBook) {
            rule = ruleState.value();
            if (rule == null) {
                rule = VenueBookRules.newPerBookRule(venue);
            }
        }
        BookState before = book.state();
        long staleBefore = rule.staleDropped();
        BookOutcome o = switch (e.kind()) {
            case BOOK_SNAPSHOT -> rule.apply(book, e.snapshot());
            case BOOK_DELTA -> rule.apply(book, e.delta());
            case HEARTBEAT -> rule.onHeartbeat(book, e.heartbeat());
            case TRADE -> rule.onTrade(book, e.trade());
            default -> throw new IllegalStateException("not a book rule input: " + e.kind());
        };
        if (perBook) {
            ruleState.update(rule);
        }
        long stale = rule.staleDropped() - staleBefore;
        if (stale > 0) {
            metrics.staleDropped.inc(stale);
        }
        if (before == BookState.INVALID && book.state() == BookState.VALID) {
            metrics.booksRecovered.inc();
        }
        if (o == BookOutcome.APPLIED && (e.kind() == EventKind.HEARTBEAT || e.kind() == EventKind.TRADE)) {
            if (e.kind() == EventKind.HEARTBEAT && h.exchangeTimeMicros() != EventHeader.NO_TIME) {
                // the venue confirmed, on its own clock, that the book's stream is whole: it is not aging
                Long hb = lastHeartbeatState.value();
                if (hb == null || h.exchangeTimeMicros() > hb) lastHeartbeatState.update(h.exchangeTimeMicros());
            }
            return; // a sequence check that passed: the book did not change
        }
        settle(book, o, expectedChecksum, what, h, ctx);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Microstructure> out) throws Exception {
        long boundary = timestamp * 1000L;
        Long last = lastBoundaryState.value();
        if (last == null || boundary <= last) {
            return; // a catch-up already covered it
        }
        OrderBook book = bookState.value();
        if (book != null) {
            emitBoundaries(book, last, boundary, out);
        }
        lastBoundaryState.update(boundary);
        // Keep the market's clock ticking while the watermark moves, so a quiet market's seconds
        // reach event-time consumers (the indicators' minute ticks) as the watermark passes them —
        // but only up to the quiet horizon past the market's last input. The bound is a property of the
        // input alone, so where the chain stops never depends on how far the watermark had got
        // when the input ended (at end of input it jumps to MAX and fires everything up to the
        // bound); beyond it a quiet market's seconds come with its next input (step 1).
        if (clock.ticksOn(boundary, lastInputSecondState.value())) {
            ctx.timerService().registerEventTimeTimer(Micros.toMillis(boundary + SECOND));
        }
    }

    private void advance(long second, Context ctx) throws Exception {
        lastBoundaryState.update(second);
        ctx.timerService().registerEventTimeTimer(Micros.toMillis(second + SECOND));
    }

    /**
     * Emits boundaries in {@code (from, to]} from the book as it stands now, except those at which
     * the book is older than {@link #MAX_BOOK_AGE_MICROS} (counted as {@code microstructure_stale}).
     */
    private int emitBoundaries(OrderBook book, long from, long to, Collector<Microstructure> out) throws Exception {
        if (!book.isValid()) {
            return 0;
        }
        Long hb = lastHeartbeatState.value();
        long alive = hb == null ? book.lastUpdateMicros() : Math.max(book.lastUpdateMicros(), hb);
        EmissionClock.Plan plan = clock.plan(from, to, alive);
        if (plan.stale() > 0) {
            metrics.microstructureStale.inc(plan.stale());
        }
        if (!plan.emits()) {
            return 0;
        }
        Microstructure m = MicrostructureCalculator.compute(book, plan.first(), alive);
        if (!m.valid()) {
            return 0; // one-sided: nothing to report, at any of these boundaries
        }
        if (plan.skipped() > 0) {
            metrics.microstructureSkipped.inc(plan.skipped());
        }
        out.collect(m);
        metrics.microstructureEmitted.inc();
        int emitted = 1;
        for (long b = plan.first() + SECOND; b <= plan.last(); b += SECOND) {
            out.collect(m.at(b));
            metrics.microstructureEmitted.inc();
            emitted++;
        }
        return emitted;
    }

    /**
     * Wall clock now minus the receive stamp of the frame whose arrival closed the emitted seconds
     * (issue 16; live, the stamp is the source's wall clock). Metrics and an accumulator only.
     */
    private void measureEmission(int emitted, long receiveMicros) {
        long ms = System.currentTimeMillis() - Micros.toMillis(receiveMicros);
        frameToMicrostructureMs.update(Math.max(0, ms));
        for (int i = 0; i < emitted; i++) {
            LatencyAccumulators.add(frameToMicrostructure, ms);
        }
    }

    private void applyInstrument(OrderBook book, Instrument i, Context ctx) throws Exception {
        int pp = i.pricePrecision();
        int qp = i.qtyPrecision();
        if (pp < 0 || pp > ExactMath.MAX_SCALE || qp < 0 || qp > ExactMath.MAX_SCALE) {
            quarantine(QuarantineReason.INVALID_NUMBER,
                    "instrument precision out of range: price " + pp + ", qty " + qp, i.header(), ctx);
            return;
        }
        book.setPrecision(pp, qp);
        bookState.update(book);
    }

    /**
     * A gap: the source lost (or could not use) part of this book's stream. Whatever came before
     * cannot be continued; the fresh snapshot that follows rebuilds it.
     */
    private void applyReset(BookReset r, Context ctx, Collector<Microstructure> out) throws Exception {
        OrderBook book = bookState.value();
        Long last = lastBoundaryState.value();
        if (r.hasBookTime() && last != null && book != null) {
            long second = EmissionClock.secondOf(r.header().exchangeTimeMicros());
            if (second > last) {
                // the seconds up to the last book data received are intact: emit them from the book as it stood
                emitBoundaries(book, last, second, out);
                ctx.timerService().deleteEventTimeTimer(Micros.toMillis(last + SECOND));
                lastBoundaryState.update(second);
            }
        }
        if (book == null) {
            book = VenueBookRules.newBook(r.header().venue(), r.header().symbol());
        }
        if (book.isValid()) metrics.booksInvalidated.inc();
        book.invalidate();
        bookState.update(book);
        if (rules.sharedRule(r.header().venue()) == null) {
            BookRule rule = ruleState.value();
            if (rule != null) { // a per-book rule's sequence baselines do not survive the gap
                rule.onReset();
                ruleState.update(rule);
            }
        }
    }

    private void applySubscription(OrderBook book, Subscription s) throws Exception {
        // a failed ack or one without depth leaves the book's depth (default 10) as it was
        if (s.success() && s.depth() > 0 && s.depth() != book.depth()) {
            book.setDepth(s.depth());
            bookState.update(book);
        }
    }

    private void settle(OrderBook book, BookOutcome o, long expectedChecksum, String what, EventHeader h, Context ctx)
            throws Exception {
        switch (o) {
            case APPLIED -> {
                if (expectedChecksum != BookSnapshot.NO_CHECKSUM) {
                    metrics.checksumOk.inc();
                }
                bookState.update(book);
                return;
            }
            case BUFFERED -> {
                // held by a venue rule until a snapshot arrives (Bitstamp): not a failure
                bookState.update(book);
                return;
            }
            case CHECKSUM_MISMATCH, CROSSED, PRECISION_EXCEEDED, SEQUENCE_GAP, OUT_OF_ORDER -> {
                switch (o) {
                    case CHECKSUM_MISMATCH -> metrics.checksumMismatch.inc();
                    case SEQUENCE_GAP -> metrics.sequenceGaps.inc();
                    case OUT_OF_ORDER -> metrics.outOfOrder.inc();
                    case CROSSED -> metrics.crossed.inc();
                    default -> metrics.precisionExceeded.inc();
                }
                metrics.booksInvalidated.inc();
                bookState.update(book);
            }
            default -> {
                // refused without touching the book: nothing to write back
            }
        }
        quarantine(o.quarantineReason(), detail(book, o, expectedChecksum, what, h), h, ctx);
    }

    private String detail(OrderBook book, BookOutcome o, long expectedChecksum, String what, EventHeader h) {
        String at = " (event time " + h.eventTimeMicros() + " us)";
        return switch (o) {
            case CHECKSUM_MISMATCH -> what + " checksum expected " + expectedChecksum + " computed "
                    + rules.lastChecksum(h.venue()) + "; book invalid until the next snapshot" + at;
            case CROSSED -> what + " left the book crossed: best bid "
                    + ExactMath.toPlainString(book.bidPrice(0), book.priceScale()) + " >= best ask "
                    + ExactMath.toPlainString(book.askPrice(0), book.priceScale()) + at;
            case BEFORE_SNAPSHOT -> what + " before any snapshot" + at;
            case BOOK_INVALID -> what + " while the book is invalid (awaiting a snapshot)" + at;
            case INSTRUMENT_UNKNOWN -> what + " before the instrument's precision is known" + at;
            case PRECISION_EXCEEDED -> what + " has more decimals than the instrument precision "
                    + book.priceScale() + "/" + book.qtyScale() + "; book invalidated" + at;
            case SEQUENCE_GAP -> what + " revealed a venue sequence gap; book invalid until the next snapshot" + at;
            case STALE -> (what.equals("book_snapshot") ? what + " is older than the diffs the book already applied; dropped"
                    : what + " is already contained in the snapshot; dropped") + at;
            case OUT_OF_ORDER -> what + " is older than an update already applied; book invalid until the next snapshot" + at;
            case APPLIED, BUFFERED -> throw new IllegalStateException(o + " is not quarantined");
        };
    }

    private void quarantine(String reason, String detail, EventHeader h, Context ctx) {
        metrics.quarantined.inc();
        ctx.output(QUARANTINE, Quarantine.of(h, reason, detail));
    }

    /** This subtask's counts by accumulator name (tests, local diagnostics). */
    public Map<String, Long> counts() {
        return metrics.counts();
    }
}
