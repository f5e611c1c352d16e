package io.cryptorun.sources.book;

import io.cryptorun.sources.decimal.ExactMath;
import java.util.Arrays;

/**
 * An L2 order book for one (venue, symbol), exact and allocation-free on the update path.
 *
 * <p>Each side is a pair of parallel {@code long} arrays sorted best-first (bids descending,
 * asks ascending), prices at scale {@link #priceScale()} and quantities at {@link #qtyScale()} —
 * the instrument's precisions, which are also what venue checksums render. Updates are O(depth):
 * a binary search plus one {@code arraycopy}. After every message the book is truncated to the
 * subscribed depth, as Kraken requires (levels that fall out of scope get no delete).
 *
 * <p>The class is mutable and lives in Flink keyed state through {@link OrderBookSerializer}.
 */
public final class OrderBook {
    /** Kraken's default book depth when no subscribe acknowledgement was seen. */
    public static final int DEFAULT_DEPTH = 10;
    /**
     * Depth of books from venues that send the full book and delete every level they drop
     * (Coinbase, Bitstamp, Gemini): never truncated, since truncation would forget levels the venue
     * still holds and will later update or delete.
     */
    public static final int FULL_DEPTH = Integer.MAX_VALUE;
    /** Levels per side allocated up front at most; a deeper book grows its arrays as levels arrive. */
    private static final int MAX_PREALLOCATED_LEVELS = 128;

    private String venue;
    private String symbol;
    private int priceScale = -1;
    private int qtyScale = -1;
    private int depth = DEFAULT_DEPTH;
    private BookState state = BookState.AWAITING_SNAPSHOT;
    private long lastUpdateMicros = Long.MIN_VALUE;
    private String lastConn = "";
    private long lastFrameOrdinal = -1;

    long[] bidPx;
    long[] bidQty;
    int bidCount;
    long[] askPx;
    long[] askQty;
    int askCount;

    public OrderBook(String venue, String symbol) {
        this.venue = venue;
        this.symbol = symbol;
        allocate(DEFAULT_DEPTH * 2);
    }

    private void allocate(int capacity) {
        bidPx = new long[capacity];
        bidQty = new long[capacity];
        askPx = new long[capacity];
        askQty = new long[capacity];
    }

    // ---- metadata -------------------------------------------------------------------------

    /** Sets the instrument precisions; a change of precision drops the book (a fresh snapshot must follow). */
    public void setPrecision(int priceScale, int qtyScale) {
        if (priceScale < 0 || priceScale > ExactMath.MAX_SCALE || qtyScale < 0 || qtyScale > ExactMath.MAX_SCALE) {
            throw new IllegalArgumentException("precision out of range: " + priceScale + "/" + qtyScale);
        }
        if (priceScale != this.priceScale || qtyScale != this.qtyScale) {
            boolean hadLevels = this.priceScale >= 0 && (bidCount > 0 || askCount > 0);
            this.priceScale = priceScale;
            this.qtyScale = qtyScale;
            if (hadLevels) {
                clearLevels();
                state = BookState.AWAITING_SNAPSHOT;
            }
        }
    }

    /** Sets the subscribed depth (from the venue's subscribe acknowledgement). */
    public void setDepth(int depth) {
        if (depth <= 0) {
            throw new IllegalArgumentException("depth must be positive: " + depth);
        }
        this.depth = depth;
        int wanted = preallocated(depth);
        if (bidPx.length < wanted) {
            long[][] old = {bidPx, bidQty, askPx, askQty};
            allocate(wanted);
            System.arraycopy(old[0], 0, bidPx, 0, bidCount);
            System.arraycopy(old[1], 0, bidQty, 0, bidCount);
            System.arraycopy(old[2], 0, askPx, 0, askCount);
            System.arraycopy(old[3], 0, askQty, 0, askCount);
        }
        truncate();
    }

    /** Capacity to allocate for a depth: room for a message's levels beyond it, bounded for {@link #FULL_DEPTH}. */
    private static int preallocated(int depth) {
        return Math.min(depth, MAX_PREALLOCATED_LEVELS) * 2;
    }

