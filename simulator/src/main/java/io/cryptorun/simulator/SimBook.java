package io.cryptorun.simulator;

import io.cryptorun.sources.book.OrderBook;
import io.cryptorun.sources.venue.kraken.KrakenBookChecksum;
import io.cryptorun.sources.venue.kraken.KrakenV2Parser;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The exchange side of one symbol's depth-25 book. It mutates a real {@link OrderBook} with exactly
 * the level changes it then sends, applies Kraken's rules (all changes, then truncate to depth) and
 * checksums the result with {@link KrakenBookChecksum}, so a client that replays the frames holds the
 * identical book and verifies every checksum. Levels pushed below depth 25 are dropped silently as
 * Kraken does; a level deleted inside the window is replaced from beyond it in the same message.
 *
 * <p>The book follows a target quote (mid, half spread, level spacing, level size) that the feed
 * derives from the market model, plus random churn and the fills of simulated taker orders.
 */
final class SimBook {
    static final int DEPTH = 25;

    /** Where the book should be, in unscaled price units and unscaled quantities. */
    record Quote(double mid, double halfSpread, double gap, double qtyMean) {}

    final InstrumentSpec spec;
    final OrderBook book;
    /** Send every difference to the last book, truncation deletes included (venues whose clients keep full depth). */
    private final boolean fullDepth;
    private final KrakenBookChecksum crc = new KrakenBookChecksum();

    // the message being built: changed levels in first-change order, last value wins
    private final Map<Long, Long> bidChanges = new LinkedHashMap<>();
    private final Map<Long, Long> askChanges = new LinkedHashMap<>();
    private final long[] beforeBidPx = new long[DEPTH];
    private final long[] beforeBidQty = new long[DEPTH];
    private final long[] beforeAskPx = new long[DEPTH];
    private final long[] beforeAskQty = new long[DEPTH];
    private int beforeBids;
    private int beforeAsks;

    // the last finished message
    long[] outBidPx = new long[64];
    long[] outBidQty = new long[64];
    long[] outAskPx = new long[64];
    long[] outAskQty = new long[64];
    int outBids;
    int outAsks;
    long checksum;

    // fills of the last taker order, applied to the book by the next applyFills
    private final long[] fillPx = new long[3];
    private final long[] fillQty = new long[3];
    private int fills;
    private boolean fillsOnAsks;

    SimBook(InstrumentSpec spec) {
        this(spec, false);
    }

    /**
     * @param fullDepth false: Kraken's messages (the client truncates to 25, so levels pushed out
     *                  get no delete); true: messages for a client that keeps every level it was
     *                  sent (Coinbase, Bitstamp, Gemini), so a level that leaves the 25 is deleted
     */
    SimBook(InstrumentSpec spec, boolean fullDepth) {
        this.spec = spec;
        this.fullDepth = fullDepth;
        this.book = new OrderBook(KrakenV2Parser.VENUE, spec.symbol());
        book.setPrecision(spec.pricePrecision(), spec.qtyPrecision());
        book.setDepth(DEPTH);
    }

    /** Fills an empty book around the quote; {@link #checksum} is then the snapshot's. */
    void buildSnapshot(Rng r, Quote q) {
        if (book.bidCount() > 0 || book.askCount() > 0) {
            throw new IllegalStateException("snapshot of a non-empty book");
        }
        long tb = targetBid(q);
        long ta = targetAsk(q, tb);
        long p = tb;
        for (int i = 0; i < DEPTH && p >= 1; i++) {
            book.setBid(p, levelQty(r, q, i));
            p -= gapTicks(r, q);
        }
        p = ta;
        for (int i = 0; i < DEPTH; i++) {
            book.setAsk(p, levelQty(r, q, i));
            p += gapTicks(r, q);
        }
        book.truncate();
        checksum = crc.compute(book);
    }

