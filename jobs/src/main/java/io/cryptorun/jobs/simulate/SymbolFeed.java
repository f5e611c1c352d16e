package io.cryptorun.jobs.simulate;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * The frames one symbol produces during the frame period, in exchange-time order, generated a minute
 * at a time: book messages at a Poisson rate that follows the model's activity, and the minute's taker
 * orders (count and volume from the model), each followed by the book message its fills cause. Inside
 * a minute the mid follows a Brownian bridge between the model's minute open and close.
 */
final class SymbolFeed {
    /** A frame with its exchange time; {@code order} breaks ties between symbols of one connection. */
    static final class Event {
        final long exchMicros;
        final int order;
        final String frame;

        Event(long exchMicros, int order, String frame) {
            this.exchMicros = exchMicros;
            this.order = order;
            this.frame = frame;
        }
    }

    private final MarketModel model;
    private final MarketModel.SymbolPath path;
    private final InstrumentSpec spec;
    private final int order;
    private final long symKey;
    private final long dataStart;
    private final SimBook book;
    private final ArrayDeque<Event> queue = new ArrayDeque<>();
    private final String snapshotFrame;
    private int minute;
    private long lastExch;
    private long nextTradeId;
    private long rngHour = Long.MIN_VALUE;
    private Rng rng;

    // scratch
    private final long[] fillPx = new long[3];
    private final long[] fillQty = new long[3];

    SymbolFeed(MarketModel model, int symbolIndex, int order, long dataStart) {
        this.model = model;
        this.path = model.paths[symbolIndex];
        this.spec = path.spec;
        this.order = order;
        this.symKey = Rng.hash(spec.symbol());
        this.dataStart = dataStart;
        this.minute = model.startMinute;
        this.lastExch = dataStart;
        this.book = new SimBook(spec);
        Rng init = Rng.of(model.cfg.seed(), Rng.BOOK, symKey, model.start);
        book.buildSnapshot(init, quote(model.startMinute, path.logMid[model.startMinute]));
        this.snapshotFrame = KrakenFrames.bookSnapshot(spec, book.book, book.checksum);
        // Kraken trade ids are per-pair sequences far from zero
        this.nextTradeId = init.uniformLong(1_000_000, 90_000_000);
    }

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
            queue.add(new Event(ts, order, KrakenFrames.trades(spec, buy, market, fillPx, fillQty, n, nextTradeId, ts)));
            nextTradeId += n;
            lastExch = ts;
            if (book.applyFills(rng, q)) emitBook(ts + delay);
        }
    }

    private void emitBook(long t) {
        long ts = Math.max(t, lastExch);
        queue.add(new Event(ts, order, KrakenFrames.bookUpdate(spec, book.outBidPx, book.outBidQty, book.outBids,
                book.outAskPx, book.outAskQty, book.outAsks, book.checksum, ts)));
        lastExch = ts;
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
