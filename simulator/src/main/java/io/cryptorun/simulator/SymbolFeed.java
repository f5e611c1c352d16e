package io.cryptorun.simulator;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * The frames one symbol produces during the frame period, in exchange-time order, generated a minute
 * at a time: book messages at a Poisson rate that follows the model's activity, and the minute's taker
 * orders (count and volume from the model), each followed by the book message its fills cause. Inside
 * a minute the mid follows a Brownian bridge between the model's minute open and close.
 */
final class SymbolFeed {
    /**
     * A frame with its exchange time; {@code order} breaks ties between symbols of one connection.
     * {@code restPair} is set on a REST response (Bitstamp's order book of that pair), whose
     * {@code exchMicros} is when the response is ready, not the book's time.
     */
    static final class Event {
        final long exchMicros;
        final int order;
        final String frame;
        final String restPair;

        Event(long exchMicros, int order, String frame) {
            this(exchMicros, order, frame, null);
        }

        Event(long exchMicros, int order, String frame, String restPair) {
            this.exchMicros = exchMicros;
            this.order = order;
            this.frame = frame;
            this.restPair = restPair;
        }
    }

    private static final long NO_REST = Long.MIN_VALUE;

    private final MarketModel model;
    private final MarketModel.SymbolPath path;
    private final InstrumentSpec spec;
    private final int order;
    private final long symKey;
    private final long dataStart;
    private final SimBook book;
    private final ArrayDeque<Event> queue = new ArrayDeque<>();
    private final String snapshotFrame;
    private final FeedFrames frames;
    /** Bitstamp: the instant whose book the REST snapshot holds, and how long the response takes. */
    private long restAt;
    private final long restDelay;
    /** When set, the feed sends a fresh initial book (or REST snapshot) then, as after a resubscription. */
    private long resubscribeAt = NO_REST;
    private String restBody;
    private boolean restSent;
    private int minute;
    private long lastExch;
    private long nextTradeId;
    private long rngHour = Long.MIN_VALUE;
    private Rng rng;

    // scratch
    private final long[] fillPx = new long[3];
    private final long[] fillQty = new long[3];

    SymbolFeed(MarketModel model, int symbolIndex, int order, long dataStart) {
        this(model, symbolIndex, order, dataStart, SimVenue.KRAKEN);
    }

    SymbolFeed(MarketModel model, int symbolIndex, int order, long dataStart, SimVenue venue) {
        this.model = model;
        this.path = model.paths[symbolIndex];
        this.spec = path.spec;
        this.order = order;
        this.symKey = venue.streamKey(spec.symbol());
        this.dataStart = dataStart;
        this.minute = model.startMinute;
        this.lastExch = dataStart;
        this.book = new SimBook(spec, venue.fullDepth());
        Rng init = Rng.of(model.cfg.seed(), Rng.BOOK, symKey, model.start);
        book.buildSnapshot(init, quote(model.startMinute, path.logMid[model.startMinute]));
        // trade ids are per-pair sequences far from zero
        this.nextTradeId = init.uniformLong(1_000_000, 90_000_000);
        this.frames = venue.frames(spec, symKey, init, nextTradeId, dataStart);
        this.snapshotFrame = frames.initialBook(book);
        if (snapshotFrame == null) {
            // the book comes from REST, fetched once the diff channel runs: diffs before it are buffered
            this.restAt = dataStart + init.uniformLong(200_000, 900_000);
            this.restDelay = init.uniformLong(250_000, 400_000); // beyond the 200 ms WebSocket latency cap
        } else {
            this.restAt = NO_REST;
            this.restDelay = 0;
        }
    }

    /** The initial book frame, or null when the book comes from a REST snapshot in the stream. */
    String snapshotFrame() {
        return snapshotFrame;
    }

    InstrumentSpec spec() {
        return spec;
    }

    /** The next frame, or null when the frame period is exhausted. */
    Event peek() {
        while (queue.isEmpty() && minute < model.minutes) {
            generate(minute++);
        }
        if (queue.isEmpty() && restAt != NO_REST && !restSent) {
            captureRest(Long.MAX_VALUE); // no event after the snapshot instant: the book is as it was then
            add(Long.MAX_VALUE, null);
        }
        return queue.peek();
    }

    Event poll() {
        Event e = peek();
        if (e != null) queue.poll();
        return e;
    }