    public boolean hasPrecision() {
        return priceScale >= 0;
    }

    // ---- mutation ---------------------------------------------------------------------------

    /** Marks the book unusable until the next snapshot. */
    public void invalidate() {
        state = BookState.INVALID;
    }

    public void markValid() {
        state = BookState.VALID;
    }

    public void clearLevels() {
        bidCount = 0;
        askCount = 0;
    }

    public void touch(long eventMicros, String conn, long frameOrdinal) {
        lastUpdateMicros = eventMicros;
        lastConn = conn;
        lastFrameOrdinal = frameOrdinal;
    }

    /**
     * Sets the quantity at a price level on one side (qty 0 deletes). Prices and quantities are
     * at the book's scales. Does not truncate: call {@link #truncate()} after the whole message.
     */
    public void setBid(long price, long qty) {
        if (bidCount == bidPx.length) {
            bidPx = Arrays.copyOf(bidPx, bidCount * 2);
            bidQty = Arrays.copyOf(bidQty, bidCount * 2);
        }
        bidCount = set(bidPx, bidQty, bidCount, price, qty, true);
    }

    public void setAsk(long price, long qty) {
        if (askCount == askPx.length) {
            askPx = Arrays.copyOf(askPx, askCount * 2);
            askQty = Arrays.copyOf(askQty, askCount * 2);
        }
        askCount = set(askPx, askQty, askCount, price, qty, false);
    }

    private int set(long[] px, long[] qt, int n, long price, long qty, boolean descending) {
        int idx = search(px, n, price, descending);
        if (idx >= 0) {
            if (qty == 0) {
                System.arraycopy(px, idx + 1, px, idx, n - idx - 1);
                System.arraycopy(qt, idx + 1, qt, idx, n - idx - 1);
                return n - 1;
            }
            qt[idx] = qty;
            return n;
        }
        if (qty == 0) {
            return n; // deleting an absent level is a no-op
        }
        int ins = -idx - 1; // callers guarantee n < px.length: levels past depth are kept until the
                            // message ends, since a later delete in the same message may bring them into scope
        System.arraycopy(px, ins, px, ins + 1, n - ins);
        System.arraycopy(qt, ins, qt, ins + 1, n - ins);
        px[ins] = price;
        qt[ins] = qty;
        return n + 1;
    }