    /**
     * One ordinary book message: the touch follows the quote (levels the price moved through are
     * removed, a new best level appears when the touch lags), then {@code churn} random changes.
     *
     * @return false when nothing changed (no frame to send)
     */
    boolean step(Rng r, Quote q, int churn) {
        begin();
        long tb = targetBid(q);
        long ta = targetAsk(q, tb);
        // levels may sit a little inside the target touch, but never close enough to cross the other side
        long slack = Math.max(0, (ta - tb - 1) / 4);
        while (book.bidCount() > 0 && book.bidPrice(0) > tb + slack) bid(book.bidPrice(0), 0);
        while (book.askCount() > 0 && book.askPrice(0) < ta - slack) ask(book.askPrice(0), 0);
        if (book.bidCount() == 0 || book.bidPrice(0) < tb - slack) bid(tb, levelQty(r, q, 0));
        if (book.askCount() == 0 || book.askPrice(0) > ta + slack) ask(ta, levelQty(r, q, 0));
        for (int i = 0; i < churn; i++) {
            churn(r, q, r.chance(0.5));
        }
        ensureTouch(r, q, tb, ta);
        refill(r, q);
        return finish();
    }

    /**
     * Matches a taker order of {@code qty} against the opposite side, up to three levels, without
     * changing the book yet; the fills are left in the arrays and applied by {@link #applyFills}.
     *
     * @return the number of fills (0 if that side is empty)
     */
    int take(boolean buy, long qty, long[] prices, long[] qtys) {
        fills = 0;
        fillsOnAsks = buy;
        long left = qty;
        int n = buy ? book.askCount() : book.bidCount();
        for (int i = 0; i < n && i < fillPx.length && left > 0; i++) {
            long px = buy ? book.askPrice(i) : book.bidPrice(i);
            long avail = buy ? book.askQty(i) : book.bidQty(i);
            long f = Math.min(left, avail);
            fillPx[fills] = px;
            fillQty[fills] = f;
            prices[fills] = px;
            qtys[fills] = f;
            fills++;
            left -= f;
        }
        return fills;
    }

    /** The book message that follows a trade: the filled levels shrink or vanish, the side is refilled. */
    boolean applyFills(Rng r, Quote q) {
        begin();
        for (int i = 0; i < fills; i++) {
            long remaining = (fillsOnAsks ? qtyAt(true, fillPx[i]) : qtyAt(false, fillPx[i])) - fillQty[i];
            if (fillsOnAsks) ask(fillPx[i], Math.max(0, remaining));
            else bid(fillPx[i], Math.max(0, remaining));
        }
        fills = 0;
        long tb = targetBid(q);
        ensureTouch(r, q, tb, targetAsk(q, tb));
        refill(r, q);
        return finish();
    }

    // ---- message building ---------------------------------------------------------------------

    private void begin() {
        bidChanges.clear();
        askChanges.clear();
        beforeBids = book.bidCount();
        beforeAsks = book.askCount();
        for (int i = 0; i < beforeBids; i++) {
            beforeBidPx[i] = book.bidPrice(i);
            beforeBidQty[i] = book.bidQty(i);
        }
        for (int i = 0; i < beforeAsks; i++) {
            beforeAskPx[i] = book.askPrice(i);
            beforeAskQty[i] = book.askQty(i);
        }
    }

    private void bid(long price, long qty) {
        book.setBid(price, qty);
        bidChanges.put(price, qty);
    }

    private void ask(long price, long qty) {
        book.setAsk(price, qty);
        askChanges.put(price, qty);
    }

