package io.cryptorun.simulator;

import io.cryptorun.sources.book.OrderBook;
import io.cryptorun.sources.decimal.ExactMath;

/**
 * Level arrays as Coinbase, Bitstamp and Gemini send them: decimal strings at the instrument
 * precision, either {@code ["price","qty"]} per side or {@code ["buy"|"sell","price","qty"]} in one
 * list of changes. Symbols and sides never need JSON escaping.
 */
final class VenueWire {
    private VenueWire() {}

    /** {@code "<plain decimal>"}. */
    static void quoted(StringBuilder sb, long unscaled, int scale) {
        sb.append('"');
        ExactMath.appendPlain(sb, unscaled, scale);
        sb.append('"');
    }

    /** {@code ["p","q"],…} for the first {@code n} levels. */
    static void levels(StringBuilder sb, long[] px, long[] qty, int n, InstrumentSpec spec) {
        for (int i = 0; i < n; i++) {
            if (i > 0) sb.append(',');
            sb.append('[');
            quoted(sb, px[i], spec.pricePrecision());
            sb.append(',');
            quoted(sb, qty[i], spec.qtyPrecision());
            sb.append(']');
        }
    }

    /** {@code ["p","q"],…} of one side of a book, best first. */
    static void bookSide(StringBuilder sb, OrderBook book, boolean bids, InstrumentSpec spec) {
        long[][] side = side(book, bids);
        levels(sb, side[0], side[1], side[0].length, spec);
    }

    /** {@code "bids":[…],"asks":[…]} of a whole book (Coinbase snapshot, Bitstamp REST order book). */
    static void bidsAndAsks(StringBuilder sb, OrderBook book, InstrumentSpec spec) {
        sb.append("\"bids\":[");
        bookSide(sb, book, true, spec);
        sb.append("],\"asks\":[");
        bookSide(sb, book, false, spec);
        sb.append(']');
    }

    /** {@code ["buy","p","q"],…,["sell","p","q"],…}: the bid changes, then the ask changes. */
    static void changes(StringBuilder sb, long[] bidPx, long[] bidQty, int bids, long[] askPx, long[] askQty, int asks,
            InstrumentSpec spec) {
        for (int i = 0; i < bids + asks; i++) {
            if (i > 0) sb.append(',');
            boolean bid = i < bids;
            int j = bid ? i : i - bids;
            sb.append(bid ? "[\"buy\"," : "[\"sell\",");
            quoted(sb, bid ? bidPx[j] : askPx[j], spec.pricePrecision());
            sb.append(',');
            quoted(sb, bid ? bidQty[j] : askQty[j], spec.qtyPrecision());
            sb.append(']');
        }
    }

    /** The changes of the message {@link SimBook} just finished. */
    static void changes(StringBuilder sb, SimBook book, InstrumentSpec spec) {
        changes(sb, book.outBidPx, book.outBidQty, book.outBids, book.outAskPx, book.outAskQty, book.outAsks, spec);
    }

    /** A whole book as changes (Gemini's initial {@code l2_updates}). */
    static void bookAsChanges(StringBuilder sb, OrderBook book, InstrumentSpec spec) {
        long[][] b = side(book, true);
        long[][] a = side(book, false);
        changes(sb, b[0], b[1], b[0].length, a[0], a[1], a[0].length, spec);
    }

    /** {prices, quantities} of one side, best first. */
    private static long[][] side(OrderBook book, boolean bids) {
        int n = bids ? book.bidCount() : book.askCount();
        long[][] out = new long[2][n];
        for (int i = 0; i < n; i++) {
            out[0][i] = bids ? book.bidPrice(i) : book.askPrice(i);
            out[1][i] = bids ? book.bidQty(i) : book.askQty(i);
        }
        return out;
    }

    /** Seconds of an epoch-µs time, as Bitstamp's {@code timestamp} string. */
    static long seconds(long micros) {
        return Math.floorDiv(micros, Times.SECOND);
    }
}
