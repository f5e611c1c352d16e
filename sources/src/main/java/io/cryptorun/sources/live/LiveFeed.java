package io.cryptorun.sources.live;

import io.cryptorun.sources.book.BookOutcome;
import io.cryptorun.sources.fixture.BookResetLine;
import io.cryptorun.sources.fixture.FixtureLine;
import io.cryptorun.sources.fixture.FixtureLineDecoder;
import io.cryptorun.sources.fixture.Utf8;
import io.cryptorun.sources.model.BookReset;
import io.cryptorun.sources.model.EventHeader;
import io.cryptorun.sources.model.EventKind;
import io.cryptorun.sources.model.MarketEvent;
import io.cryptorun.sources.model.Quarantine;
import io.cryptorun.sources.model.QuarantineReason;
import io.cryptorun.sources.venue.FrameParser;
import io.cryptorun.sources.venue.bitstamp.BitstampParser;
import io.cryptorun.sources.venue.coinbase.AdvancedTradeParser;
import io.cryptorun.sources.venue.coinbase.AdvancedTradeSequence;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;
import org.apache.flink.metrics.MetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine of the live source, independent of Flink's reader API so the recorder can use it
 * too: one okhttp WebSocket per connection shard, subscribe batches paced by a per-venue token
 * bucket, an idle watchdog, reconnects with exponential backoff and full jitter, a per-venue
 * circuit breaker, and a bounded queue to the consuming (task) thread.
 *
 * <h2>Threads</h2>
 * Socket threads (okhttp) only stamp the receive time and offer frames to the queue. The control
 * thread (one per feed) owns connection state: connect, subscribe, watchdog, reconnect, REST
 * snapshots. The task thread ({@link #poll}) parses, keeps the source-side books
 * ({@link SourceBooks}), assigns frame ordinals and emits.
 *
 * <h2>Never across a gap</h2>
 * Every connection has a generation. When a connection is lost, stalls, overflows the queue, or
 * one of its books breaks (checksum mismatch, sequence gap, out-of-order diff), its generation is
 * dead: remaining frames of it are dropped, every book of the connection is invalidated downstream
 * by a {@link BookReset} per symbol — stamped with the exchange time of the last book data received
 * for that symbol, never with a receive-time stamp — which the book operator treats as "book invalid
 * from here until the next snapshot", and a new connection subscribes again, so the next book
 * message is a fresh snapshot. A restored reader does the same before its first frame. Frames
 * that may have carried book data but cannot be used (unparseable, oversize, invalid numbers), an
 * update before any snapshot (lost or corrupt snapshot) and a failed subscribe are gaps too.
 */
public final class LiveFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveFeed.class);

    /** Where {@link #poll} puts what it produced. */
    public interface Output {
        /** A normalized record (including {@link BookReset}s and quarantines). */
        void event(MarketEvent e);

        /**
         * The raw frame as a fixture line (REST snapshot bodies on connection {@code <conn>#rest:<pair>},
         * book resets on {@code <conn>#resync}, see {@link BookResetLine}), with the symbol its
         * records are about ("" for connection-level frames): the Kafka key.
         */
        void frame(FixtureLine line, String symbol);
    }

    /** A received frame. {@code restPair} is set for Bitstamp REST bodies; {@code tooLargeBytes} ≥ 0 for oversize frames (text = prefix). */
    private record Frame(Conn conn, long gen, long receiveMicros, String text, String restPair, long tooLargeBytes, int restCheck) {}

    /**
     * A connection-level event for the task thread; with {@code symbol} set, the resubscribe timeout of
     * that symbol's attempt {@code attempt} instead.
     */
    private record Lost(Conn conn, long gen, String reason, boolean overflow, String symbol, int attempt) {
        Lost(Conn conn, long gen, String reason, boolean overflow) {
            this(conn, gen, reason, overflow, null, 0);
        }
    }

    /** Chars kept of a frame quarantined as too large: the same amount as replays keep (docs/DATA_SOURCES.md). */
    private static final int TOO_LARGE_PREFIX = io.cryptorun.sources.fixture.FixtureLineDecoder.TOO_LARGE_PREFIX_CHARS;

    /**
     * Most bytes of frame text held between the sockets and the task thread (UTF-16 upper bound):
     * beyond it frames are dropped and the connection resynced, like a full queue.
     */
    public static final long QUEUE_MAX_BYTES = 64L << 20;

    final class Conn {
        final LiveSplit split;
        final Venue venue;
        final String id;
        final String url;
        // task thread
        final SourceBooks books;
        /** Advanced Trade only: the connection's {@code sequence_num} rule (reset per connection). */
        final AdvancedTradeSequence sequence = new AdvancedTradeSequence();
        long nextOrdinal;
        long taskGen;
        long deadGen;
        boolean invalidated;
        boolean healthy;
        /** Reason of a connection loss whose marker waits for the frames received before it. */
        String pendingLoss;
        /** Per symbol, resubscribes it caused in a row without a valid book in between (task thread). */
        final Map<String, Integer> symbolFailures = new java.util.HashMap<>();
        /** Symbols being resubscribed on this connection (per-symbol venues), until their subscribe ack (task thread). */
        final java.util.Set<String> resubscribing = new java.util.HashSet<>();
        /**
         * Per symbol, its resubscribe attempts on this connection (task thread): a resubscribe timeout
         * counts only while the attempt it was set for is the symbol's latest.
         */
        final Map<String, Integer> attempts = new java.util.HashMap<>();
        /** Resubscribe timeouts that fired, handled after the frames polled with them (task thread). */
        final List<Lost> timeouts = new ArrayList<>();
        /** Bitstamp: per symbol, its periodic REST comparison under way (task thread). */
        final Map<String, RestCheck> restChecks = new java.util.HashMap<>();
        int restCheckSeq;
        /** Bitstamp: when the next REST comparisons start (task thread clock, ms; 0 = not scheduled yet). */
        long nextRestCheckMillis;
        /** Per symbol, the backoff of its own resubscribes (control thread). */
        final Map<String, Backoff> symbolBackoff = new java.util.HashMap<>();
        /** Symbols reported dark: the task thread adds, the control thread reads when subscribing. */
        final java.util.Set<String> dark = java.util.concurrent.ConcurrentHashMap.newKeySet();
        /** Frames of this connection in the queue (socket threads add, task thread takes). */
        final java.util.concurrent.atomic.AtomicInteger queued = new java.util.concurrent.atomic.AtomicInteger();
        // control thread
        final Backoff backoff;
        final IdleWatchdog watchdog;
        long genCounter;
        WebSocket ws;
        long connectStartMillis;
        List<List<String>> batches = List.of();
        int nextBatch;
        boolean closed;
        // socket threads
        volatile long acceptGen = -1;

        Conn(LiveSplit split, Random jitter) {
            this.split = split;
            this.venue = split.venue();
            this.id = split.id();
            this.url = config.url(venue);
            this.books = new SourceBooks(venue, split.symbols());
            this.nextOrdinal = split.nextOrdinal();
            this.backoff = new Backoff(config.backoffBaseMillis(), config.backoffMaxMillis(), jitter);
            this.watchdog = new IdleWatchdog(config.idleTimeoutMillis(), LiveFeed.this::nowMillis);
        }
    }

    /**
     * One Bitstamp pair's periodic REST comparison (task thread). The REST body and the diff stream
     * are not atomic: the body is the venue's book at its own {@code microtimestamp} T, somewhere
     * between our request and its answer, while the live book moves on. So a copy of the live book
     * ({@code shadow}) is taken when the request is made (every diff it contains was received before
     * the request, so it is not newer than T), the diffs the live book applies from then on are
     * logged, and once T is known those up to T are applied to the copy; it is compared with the
     * body when the first diff after T shows that every diff up to T has arrived (the stream is in
     * microtimestamp order, or the book would have been reset as out of order).
     */
    private static final class RestCheck {
        final int id;
        final io.cryptorun.sources.book.OrderBook shadow;
        /** The microtimestamp of the last diff (or snapshot) in {@code shadow}. */
        final long startMicros;
        /** Diffs the live book applied since the copy, until the body arrives (then null). */
        List<io.cryptorun.sources.model.BookDelta> log = new ArrayList<>();
        /** The REST body, once arrived, and its microtimestamp. */
        io.cryptorun.sources.model.BookSnapshot rest;
        long restMicros;

        RestCheck(int id, io.cryptorun.sources.book.OrderBook shadow, long startMicros) {
            this.id = id;
            this.shadow = shadow;
            this.startMicros = startMicros;
        }
    }

    /** Levels per side a Bitstamp REST comparison covers (the top of the book, where microstructure is measured). */
    static final int REST_CHECK_LEVELS = 10;
    /** Diffs a REST comparison logs while its body is on the way; beyond, the comparison is given up (not a gap). */
    static final int REST_CHECK_MAX_LOGGED = 10_000;

    private final LiveSourceConfig config;
    private final LongSupplier clockMicros;
    private final OkHttpClient client;
    private final ScheduledExecutorService control;
    private final FrameQueue<Frame, Lost> queue;
    private final LiveMetrics metrics;
    private final Map<Venue, CircuitBreaker> breakers = new EnumMap<>(Venue.class);
    private final Map<Venue, TokenBucket> buckets = new EnumMap<>(Venue.class);
    private final Map<Venue, FrameParser> parsers = new EnumMap<>(Venue.class);
    private final List<Conn> conns = new ArrayList<>();
    private final Random jitter;
    private final List<MarketEvent> parsed = new ArrayList<>();
    private volatile boolean closed;

    /** With the system clock. */
    public LiveFeed(LiveSourceConfig config, MetricGroup metricGroup) {
        this(config, metricGroup, LiveFeed::systemMicros);
    }

    /** @param clockMicros receive-time stamp (epoch µs); also drives the watchdog, breaker and bucket */
    public LiveFeed(LiveSourceConfig config, MetricGroup metricGroup, LongSupplier clockMicros) {
        this.config = config;
        this.clockMicros = clockMicros;
        this.jitter = config.jitterSeed() == null ? new Random() : new Random(config.jitterSeed());
        this.queue = new FrameQueue<>(config.queueCapacity(), QUEUE_MAX_BYTES, f -> 2L * f.text.length() + 64);
        this.metrics = new LiveMetrics(metricGroup, this::nowMillis, queue);
        this.client = new OkHttpClient.Builder()
                .pingInterval(config.pingIntervalMillis(), TimeUnit.MILLISECONDS)
                .connectTimeout(Math.max(1, config.idleTimeoutMillis()), TimeUnit.MILLISECONDS)
                .readTimeout(Math.max(1, config.idleTimeoutMillis()), TimeUnit.MILLISECONDS)
                .build();
        this.control = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cryptorun-live-control");
            t.setDaemon(true);
            return t;
        });
        this.lastTickMillis = nowMillis();
        long tick = Math.max(20, config.idleTimeoutMillis() / 4);
        control.scheduleWithFixedDelay(this::watchdogTick, tick, tick, TimeUnit.MILLISECONDS);
    }

    static long systemMicros() {
        Instant i = Instant.now();
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1_000;
    }

    long nowMillis() {
        return Math.floorDiv(clockMicros.getAsLong(), 1000L);
    }

    public LiveMetrics metrics() {
        return metrics;
    }

    /** Starts serving a shard (task thread). */
    public void add(LiveSplit split) {
        Venue v = split.venue();
        breakers.computeIfAbsent(v, x -> new CircuitBreaker(config.breaker(), this::nowMillis,
                (from, to, reason) -> onCircuit(x, from, to, reason)));
        buckets.computeIfAbsent(v, x -> {
            TokenBucket b = new TokenBucket(config.subscribeBurst(), config.subscribePerSecond(), this::nowMillis);
            metrics.venue(x).bucket = b;
            return b;
        });
        parsers.computeIfAbsent(v, Venue::newParser);
        Conn c = new Conn(split, jitter);
        conns.add(c);
        LOG.info("live_source event=add venue={} conn={} symbols={}", v.id(), c.id, String.join(",", split.symbols()));
        long now = nowMillis();
        for (String s : split.symbols()) metrics.venue(v).track(s, now);
        onControl(() -> connect(c));
    }

    /** The shards with their current frame ordinals (task thread, for checkpoints). */
    public List<LiveSplit> snapshot() {
        List<LiveSplit> out = new ArrayList<>(conns.size());
        for (Conn c : conns) out.add(c.split.withNextOrdinal(c.nextOrdinal));
        return out;
    }

    /** Completed when {@link #poll} has something to do. */
    public CompletableFuture<Void> available() {
        return queue.availability();
    }

    /** True when every book of connection {@code connId} is valid at the source (tests, health). */
    public boolean booksValid(String connId) {
        for (Conn c : conns) if (c.id.equals(connId)) return c.books.allValid();
        return false;
    }

    // ---- task thread -------------------------------------------------------------------------

    /** Processes up to {@code max} frames (connection events first); returns how many items were handled. */
    public int poll(Output out, int max) {
        int n = 0;
        Lost lost;
        while ((lost = queue.pollControl()) != null) {
            n++;
            Conn c = lost.conn;
            if (lost.symbol != null) {
                c.timeouts.add(lost); // after the frames received before it: a book among them ends the wait
                continue;
            }
            if (lost.gen < c.taskGen) {
                continue; // a newer connection already delivered frames (and invalidated the books at its first)
            }
            if (lost.overflow) {
                resync(c, lost.gen, "queue_overflow", out);
            } else if (!c.invalidated) {
                // frames received before the loss are intact and still queued: they go first, the
                // marker after them (or at the next connection's first frame, whichever comes first)
                c.pendingLoss = lost.reason;
            }
        }
        Frame f;
        while (n < max && (f = queue.pollFrame()) != null) {
            n++;
            f.conn.queued.decrementAndGet();
            handle(f, out);
        }
        for (Conn c : conns) {
            if (c.venue == Venue.BITSTAMP && config.bitstampRestCheckMillis() > 0) restCheckTick(c, out);
            if (!c.timeouts.isEmpty()) {
                List<Lost> due = List.copyOf(c.timeouts);
                c.timeouts.clear();
                for (Lost t : due) resubscribeTimedOut(c, t.gen, t.symbol, t.attempt, t.reason, out);
            }
            if (c.pendingLoss != null && c.queued.get() == 0) {
                invalidate(c, c.pendingLoss, out);
            }
        }
        return n;
    }

    private void handle(Frame f, Output out) {
        Conn c = f.conn;
        if (f.gen <= c.deadGen) {
            metrics.venue(c.venue).framesDropped.inc();
            return;
        }
        if (f.restCheck >= 0) { // a REST comparison's body: not a frame of the stream (not recorded, not emitted)
            if (f.gen == c.taskGen && !c.invalidated) restCheckBody(c, f, out);
            return;
        }
        if (f.gen != c.taskGen) { // first frame of a new connection: whatever the books were, they are gone
            // Gemini's book data is receive-stamped: its reset is stamped as received with that frame,
            // not at this poll, or it could come after the new connection's snapshot. The other venues'
            // resets keep the poll-time stamp (their books carry the exchange's clock; the reset's
            // event time is the last exchange time of their book data either way)
            String why = c.pendingLoss != null ? c.pendingLoss
                    : c.taskGen != 0 ? "reconnected" : c.split.nextOrdinal() > 0 ? "restored" : "connected";
            if (c.venue == Venue.GEMINI) invalidate(c, why, f.receiveMicros, out);
            else invalidate(c, why, out);
            c.invalidated = false;
            c.healthy = false;
            c.resubscribing.clear(); // the new connection subscribed every symbol afresh
            c.taskGen = f.gen;
            c.sequence.reset();
        }
        LiveMetrics.VenueMetrics vm = metrics.venue(c.venue);
        long ordinal = c.nextOrdinal++;
        vm.framesReceived.inc();
        vm.bytesReceived.inc(f.tooLargeBytes >= 0 ? f.tooLargeBytes : f.text.length());
        String lineConn = f.restPair == null ? c.id : FixtureLineDecoder.restConn(c.id, f.restPair);
        FixtureLine line = new FixtureLine(f.receiveMicros, c.venue.id(), lineConn, f.text);
        if (f.tooLargeBytes >= 0) {
            vm.framesQuarantined.inc();
            MarketEvent tooLarge = MarketEvent.of(new Quarantine(c.venue.recordVenue(), "", QuarantineReason.FRAME_TOO_LARGE,
                    "frame of " + f.tooLargeBytes + " bytes exceeds the limit of " + config.maxFrameBytes()
                            + " (first " + TOO_LARGE_PREFIX + " chars kept)", f.receiveMicros, c.id, ordinal, f.text));
            vm.frameGaps.inc(); // it may have carried book data: a gap
            resync(c, f.gen, QuarantineReason.FRAME_TOO_LARGE, f.receiveMicros, out); // before the frame, like any gap
            out.frame(line, "");
            out.event(tooLarge);
            return;
        }
        parsed.clear();
        FrameParser parser = parsers.get(c.venue);
        if (f.restPair != null) {
            ((BitstampParser) parser).parseRestSnapshot(f.text, f.restPair, f.receiveMicros, lineConn, ordinal, parsed::add);
        } else {
            parser.parse(f.text, f.receiveMicros, c.id, ordinal, parsed::add);
        }
        MarketEvent sequenceGap = null;
        int sequenceResets = 0;
        if (c.venue == Venue.COINBASE_ADVANCED) { // a skipped sequence_num: the whole connection is resynced below
            for (MarketEvent e : c.sequence.onFrame(((AdvancedTradeParser) parser).sequenceNum(), parsed, f.receiveMicros, c.id,
                    ordinal)) {
                // the rule's own resets are the replay's; here the resync's, stamped per symbol, stand for them
                if (e.kind() == EventKind.QUARANTINE) sequenceGap = e;
                else if (e.kind() == EventKind.BOOK_RESET) sequenceResets++;
            }
        }
        String frameSymbol = "";
        for (MarketEvent e : parsed) {
            if (!e.symbol().isEmpty()) {
                frameSymbol = e.symbol();
                break;
            }
        }
        String resync = null;
        String culprit = null; // the symbol whose own subscription or snapshot failed, if the gap is its own
        boolean refused = false; // the culprit's subscription was refused (not live: nothing to unsubscribe)
        boolean mixed = false; // another gap in the same frame that is not the culprit's: the whole connection
        long receiveMillis = Math.floorDiv(f.receiveMicros, 1000L);
        if (sequenceResets > 0) {
            vm.sequenceGaps.inc(sequenceResets); // one per book lost, as for the other venues' sequence gaps
            vm.invalidBooks.inc(sequenceResets);
            resync = sequenceGap.quarantine().reason() + ": " + sequenceGap.quarantine().detail();
            mixed = true;
        }
        for (MarketEvent e : parsed) {
            if (e.kind() == EventKind.QUARANTINE) {
                vm.framesQuarantined.inc();
                if (losesBookData(e.quarantine())) {
                    if (resync == null) {
                        vm.frameGaps.inc();
                        resync = e.quarantine().reason();
                        if (f.restPair != null && c.books.tracks(e.symbol())) {
                            culprit = e.symbol(); // its own REST snapshot was unusable: the symbol's own gap
                            resync += " " + culprit;
                        }
                    } else {
                        mixed = true;
                    }
                }
            } else if (e.kind() == EventKind.SUBSCRIPTION && !e.subscription().success()
                    && !e.subscription().channel().startsWith("-")) { // a refused unsubscribe loses nothing
                if (resync == null) {
                    vm.subscribeErrors.inc();
                    resync = "subscribe_error " + e.subscription().channel() + " " + e.symbol() + ": " + e.subscription().error();
                    culprit = culprit(c, e.symbol(), e.subscription().error());
                    refused = true;
                } else if (!e.symbol().equals(culprit)) {
                    mixed = true;
                }
            } else if (e.kind() == EventKind.STATUS && "error".equals(e.status().system())) {
                // Coinbase's {"type":"error"} (a refused subscribe, a bad message) and Bitstamp's bts:error:
                // the venue refused something we asked for, so some book may never come — resubscribe
                if (resync == null) {
                    vm.subscribeErrors.inc();
                    resync = "venue_error: " + e.status().message();
                    culprit = culprit(c, e.symbol(), e.status().message());
                    refused = true;
                } else {
                    mixed = true;
                }
            } else if (e.kind() == EventKind.SUBSCRIPTION && c.venue.isBookAck(e.subscription())) {
                c.resubscribing.remove(e.symbol()); // its fresh snapshot comes next: a later update without one is a gap again
            }
            RestCheck check = null;
            if (!c.restChecks.isEmpty() && e.kind() == EventKind.BOOK_DELTA && f.restPair == null) {
                check = c.restChecks.get(e.symbol());
                if (check != null && check.rest != null && e.header().exchangeTimeMicros() > check.restMicros) {
                    // the first diff after the REST body's time: every diff up to it is in the copy — compare,
                    // before this diff (a mismatch resets the book before the frame that revealed it)
                    c.restChecks.remove(e.symbol());
                    compareRestCheck(c, f.gen, e.symbol(), check, f.receiveMicros, out);
                    check = null;
                }
            }
            BookOutcome o = c.books.apply(e);
            if (check != null && o == BookOutcome.APPLIED) {
                if (check.rest == null) {
                    check.log.add(e.delta());
                    if (check.log.size() > REST_CHECK_MAX_LOGGED) c.restChecks.remove(e.symbol());
                } else {
                    io.cryptorun.sources.book.VenueBooks.levels(check.shadow, e.delta()); // up to the body's time
                }
            }
            if (e.kind() == EventKind.BOOK_SNAPSHOT && o == BookOutcome.APPLIED) {
                c.resubscribing.remove(e.symbol()); // the fresh book is here (the only end of the wait on a venue without acks)
            }
            if (o == BookOutcome.BEFORE_SNAPSHOT && (c.resubscribing.contains(e.symbol()) || c.dark.contains(e.symbol()))) {
                o = null; // an update still in flight while the symbol is resubscribed (or given up): expected, not a new gap
            }
            if (o != null) {
                String broken = count(vm, o);
                if (broken != null) {
                    if (resync == null) {
                        resync = broken + " " + e.symbol();
                        if (o == BookOutcome.BEFORE_SNAPSHOT) culprit = e.symbol();
                    } else if (!e.symbol().equals(culprit)) {
                        mixed = true;
                    }
                }
            }
            if (e.kind() != EventKind.QUARANTINE && c.books.tracks(e.symbol()) && c.books.valid(e.symbol())) {
                vm.frameFor(e.symbol(), receiveMillis); // subscribed symbols with a valid book only
                if (c.symbolFailures.remove(e.symbol()) != null) { // a valid book: its resubscribes start afresh
                    String s = e.symbol();
                    onControl(() -> c.symbolBackoff.remove(s));
                }
            }
            if (c.venue == Venue.BITSTAMP) {
                if (e.kind() == EventKind.SUBSCRIPTION && e.subscription().success()
                        && "diff_order_book".equals(e.subscription().channel())) {
                    requestSnapshot(c, f.gen, e.symbol());
                } else if (e.kind() == EventKind.STATUS && "request_reconnect".equals(e.status().system())) {
                    resync = "venue requested reconnect";
                    mixed = true;
                }
            }
        }
        if (culprit != null && c.books.tracks(culprit) && !c.dark.contains(culprit)) {
            int n = c.symbolFailures.merge(culprit, 1, Integer::sum);
            if (n >= config.darkAfterAttempts()) symbolDark(c, culprit, n, resync);
        }
        if (resync != null) {
            // the resets go first, stamped with the last usable book data: the frame that revealed the
            // gap (a checksum failure, an update without snapshot, garbage) must not let the book
            // operator emit the seconds up to it from a book that already missed something
            List<String> again = culprit != null && !mixed && c.books.tracks(culprit)
                    ? c.venue.resubscribeBook(culprit, !refused) : null;
            if (again != null) {
                resubscribeSymbol(c, f.gen, culprit, resync, again, f.receiveMicros, true, out);
                if (refused && (c.venue == Venue.COINBASE || c.venue == Venue.COINBASE_ADVANCED)) {
                    // Coinbase may refuse a subscribe message as a whole: a product of the connection that
                    // has no book yet and is not waited for gets the same timeout as a resubscribe
                    for (String s : c.split.symbols()) {
                        if (!s.equals(culprit) && !c.books.valid(s) && !c.dark.contains(s) && !c.resubscribing.contains(s)) {
                            watch(c, f.gen, s, c.attempts.getOrDefault(s, 0), "no book after the refusal of " + culprit);
                        }
                    }
                }
            } else {
                resync(c, f.gen, resync, f.receiveMicros, out);
            }
        }
        out.frame(line, frameSymbol);
        if (sequenceGap != null) out.event(sequenceGap);
        for (MarketEvent e : parsed) out.event(e);
        long stale = c.books.takeBufferedStale();
        if (stale > 0) vm.staleDiffs.inc(stale);
        if (resync == null && !c.healthy && c.books.allValid()) {
            c.healthy = true; // every book rebuilt: the connection proved itself, later failures start backoff afresh
            LOG.info("live_source event=books_valid venue={} conn={} symbol=* reason=\"all books rebuilt from snapshots\"",
                    c.venue.id(), c.id);
            onControl(c.backoff::reset);
        }
    }

    /**
     * Task thread: a gap of one symbol's own (its snapshot lost, its subscription refused) on a venue
     * that subscribes per symbol: only its book is reset — a {@link BookReset} stamped with its last
     * book data, before the frame that revealed the gap — and only it is taken afresh on the same
     * connection after its own backoff (unsubscribe, then subscribe with a snapshot); the shard's
     * other books go on. A symbol reported dark is only unsubscribed.
     */
    private void resubscribeSymbol(Conn c, long gen, String symbol, String reason, List<String> messages, long receiveMicros,
            boolean reset, Output out) {
        if (gen <= c.deadGen) return;
        c.books.resetSymbol(symbol);
        c.restChecks.remove(symbol);
        if (reset) { // after a resubscribe timeout the book is still the one reset before it: nothing new to invalidate
            metrics.venue(c.venue).resyncs.inc();
            BookReset r = bookReset(c.venue, symbol, c.books.lastBookMicros(symbol), receiveMicros, c.id, reason);
            out.event(MarketEvent.of(r));
            out.frame(BookResetLine.encode(r, c.venue.id()), symbol);
        }
        int attempt = c.attempts.merge(symbol, 1, Integer::sum);
        if (c.dark.contains(symbol)) {
            List<String> unsubscribe = messages.stream().filter(m -> m.contains("unsubscribe")).toList();
            if (!unsubscribe.isEmpty()) onControl(() -> sendResubscribe(c, gen, symbol, unsubscribe, -1)); // unsubscribe only
            return;
        }
        c.resubscribing.add(symbol);
        LOG.warn("live_source event=resubscribe venue={} conn={} symbol={} reason=\"{}\" attempt={}", c.venue.id(), c.id, symbol,
                reason, c.symbolFailures.getOrDefault(symbol, 0));
        onControl(() -> {
            if (c.closed || c.acceptGen != gen) return;
            long delay = c.symbolBackoff.computeIfAbsent(symbol,
                    x -> new Backoff(config.backoffBaseMillis(), config.backoffMaxMillis(), jitter)).nextDelayMillis();
            later(() -> sendResubscribe(c, gen, symbol, messages, attempt), delay);
        });
    }

    /**
     * Task thread, Bitstamp: every {@code bitstampRestCheckMillis}, each pair with a valid book gets a
     * REST comparison ({@link RestCheck}): its book is copied now and the order book requested. A
     * comparison whose body came but no later diff for a whole interval is made now (the book is
     * still as of the body's time); one whose body never came is given up.
     */
    private void restCheckTick(Conn c, Output out) {
        long now = nowMillis();
        if (c.taskGen == 0 || c.invalidated || c.deadGen >= c.taskGen) return;
        if (c.nextRestCheckMillis == 0) {
            c.nextRestCheckMillis = now + config.bitstampRestCheckMillis();
            return;
        }
        if (now < c.nextRestCheckMillis) return;
        c.nextRestCheckMillis = now + config.bitstampRestCheckMillis();
        long gen = c.taskGen;
        for (String s : c.split.symbols()) {
            RestCheck old = c.restChecks.remove(s);
            if (old != null && old.rest != null && compareRestCheck(c, gen, s, old, clockMicros.getAsLong(), out)) continue;
            if (!c.books.valid(s) || c.dark.contains(s) || c.resubscribing.contains(s)) continue;
            RestCheck check = new RestCheck(++c.restCheckSeq, c.books.copyOf(s), c.books.lastAppliedMicros(s));
            c.restChecks.put(s, check);
            onControl(() -> fetchSnapshot(c, gen, s, check.id));
        }
    }

    /** Task thread: the body of a REST comparison arrived; the diffs logged up to its time go into the copy. */
    private void restCheckBody(Conn c, Frame f, Output out) {
        String symbol = null;
        for (var en : c.restChecks.entrySet()) if (en.getValue().id == f.restCheck) symbol = en.getKey();
        if (symbol == null) return; // superseded (a newer comparison, a reset of the book)
        RestCheck check = c.restChecks.get(symbol);
        List<MarketEvent> body = new ArrayList<>(1);
        ((BitstampParser) parsers.get(c.venue)).parseRestSnapshot(f.text, f.restPair, f.receiveMicros,
                FixtureLineDecoder.restConn(c.id, f.restPair), -1, body::add);
        io.cryptorun.sources.model.BookSnapshot snap = null;
        for (MarketEvent e : body) if (e.kind() == EventKind.BOOK_SNAPSHOT && symbol.equals(e.symbol())) snap = e.snapshot();
        long t = snap == null ? EventHeader.NO_TIME : snap.header().exchangeTimeMicros();
        if (t == EventHeader.NO_TIME || t < check.startMicros) {
            // unusable, or older than our copy (the two clocks disagree): nothing can be concluded
            c.restChecks.remove(symbol);
            LOG.info("live_source event=rest_check venue={} conn={} symbol={} reason=\"skipped: {}\"", c.venue.id(), c.id, symbol,
                    snap == null ? "REST body unusable" : "REST body at " + t + " older than the book (" + check.startMicros + ")");
            return;
        }
        check.rest = snap;
        check.restMicros = t;
        boolean after = false;
        for (io.cryptorun.sources.model.BookDelta d : check.log) {
            if (d.header().exchangeTimeMicros() > t) {
                after = true; // the stream is past the body's time already
                break;
            }
            io.cryptorun.sources.book.VenueBooks.levels(check.shadow, d);
        }
        check.log = null;
        if (after) {
            c.restChecks.remove(symbol);
            compareRestCheck(c, f.gen, symbol, check, f.receiveMicros, out);
        }
    }

    /**
     * Task thread: compares the top {@value #REST_CHECK_LEVELS} levels per side of the book as of the
     * REST body's time with the body, exactly (decimal values). A difference is a gap of that pair's
     * own: counted ({@code bitstampRestMismatches}), logged ({@code event=rest_mismatch}), the book
     * reset (stamped with its last book data) and the pair resubscribed on the same connection, which
     * fetches a fresh REST snapshot as at subscribe time. Returns true on a mismatch.
     */
    private boolean compareRestCheck(Conn c, long gen, String symbol, RestCheck check, long receiveMicros, Output out) {
        LiveMetrics.VenueMetrics vm = metrics.venue(c.venue);
        io.cryptorun.sources.book.OrderBook venueBook = io.cryptorun.sources.book.VenueBookRules.newBook(c.venue.recordVenue(), symbol);
        if (io.cryptorun.sources.book.VenueBooks.snapshot(venueBook, check.rest) != BookOutcome.APPLIED
                || !check.shadow.isValid()) {
            return false; // a crossed or unreadable body, or a copy the logged diffs broke: nothing to conclude
        }
        vm.bitstampRestChecks.inc();
        String difference = firstDifference(check.shadow, venueBook);
        if (difference == null) return false;
        vm.bitstampRestMismatches.inc();
        String reason = "rest_mismatch: " + difference + " (REST order book at " + check.restMicros + ")";
        LOG.warn("live_source event=rest_mismatch venue={} conn={} symbol={} reason=\"{}\"", c.venue.id(), c.id, symbol, reason);
        List<String> again = c.venue.resubscribeBook(symbol, true);
        if (again != null) resubscribeSymbol(c, gen, symbol, reason, again, receiveMicros, true, out);
        return true;
    }

    /** The first of the top {@value #REST_CHECK_LEVELS} levels per side where the two books differ, or null. */
    static String firstDifference(io.cryptorun.sources.book.OrderBook ours, io.cryptorun.sources.book.OrderBook venue) {
        for (int side = 0; side < 2; side++) {
            boolean bid = side == 0;
            int n1 = bid ? ours.bidCount() : ours.askCount();
            int n2 = bid ? venue.bidCount() : venue.askCount();
            for (int i = 0; i < REST_CHECK_LEVELS && (i < n1 || i < n2); i++) {
                String a = i < n1 ? level(ours, bid, i) : "none";
                String b = i < n2 ? level(venue, bid, i) : "none";
                if (!a.equals(b)) return (bid ? "bid" : "ask") + " level " + (i + 1) + ": ours " + a + ", venue " + b;
            }
        }
        return null;
    }

    /** {@code price x qty} of one level, as exact decimals without trailing zeros. */
    private static String level(io.cryptorun.sources.book.OrderBook b, boolean bid, int i) {
        java.math.BigDecimal p = java.math.BigDecimal.valueOf(bid ? b.bidPrice(i) : b.askPrice(i), b.priceScale());
        java.math.BigDecimal q = java.math.BigDecimal.valueOf(bid ? b.bidQty(i) : b.askQty(i), b.qtyScale());
        return p.stripTrailingZeros().toPlainString() + " x " + q.stripTrailingZeros().toPlainString();
    }

    /**
     * Control thread: sends one symbol's resubscribe when the venue's subscribe bucket allows, and
     * from then on gives it {@code resubscribeTimeoutMillis} to produce a valid book ({@code attempt} < 0: no timeout).
     */
    private void sendResubscribe(Conn c, long gen, String symbol, List<String> messages, int attempt) {
        if (c.closed || c.acceptGen != gen || c.ws == null) return;
        TokenBucket bucket = buckets.get(c.venue);
        if (!bucket.tryAcquire()) {
            later(() -> sendResubscribe(c, gen, symbol, messages, attempt), Math.max(1, bucket.millisUntilAvailable()));
            return;
        }
        for (String m : messages) c.ws.send(m);
        if (attempt >= 0) timeoutLater(c, gen, symbol, attempt, "no valid book within " + config.resubscribeTimeoutMillis()
                + " ms of the resubscribe");
    }

    /** Task thread: gives {@code symbol} the resubscribe timeout from now, for its attempt {@code attempt}. */
    private void watch(Conn c, long gen, String symbol, int attempt, String why) {
        onControl(() -> timeoutLater(c, gen, symbol, attempt, "no valid book within " + config.resubscribeTimeoutMillis()
                + " ms: " + why));
    }

    /** Control thread: the timeout of {@code symbol}'s attempt, to the task thread when it expires. */
    private void timeoutLater(Conn c, long gen, String symbol, int attempt, String reason) {
        later(() -> {
            if (c.closed || c.acceptGen != gen) return; // that connection is gone: its new one subscribed afresh
            queue.control(new Lost(c, gen, "resubscribe_timeout: " + reason, false, symbol, attempt));
        }, config.resubscribeTimeoutMillis());
    }

    /**
     * Task thread: the timeout of a symbol's resubscribe (or, after a Coinbase refusal, of a product
     * still without a book) expired. Unless a valid book came meanwhile, a newer attempt is under way,
     * the symbol went dark or the connection changed, the attempt counts as a failure of the symbol's
     * own — towards {@code darkAfterAttempts}, like a refusal — and the next resubscribe follows with
     * the symbol's backoff (unsubscribe first: the venue may hold a silent subscription).
     */
    private void resubscribeTimedOut(Conn c, long gen, String symbol, int attempt, String reason, Output out) {
        if (gen != c.taskGen || gen <= c.deadGen || c.invalidated) return;
        if (c.attempts.getOrDefault(symbol, 0) != attempt || c.dark.contains(symbol) || c.books.valid(symbol)) return;
        // Bitstamp: once the venue acknowledged, the REST snapshot decides (a failed request reconnects, an unusable
        // body is the pair's own failure); resetting the book under a body on its way would lose the diffs buffered for it
        if (c.venue == Venue.BITSTAMP && !c.resubscribing.contains(symbol)) return;
        metrics.venue(c.venue).resubscribeTimeouts.inc();
        int n = c.symbolFailures.merge(symbol, 1, Integer::sum);
        LOG.warn("live_source event=resubscribe_timeout venue={} conn={} symbol={} reason=\"{}\" attempt={}", c.venue.id(), c.id,
                symbol, reason, n);
        if (n >= config.darkAfterAttempts()) symbolDark(c, symbol, n, reason);
        List<String> again = c.venue.retryBook(symbol);
        if (again != null) resubscribeSymbol(c, gen, symbol, reason, again, clockMicros.getAsLong(), false, out);
    }

    /**
     * The subscribed symbol a refusal or venue error is about: the one the record names, else the one
     * subscribed symbol whose venue spelling (or canonical name) its text names; null when none or
     * several (then the whole connection is at fault, not one symbol).
     */
    private static String culprit(Conn c, String named, String text) {
        if (named != null && !named.isEmpty()) return c.books.tracks(named) ? named : null;
        if (text == null || text.isEmpty()) return null;
        String found = null;
        for (String s : c.split.symbols()) {
            if (text.contains(s) || text.contains(c.venue.venueSymbol(s))) {
                if (found != null) return null;
                found = s;
            }
        }
        return found;
    }

    /**
     * Task thread: reports {@code symbol} dark after {@code attempts} resubscribes in a row without a
     * valid book — the {@code darkSymbols} gauge, one {@code live_source event=symbol_dark} line — and
     * leaves it out of later subscriptions of {@code c}, so it no longer tears its shard's other
     * symbols down with every retry. Its book stays reset (no microstructure); its freshness keeps growing.
     */
    private void symbolDark(Conn c, String symbol, int attempts, String reason) {
        if (!c.dark.add(symbol)) return;
        c.books.dark(symbol);
        c.symbolFailures.remove(symbol);
        metrics.venue(c.venue).darkSymbols.incrementAndGet();
        LOG.error("live_source event=symbol_dark venue={} conn={} symbol={} reason=\"no valid book after {} resubscribes in a row; "
                + "last: {}; no longer subscribed\"", c.venue.id(), c.id, symbol, attempts, reason);
    }

    /** Symbols of connection {@code connId} reported dark (tests). */
    public java.util.Set<String> darkSymbols(String connId) {
        for (Conn c : conns) if (c.id.equals(connId)) return java.util.Set.copyOf(c.dark);
        return java.util.Set.of();
    }

    /**
     * True when a quarantined frame may have carried book data the books now miss: anything but a
     * message of a kind or symbol the feed does not use. A frame that cannot even be parsed names
     * no symbol, so the whole connection is resynced.
     */
    static boolean losesBookData(Quarantine q) {
        return switch (q.reason()) {
            case QuarantineReason.UNKNOWN_CHANNEL, QuarantineReason.UNKNOWN_MESSAGE, QuarantineReason.INVALID_SYMBOL -> false;
            default -> true;
        };
    }

    /** Counts an outcome; returns the resync reason when the book is broken, else null. */
    private static String count(LiveMetrics.VenueMetrics vm, BookOutcome o) {
        switch (o) {
            case BEFORE_SNAPSHOT -> {
                vm.snapshotsMissing.inc(); // the snapshot was lost or unusable: the book would stay dark
            }
            case CHECKSUM_MISMATCH -> vm.checksumMismatches.inc();
            case SEQUENCE_GAP -> vm.sequenceGaps.inc();
            case STALE -> {
                vm.staleDiffs.inc();
                return null;
            }
            case CROSSED, PRECISION_EXCEEDED, OUT_OF_ORDER -> { }
            default -> {
                return null;
            }
        }
        vm.invalidBooks.inc();
        return o.quarantineReason();
    }

    /** Task thread: drops generation {@code gen} of {@code c}, invalidates its books, reconnects. */
    private void resync(Conn c, long gen, String reason, Output out) {
        resync(c, gen, reason, clockMicros.getAsLong(), out);
    }

    /** As above, the resets stamped as received at {@code receiveMicros} (the frame that revealed the gap). */
    private void resync(Conn c, long gen, String reason, long receiveMicros, Output out) {
        if (gen <= c.deadGen) return;
        c.deadGen = gen;
        metrics.venue(c.venue).resyncs.inc();
        LOG.warn("live_source event=resync venue={} conn={} symbol={} reason=\"{}\"", c.venue.id(), c.id,
                String.join(",", c.split.symbols()), reason);
        invalidate(c, reason, receiveMicros, out);
        onControl(() -> restart(c, gen, reason, false));
    }

    /**
     * The reset of one symbol's book on a connection.
     *
     * @param lastBookMicros event time of the symbol's last book data ({@link EventHeader#NO_TIME} before any)
     * @param nowMicros      receive time (when the gap was noticed)
     */
    public static BookReset bookReset(Venue venue, String symbol, long lastBookMicros, long nowMicros, String conn, String reason) {
        return new BookReset(new EventHeader(venue.recordVenue(), symbol, lastBookMicros, nowMicros, conn, -1), reason, true);
    }

    /** Emits the book resets of every book of {@code c} once per lost connection. */
    private void invalidate(Conn c, String reason, Output out) {
        invalidate(c, reason, clockMicros.getAsLong(), out);
    }

    private void invalidate(Conn c, String reason, long receiveMicros, Output out) {
        c.books.reset();
        c.restChecks.clear();
        c.pendingLoss = null;
        // frames of dead generations are never used: free their queue space now, not when drained
        long dead = c.deadGen;
        int purged = 0;
        List<Frame> deadFrames = new ArrayList<>();
        for (Frame f : queue.frames()) {
            if (f.conn == c && f.gen <= dead) deadFrames.add(f);
        }
        for (Frame f : deadFrames) {
            if (queue.remove(f)) {
                c.queued.decrementAndGet();
                purged++;
            }
        }
        if (purged > 0) metrics.venue(c.venue).framesDropped.inc(purged);
        if (c.invalidated) return;
        c.invalidated = true;
        for (String symbol : c.split.symbols()) {
            BookReset r = bookReset(c.venue, symbol, c.books.lastBookMicros(symbol), receiveMicros, c.id, reason);
            out.event(MarketEvent.of(r));
            out.frame(BookResetLine.encode(r, c.venue.id()), symbol); // so the gap survives in Kafka and recordings too
        }
    }

    // ---- control thread ----------------------------------------------------------------------

    private void onControl(Runnable r) {
        if (closed) return;
        try {
            control.execute(r);
        } catch (RejectedExecutionException e) {
            // shutting down
        }
    }

    private void later(Runnable r, long delayMillis) {
        if (closed) return;
        try {
            control.schedule(r, Math.max(0, delayMillis), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // shutting down
        }
    }

    private void connect(Conn c) {
        if (closed || c.closed) return;
        CircuitBreaker b = breakers.get(c.venue);
        if (!b.tryAcquire()) {
            later(() -> connect(c), Math.max(50, b.millisUntilProbe()));
            return;
        }
        long gen = ++c.genCounter;
        c.acceptGen = gen;
        c.connectStartMillis = nowMillis();
        c.watchdog.activity();
        LOG.info("live_source event=connect venue={} conn={} symbol=* reason=\"generation {} to {}\"", c.venue.id(), c.id,
                gen, c.url);
        try {
            c.ws = client.newWebSocket(new Request.Builder().url(c.url).build(), new SocketListener(c, gen));
        } catch (IllegalArgumentException e) {
            lose(c, gen, "bad endpoint: " + e.getMessage(), true);
        }
    }

    /** Control thread: the connection of generation {@code gen} is gone; reconnect after a backoff delay. */
    private void restart(Conn c, long gen, String reason, boolean failure) {
        if (c.closed || gen < c.genCounter) return; // a newer connection exists already
        c.acceptGen = -1;
        if (c.ws != null) {
            c.ws.cancel();
            c.ws = null;
        }
        if (failure) breakers.get(c.venue).onFailure(reason);
        metrics.venue(c.venue).reconnects.inc();
        long delay = c.backoff.nextDelayMillis();
        LOG.warn("live_source event=reconnect venue={} conn={} symbol=* reason=\"{}\" delay_ms={} attempt={}", c.venue.id(),
                c.id, reason, delay, c.backoff.attempts());
        c.genCounter++; // nothing of the old generation is accepted any more, even before the new socket opens
        later(() -> connect(c), delay);
    }

    /** Control thread: socket-level loss; restarts and tells the task thread to invalidate. */
    private void lose(Conn c, long gen, String reason, boolean failure) {
        if (c.closed || c.acceptGen != gen) return;
        restart(c, gen, reason, failure);
        queue.control(new Lost(c, gen, reason, false));
    }

    private void sendBatches(Conn c, long gen) {
        if (c.closed || c.acceptGen != gen || c.ws == null) return;
        TokenBucket bucket = buckets.get(c.venue);
        while (c.nextBatch < c.batches.size()) {
            if (!bucket.tryAcquire()) {
                long wait = bucket.millisUntilAvailable();
                LOG.info("live_source event=subscribe_wait venue={} conn={} symbol=* reason=\"rate limit\" wait_ms={}",
                        c.venue.id(), c.id, wait);
                later(() -> sendBatches(c, gen), Math.max(1, wait));
                return;
            }
            for (String m : c.batches.get(c.nextBatch)) c.ws.send(m);
            c.nextBatch++;
        }
    }

    private void requestSnapshot(Conn c, long gen, String symbol) {
        onControl(() -> fetchSnapshot(c, gen, symbol, -1));
    }

    /**
     * Control thread: {@code GET /api/v2/order_book/<pair>/}. The body goes to the task thread as a
     * {@code #rest:<pair>} frame (the book's snapshot) or, with {@code check} ≥ 0, as the body of
     * the symbol's periodic REST comparison number {@code check} — then a failure only ends that
     * comparison (the book is not touched; the next one follows at the next interval).
     */
    private void fetchSnapshot(Conn c, long gen, String symbol, int check) {
        if (c.closed || c.acceptGen != gen) return;
        CircuitBreaker b = breakers.get(c.venue);
        if (!b.tryAcquire()) {
            if (check >= 0) return; // not now: a comparison is not worth waiting for
            later(() -> fetchSnapshot(c, gen, symbol, check), Math.max(50, b.millisUntilProbe()));
            return;
        }
        String pair = c.venue.venueSymbol(symbol);
        String url = config.bitstampApiBase().replaceAll("/+$", "") + "/api/v2/order_book/" + pair + "/";
        long start = nowMillis();
        Call call;
        try {
            call = client.newCall(new Request.Builder().url(url).build());
        } catch (IllegalArgumentException e) {
            lose(c, gen, "bad REST base: " + e.getMessage(), true);
            return;
        }
        call.enqueue(new Callback() {
            @Override
            public void onFailure(Call call, IOException e) {
                if (check >= 0) {
                    onControl(() -> breakers.get(c.venue).onFailure("REST comparison " + pair + " failed: " + e));
                    return;
                }
                onControl(() -> lose(c, gen, "REST snapshot " + pair + " failed: " + e, true));
            }

            @Override
            public void onResponse(Call call, Response response) {
                String body;
                int code = response.code();
                try (ResponseBody rb = response.body()) {
                    body = rb == null ? "" : rb.string();
                } catch (IOException e) {
                    if (check >= 0) onControl(() -> breakers.get(c.venue).onFailure("REST comparison " + pair + " body: " + e));
                    else onControl(() -> lose(c, gen, "REST snapshot " + pair + " body: " + e, true));
                    return;
                }
                if (code != 200) {
                    if (check >= 0) onControl(() -> breakers.get(c.venue).onFailure("REST comparison " + pair + " HTTP " + code));
                    else onControl(() -> lose(c, gen, "REST snapshot " + pair + " HTTP " + code, true));
                    return;
                }
                long latency = nowMillis() - start;
                onControl(() -> breakers.get(c.venue).onSuccess(latency));
                offer(c, gen, body, pair, check);
            }
        });
    }

    /** Clock reading of the previous watchdog tick (control thread; the construction time before the first). */
    private long lastTickMillis;

    private void watchdogTick() {
        long now = nowMillis();
        // The tick runs every timeout/4. When it is late by more than a whole timeout, this JVM (or
        // machine) was paused — GC, suspend — and the sockets with it: the silence is ours, not the
        // venues'. Give every connection a fresh timeout instead of reporting a stall; if no data
        // resumes, the next ticks still find the stall one timeout later.
        boolean paused = now - lastTickMillis > config.idleTimeoutMillis();
        if (paused) {
            metrics.pauses.inc();
            LOG.warn("live_source event=pause venue=* conn=* symbol=* reason=\"watchdog tick {} ms late: not a stall\"",
                    now - lastTickMillis);
        }
        lastTickMillis = now;
        for (Conn c : List.copyOf(conns)) {
            if (c.closed || c.acceptGen < 0 || c.ws == null) continue;
            if (paused) {
                c.watchdog.activity();
                continue;
            }
            if (c.watchdog.stalled(now)) {
                metrics.venue(c.venue).stalls.inc();
                // a silent connection is replaced, but it is not an error of the venue's (the breaker does not count it)
                lose(c, c.acceptGen, "idle for " + c.watchdog.silenceMillis() + " ms (timeout " + c.watchdog.timeoutMillis()
                        + " ms)", false);
            }
        }
    }

    private void onCircuit(Venue v, CircuitBreaker.State from, CircuitBreaker.State to, String reason) {
        LiveMetrics.VenueMetrics vm = metrics.venue(v);
        vm.circuitState.set(to.code);
        if (to == CircuitBreaker.State.OPEN) vm.circuitOpened.inc();
        LOG.warn("live_source event=circuit venue={} conn=* symbol=* from={} to={} reason=\"{}\"", v.id(), from, to, reason);
    }

    // ---- socket threads ----------------------------------------------------------------------

    /** Offers a frame of generation {@code gen}; a full queue kills the generation (never continue across a gap). */
    private void offer(Conn c, long gen, String text, String restPair, int restCheck) {
        if (c.acceptGen != gen) {
            metrics.venue(c.venue).framesDropped.inc();
            return;
        }
        long receive = clockMicros.getAsLong();
        long tooLarge = -1;
        if ((long) text.length() * 3 > config.maxFrameBytes()) {
            long bytes = Utf8.length(text);
            if (bytes > config.maxFrameBytes()) {
                tooLarge = bytes;
                text = text.substring(0, Math.min(text.length(), TOO_LARGE_PREFIX));
            }
        }
        c.queued.incrementAndGet();
        if (!queue.offer(new Frame(c, gen, receive, text, restPair, tooLarge, restCheck))) {
            c.queued.decrementAndGet();
            c.acceptGen = -1;
            LiveMetrics.VenueMetrics vm = metrics.venue(c.venue);
            vm.queueOverflows.inc();
            vm.framesDropped.inc();
            LOG.warn("live_source event=queue_overflow venue={} conn={} symbol=* reason=\"queue full ({} frames or {} bytes): resync\"",
                    c.venue.id(), c.id, queue.capacity(), queue.maxBytes());
            queue.control(new Lost(c, gen, "queue_overflow", true));
        }
    }

    private final class SocketListener extends WebSocketListener {
        private final Conn c;
        private final long gen;

        SocketListener(Conn c, long gen) {
            this.c = c;
            this.gen = gen;
        }

        @Override
        public void onOpen(WebSocket ws, Response response) {
            onControl(() -> {
                if (c.closed || c.acceptGen != gen) return;
                long latency = nowMillis() - c.connectStartMillis;
                breakers.get(c.venue).onSuccess(latency);
                c.watchdog.activity();
                List<String> wanted = new ArrayList<>();
                for (String s : c.split.symbols()) if (!c.dark.contains(s)) wanted.add(s);
                c.batches = wanted.isEmpty() ? List.of() : c.venue.subscribeBatches(wanted);
                c.nextBatch = 0;
                LOG.info("live_source event=open venue={} conn={} symbol=* reason=\"handshake {} ms\"", c.venue.id(), c.id, latency);
                sendBatches(c, gen);
            });
        }

        @Override
        public void onMessage(WebSocket ws, String text) {
            c.watchdog.activity();
            if (text.indexOf('\uFFFD') >= 0) {
                // okhttp decodes text frames leniently (malformed UTF-8 becomes U+FFFD); no venue sends
                // U+FFFD in market data, so its presence means the frame was not valid UTF-8 (RFC 6455
                // requires failing the connection with 1007): whatever it carried is lost — a gap
                metrics.venue(c.venue).invalidUtf8.inc();
                ws.close(1007, "invalid UTF-8");
                onControl(() -> lose(c, gen, "invalid UTF-8 in a text frame (closed 1007)", true));
                return;
            }
            offer(c, gen, text, null, -1);
        }

        @Override
        public void onMessage(WebSocket ws, ByteString bytes) {
            // no venue of ours sends binary frames: never read one as text. What it carried is lost,
            // so it is a gap like any other: close with 1003 (data type not accepted) and resync
            c.watchdog.activity();
            metrics.venue(c.venue).binaryFrames.inc();
            ws.close(1003, "binary frames not accepted");
            onControl(() -> lose(c, gen, "binary frame of " + bytes.size() + " bytes rejected (closed 1003)", true));
        }

        @Override
        public void onClosing(WebSocket ws, int code, String reason) {
            ws.close(1000, null);
            onControl(() -> lose(c, gen, "closed by server: " + code + " " + reason, false));
        }

        @Override
        public void onFailure(WebSocket ws, Throwable t, Response response) {
            String why = response != null ? "HTTP " + response.code() + " " + response.message() : String.valueOf(t);
            onControl(() -> lose(c, gen, why, true));
        }
    }

    /** Closes every connection and stops the threads; frames still queued are discarded. */
    @Override
    public void close() {
        if (closed) return;
        try {
            control.submit(() -> {
                for (Conn c : conns) {
                    c.closed = true;
                    c.acceptGen = -1;
                    if (c.ws != null) {
                        c.ws.close(1000, "shutdown");
                        c.ws = null;
                    }
                }
            }).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("live_source event=close venue=* conn=* symbol=* reason=\"{}\"", e.toString());
        }
        closed = true;
        control.shutdownNow();
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
        queue.clear();
        queue.signal();
        LOG.info("live_source event=closed venue=* conn=* symbol=* reason=\"shutdown\"");
    }
}