    /**
     * Truncates, checks and checksums the book, and keeps only the changes a client needs: a change
     * back to the old value, a delete of a level the client never had, or a non-zero level that ends
     * below depth 25 would leave the client's truncated book exactly the same, so none is sent.
     * Deletes of levels the client holds are always sent, since a held level could otherwise come
     * back into the top 25.
     */
    private boolean finish() {
        book.truncate();
        if (book.isCrossed()) {
            throw new IllegalStateException("simulated book crossed: " + spec.symbol() + " bid " + book.bidPrice(0)
                    + " ask " + book.askPrice(0));
        }
        if (fullDepth) {
            return finishFullDepth();
        }
        outBids = 0;
        for (Map.Entry<Long, Long> e : bidChanges.entrySet()) {
            long p = e.getKey();
            long q = e.getValue();
            long before = lookup(beforeBidPx, beforeBidQty, beforeBids, p);
            boolean inWindow = book.bidCount() > 0 && p >= book.bidPrice(book.bidCount() - 1);
            if (q == before || (q > 0 && !inWindow)) continue;
            addBid(p, q);
        }
        outAsks = 0;
        for (Map.Entry<Long, Long> e : askChanges.entrySet()) {
            long p = e.getKey();
            long q = e.getValue();
            long before = lookup(beforeAskPx, beforeAskQty, beforeAsks, p);
            boolean inWindow = book.askCount() > 0 && p <= book.askPrice(book.askCount() - 1);
            if (q == before || (q > 0 && !inWindow)) continue;
            addAsk(p, q);
        }
        if (outBids == 0 && outAsks == 0) {
            return false;
        }
        checksum = crc.compute(book);
        return true;
    }

    /** Every level whose quantity differs from the last book: changed ones, then those truncation removed. */
    private boolean finishFullDepth() {
        outBids = 0;
        outAsks = 0;
        for (long p : bidChanges.keySet()) {
            long after = qtyAt(false, p);
            if (after != lookup(beforeBidPx, beforeBidQty, beforeBids, p)) addBid(p, after);
        }
        for (int i = 0; i < beforeBids; i++) {
            long p = beforeBidPx[i];
            if (!bidChanges.containsKey(p) && qtyAt(false, p) == 0) addBid(p, 0);
        }
        for (long p : askChanges.keySet()) {
            long after = qtyAt(true, p);
            if (after != lookup(beforeAskPx, beforeAskQty, beforeAsks, p)) addAsk(p, after);
        }
        for (int i = 0; i < beforeAsks; i++) {
            long p = beforeAskPx[i];
            if (!askChanges.containsKey(p) && qtyAt(true, p) == 0) addAsk(p, 0);
        }
        if (outBids == 0 && outAsks == 0) {
            return false;
        }
        checksum = crc.compute(book);
        return true;
    }

    private void addBid(long price, long qty) {
        if (outBids == outBidPx.length) growBids();
        outBidPx[outBids] = price;
        outBidQty[outBids++] = qty;
    }

    private void addAsk(long price, long qty) {
        if (outAsks == outAskPx.length) growAsks();
        outAskPx[outAsks] = price;
        outAskQty[outAsks++] = qty;
    }

    private void growBids() {
        outBidPx = java.util.Arrays.copyOf(outBidPx, outBidPx.length * 2);
        outBidQty = java.util.Arrays.copyOf(outBidQty, outBidQty.length * 2);
    }

    private void growAsks() {
        outAskPx = java.util.Arrays.copyOf(outAskPx, outAskPx.length * 2);
        outAskQty = java.util.Arrays.copyOf(outAskQty, outAskQty.length * 2);
    }

    private static long lookup(long[] px, long[] qty, int n, long price) {
        for (int i = 0; i < n; i++) {
            if (px[i] == price) return qty[i];
        }
        return 0;
    }

    private long qtyAt(boolean askSide, long price) {
        int n = askSide ? book.askCount() : book.bidCount();
        for (int i = 0; i < n; i++) {
            if ((askSide ? book.askPrice(i) : book.bidPrice(i)) == price) {
                return askSide ? book.askQty(i) : book.bidQty(i);
            }
        }
        return 0;
    }

    // ---- dynamics -----------------------------------------------------------------------------