    private static int search(long[] px, int n, long price, boolean descending) {
        int lo = 0;
        int hi = n - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long v = px[mid];
            int cmp = descending ? Long.compare(price, v) : Long.compare(v, price);
            if (cmp < 0) {
                lo = mid + 1;
            } else if (cmp > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -(lo + 1);
    }

    /**
     * Raises the book's scales in place, every level multiplied exactly — for venues whose data,
     * not an instrument message, defines the precision (Coinbase, Bitstamp, Gemini). Returns false
     * and leaves the book unchanged if a scale would shrink or leave range, or a value overflow.
     */
    public boolean raiseScales(int newPriceScale, int newQtyScale) {
        if (newPriceScale < priceScale || newQtyScale < qtyScale
                || newPriceScale > ExactMath.MAX_SCALE || newQtyScale > ExactMath.MAX_SCALE) {
            return false;
        }
        try {
            for (int i = 0; i < bidCount; i++) {
                ExactMath.rescale(bidPx[i], priceScale, newPriceScale);
                ExactMath.rescale(bidQty[i], qtyScale, newQtyScale);
            }
            for (int i = 0; i < askCount; i++) {
                ExactMath.rescale(askPx[i], priceScale, newPriceScale);
                ExactMath.rescale(askQty[i], qtyScale, newQtyScale);
            }
        } catch (ArithmeticException overflow) {
            return false;
        }
        for (int i = 0; i < bidCount; i++) {
            bidPx[i] = ExactMath.rescale(bidPx[i], priceScale, newPriceScale);
            bidQty[i] = ExactMath.rescale(bidQty[i], qtyScale, newQtyScale);
        }
        for (int i = 0; i < askCount; i++) {
            askPx[i] = ExactMath.rescale(askPx[i], priceScale, newPriceScale);
            askQty[i] = ExactMath.rescale(askQty[i], qtyScale, newQtyScale);
        }
        priceScale = newPriceScale;
        qtyScale = newQtyScale;
        return true;
    }

    /** Drops levels beyond the subscribed depth. */
    public void truncate() {
        if (bidCount > depth) bidCount = depth;
        if (askCount > depth) askCount = depth;
    }

    // ---- reads ------------------------------------------------------------------------------

    public boolean isCrossed() {
        return bidCount > 0 && askCount > 0 && bidPx[0] >= askPx[0];
    }

    public String venue() { return venue; }
    public String symbol() { return symbol; }
    public int priceScale() { return priceScale; }
    public int qtyScale() { return qtyScale; }
    public int depth() { return depth; }
    public BookState state() { return state; }
    public boolean isValid() { return state == BookState.VALID; }
    public long lastUpdateMicros() { return lastUpdateMicros; }
    public String lastConn() { return lastConn; }
    public long lastFrameOrdinal() { return lastFrameOrdinal; }
    public int bidCount() { return bidCount; }
    public int askCount() { return askCount; }
    public long bidPrice(int i) { return bidPx[i]; }
    public long bidQty(int i) { return bidQty[i]; }
    public long askPrice(int i) { return askPx[i]; }
    public long askQty(int i) { return askQty[i]; }

    // ---- state (de)serialization support -----------------------------------------------------

    /** Restores every field; used by {@link OrderBookSerializer} and {@link #copy()}. */
    static OrderBook restore(String venue, String symbol, int priceScale, int qtyScale, int depth, BookState state,
            long lastUpdateMicros, String lastConn, long lastFrameOrdinal,
            long[] bidPx, long[] bidQty, int bidCount, long[] askPx, long[] askQty, int askCount) {
        OrderBook b = new OrderBook(venue, symbol);
        b.priceScale = priceScale;
        b.qtyScale = qtyScale;
        b.depth = depth;
        b.state = state;
        b.lastUpdateMicros = lastUpdateMicros;
        b.lastConn = lastConn;
        b.lastFrameOrdinal = lastFrameOrdinal;
        int cap = Math.max(preallocated(depth), Math.max(bidCount, askCount));
        b.allocate(Math.max(cap, DEFAULT_DEPTH * 2));
        System.arraycopy(bidPx, 0, b.bidPx, 0, bidCount);
        System.arraycopy(bidQty, 0, b.bidQty, 0, bidCount);
        System.arraycopy(askPx, 0, b.askPx, 0, askCount);
        System.arraycopy(askQty, 0, b.askQty, 0, askCount);
        b.bidCount = bidCount;
        b.askCount = askCount;
        return b;
    }

    public OrderBook copy() {
        return restore(venue, symbol, priceScale, qtyScale, depth, state, lastUpdateMicros, lastConn,
                lastFrameOrdinal, bidPx, bidQty, bidCount, askPx, askQty, askCount);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof OrderBook b)) return false;
        return venue.equals(b.venue) && symbol.equals(b.symbol) && priceScale == b.priceScale
                && qtyScale == b.qtyScale && depth == b.depth && state == b.state
                && lastUpdateMicros == b.lastUpdateMicros && lastConn.equals(b.lastConn)
                && lastFrameOrdinal == b.lastFrameOrdinal
                && Arrays.equals(bidPx, 0, bidCount, b.bidPx, 0, b.bidCount)
                && Arrays.equals(bidQty, 0, bidCount, b.bidQty, 0, b.bidCount)
                && Arrays.equals(askPx, 0, askCount, b.askPx, 0, b.askCount)
                && Arrays.equals(askQty, 0, askCount, b.askQty, 0, b.askCount);
    }

    @Override
    public int hashCode() {
        return venue.hashCode() * 31 + symbol.hashCode();
    }

    @Override
    public String toString() {
        return "OrderBook{" + venue + ":" + symbol + " " + state + " bids=" + bidCount + " asks=" + askCount + "}";
    }
}