    private void generate(int k) {
        long t0 = model.minuteStart(k);
        long hour = Math.floorDiv(t0, Times.HOUR);
        if (hour != rngHour) {
            rngHour = hour;
            rng = Rng.of(model.cfg.seed(), Rng.FEED, symKey, hour);
        }
        // the whole minute is scheduled even when only part of it is in the frame period, so a partial
        // first or last minute has the same rates as any other; events outside it are skipped below
        int nBook = rng.poisson(spec.bookPerSecond() * 60 * path.activity[k]);
        int nTrades = path.trades[k];
        long[] times = new long[nBook + nTrades];
        for (int i = 0; i < times.length; i++) {
            // low bit marks trades so that one sort orders both kinds; ties go to the book message
            long offset = (long) (rng.uniform() * Times.MINUTE);
            times[i] = (offset << 1) | (i >= nBook ? 1 : 0);
        }
        Arrays.sort(times);
        double[] weights = new double[nTrades];
        double sum = 0;
        for (int j = 0; j < nTrades; j++) {
            weights[j] = rng.lognormal(1, 1.0);
            sum += weights[j];
        }
        double move = path.logMid[k + 1] - path.logMid[k];
        double buyProbability = 0.5 + 0.35 * StrictMath.tanh(move / Math.max(path.sigma[k], 1e-12));

        double x = path.logMid[k];
        double xEnd = path.logMid[k + 1];
        double varPerMicro = path.sigma[k] * path.sigma[k] / Times.MINUTE;
        long prev = 0;
        int trade = 0;
        for (int i = 0; i < times.length; i++) {
            long offset = times[i] >>> 1;
            boolean isTrade = (times[i] & 1) == 1;
            // Brownian bridge from the minute open towards its close
            long remaining = Times.MINUTE - prev;
            long dt = offset - prev;
            if (remaining > 0) {
                double mean = x + dt / (double) remaining * (xEnd - x);
                double sd = Math.sqrt(varPerMicro * dt * (Times.MINUTE - offset) / remaining);
                x = mean + sd * rng.gaussian();
            }
            prev = offset;
            long t = t0 + offset;
            captureRest(t);
            resubscribeIfDue(t);
            SimBook.Quote q = quote(k, x);
            if (!isTrade) {
                // before the data start the client has only the snapshot: the book must not move unseen
                if (t < dataStart || t >= model.end) continue;
                if (book.step(rng, q, 1 + rng.poisson(0.4))) emitBook(t);
                continue;
            }
            boolean buy = rng.chance(buyProbability);
            boolean market = rng.chance(0.75);
            long qty = Math.max(spec.qtyMin(), Math.round(path.volume[k] * weights[trade++] / sum));
            long delay = rng.uniformLong(150, 1500);
            if (t < dataStart || t >= model.end) {
                continue;
            }
            int n = book.take(buy, qty, fillPx, fillQty);
            if (n == 0) continue;
            long ts = Math.max(t, lastExch);
            frames.trades(buy, market, fillPx, fillQty, n, nextTradeId, ts, this::add);
            nextTradeId += n;
            lastExch = ts;
            if (book.applyFills(rng, q)) emitBook(ts + delay);
        }
    }

    private void emitBook(long t) {
        long ts = Math.max(t, lastExch);
        frames.bookUpdate(book, ts, this::add);
        lastExch = ts;
    }

    /** Queues a frame; a REST response due by then goes first. {@code frame} null only flushes. */
    private void add(long ts, String frame) {
        if (restBody != null && !restSent && restAt + restDelay <= ts) {
            queue.add(new Event(restAt + restDelay, order, restBody, frames.restPair()));
            restSent = true;
        }
        if (frame != null) {
            queue.add(new Event(ts, order, frame));
        }
    }

    /**
     * Makes the feed resubscribe at {@code micros}: a fresh initial book (or, for a REST venue, a
     * fresh REST snapshot) of the book as it stands then — what a client gets after a reconnect,
     * and what lets a book that broke before recover. For fault tests; must come after the first
     * REST snapshot.
     */
    void resubscribeAt(long micros) {
        this.resubscribeAt = micros;
    }

    private void resubscribeIfDue(long t) {
        if (resubscribeAt == NO_REST || t <= resubscribeAt) {
            return;
        }
        long at = Math.max(resubscribeAt, lastExch);
        resubscribeAt = NO_REST;
        String frame = frames.initialBook(book);
        if (frame != null) {
            add(at, frame);
            lastExch = at;
        } else {
            restAt = at;
            restBody = null;
            restSent = false;
            captureRest(t);
        }
    }

    /** Renders the REST snapshot from the book before the first event after its instant changes it. */
    private void captureRest(long t) {
        if (restAt != NO_REST && restBody == null && t > restAt) {
            // a frame stamped after restAt may already be in the book (a fill's update is stamped a little
            // later than the fill): the snapshot then holds it, and is stamped no earlier
            restBody = frames.restBook(book, Math.max(restAt, lastExch));
        }
    }

    /** The book's target at minute {@code k} and log mid {@code logMid}, in unscaled units. */
    private SimBook.Quote quote(int k, double logMid) {
        double midUsd = StrictMath.exp(logMid);
        double mid = midUsd * spec.priceUnits();
        double halfSpread = mid * spec.spreadBps() * path.spreadMult[k] / 2 / 10_000;
        double gap = Math.max(1, mid * spec.levelGapBps() / 10_000);
        // levels within ±2 % on one side, and their average size factor (SimBook makes outer levels larger)
        double within = Math.max(1, Math.min(SimBook.DEPTH, (0.02 * mid - halfSpread) / gap + 1));
        double shape = 1 + 0.3 * within / SimBook.DEPTH;
        double usdPerLevel = spec.depthUsd() * path.depthMult[k] / (2 * within * shape);
        return new SimBook.Quote(mid, halfSpread, gap, usdPerLevel / midUsd * spec.qtyUnits());
    }
}