    private void churn(Rng r, Quote q, boolean bidSide) {
        int n = bidSide ? book.bidCount() : book.askCount();
        if (n == 0) return;
        int i = (int) (n * r.uniform() * r.uniform()); // mostly near the touch, where the orders are
        double u = r.uniform();
        long px = bidSide ? book.bidPrice(i) : book.askPrice(i);
        long qty = bidSide ? book.bidQty(i) : book.askQty(i);
        if (u < 0.55) {
            // resize towards a fresh draw: sizes keep moving but do not drift away from the target depth
            long fresh = levelQty(r, q, i);
            set(bidSide, px, lot(r, Math.max(spec.qtyMin(), Math.round(Math.sqrt((double) qty * fresh)))));
            return;
        }
        if (u < 0.96) {
            if (i + 1 >= n) return;
            long next = bidSide ? book.bidPrice(i + 1) : book.askPrice(i + 1);
            long gap = Math.abs(px - next);
            // insert where levels are sparse, delete where they are dense: the spacing stays near the target
            boolean insert = gap > 1.5 * q.gap() || (gap >= 0.6 * q.gap() && u < 0.755);
            if (insert) {
                if (gap < 2) return;
                long off = 1 + (long) (r.uniform() * (gap - 1));
                set(bidSide, bidSide ? px - off : px + off, levelQty(r, q, i + 1));
            } else {
                set(bidSide, next, 0);
            }
            return;
        }
        // a new best price inside the spread
        if (book.bidCount() == 0 || book.askCount() == 0) return;
        long bb = book.bidPrice(0);
        long ba = book.askPrice(0);
        if (ba - bb < 2) return;
        long p = bb + 1 + (long) (r.uniform() * (ba - bb - 1));
        set(bidSide, p, levelQty(r, q, 0));
    }

    private void set(boolean bidSide, long price, long qty) {
        if (bidSide) bid(price, qty);
        else ask(price, qty);
    }

    /** A side emptied by deletes or a sweep gets a level at the target touch again. */
    private void ensureTouch(Rng r, Quote q, long tb, long ta) {
        if (book.bidCount() == 0) {
            long p = book.askCount() > 0 ? Math.min(tb, book.askPrice(0) - 1) : tb;
            if (p >= 1) bid(p, levelQty(r, q, 0));
        }
        if (book.askCount() == 0) {
            long p = book.bidCount() > 0 ? Math.max(ta, book.bidPrice(0) + 1) : ta;
            ask(p, levelQty(r, q, 0));
        }
    }

    /** Brings each side back to depth 25 with levels beyond its worst, as Kraken does after a delete. */
    private void refill(Rng r, Quote q) {
        while (book.bidCount() > 0 && book.bidCount() < DEPTH) {
            long p = book.bidPrice(book.bidCount() - 1) - gapTicks(r, q);
            if (p < 1) break;
            bid(p, levelQty(r, q, book.bidCount()));
        }
        while (book.askCount() > 0 && book.askCount() < DEPTH) {
            long p = book.askPrice(book.askCount() - 1) + gapTicks(r, q);
            ask(p, levelQty(r, q, book.askCount()));
        }
    }

    private static long targetBid(Quote q) {
        return Math.max(1, (long) Math.floor(q.mid() - q.halfSpread()));
    }

    private static long targetAsk(Quote q, long targetBid) {
        return Math.max(targetBid + 1, (long) Math.ceil(q.mid() + q.halfSpread()));
    }

    private static long gapTicks(Rng r, Quote q) {
        return Math.max(1, Math.round(q.gap() * r.uniform(0.3, 1.7)));
    }

    /** Size of a level at depth index {@code i}: log-normal around the quote's mean, larger further out. */
    private long levelQty(Rng r, Quote q, int i) {
        double v = q.qtyMean() * r.lognormal(1, 0.7) / 1.28 * (1 + 0.6 * Math.min(i, DEPTH) / DEPTH);
        return lot(r, Math.max(spec.qtyMin(), Math.round(v)));
    }

    /** Many resting orders are round sizes (0.10000000, 0.35380000 in Kraken's own example): keep 1–4 significant digits. */
    private long lot(Rng r, long qty) {
        if (!r.chance(0.6)) return qty;
        int digits = Long.toString(qty).length();
        int keep = 1 + r.nextInt(4);
        if (digits <= keep) return qty;
        long unit = io.cryptorun.sources.decimal.ExactMath.pow10(digits - keep);
        return Math.max(spec.qtyMin(), Math.round(qty / (double) unit) * unit);
    }
}
