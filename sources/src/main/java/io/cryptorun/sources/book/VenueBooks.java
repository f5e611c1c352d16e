package io.cryptorun.sources.book;

import io.cryptorun.sources.decimal.ExactMath;
import io.cryptorun.sources.model.BookDelta;
import io.cryptorun.sources.model.BookSnapshot;

/**
 * Book mechanics shared by the rules of venues that send full-depth books without instrument
 * precision messages (Coinbase, Bitstamp, Gemini). The book's scales come from the data: a
 * snapshot sets them to its own common scales (never lowering scales the book already has), and a
 * delta with more decimals raises them in place ({@link OrderBook#raiseScales}) — Gemini, for one,
 * sends quantities with a varying number of decimals. Only when a value would overflow a
 * {@code long} at the needed scale is a message refused: {@link BookOutcome#PRECISION_EXCEEDED},
 * book invalidated.
 */
public final class VenueBooks {
    private VenueBooks() {}

    /** Replaces the book with the snapshot; APPLIED, CROSSED or PRECISION_EXCEEDED. */
    public static BookOutcome snapshot(OrderBook book, BookSnapshot s) {
        int ps = Math.max(s.priceScale(), book.hasPrecision() ? book.priceScale() : 0);
        int qs = Math.max(s.qtyScale(), book.hasPrecision() ? book.qtyScale() : 0);
        book.setPrecision(ps, qs);
        if (!fits(book, s.priceScale(), s.qtyScale(), s.bidPrices(), s.bidQtys(), s.askPrices(), s.askQtys())) {
            book.invalidate();
            return BookOutcome.PRECISION_EXCEEDED;
        }
        book.clearLevels();
        setLevels(book, s.priceScale(), s.qtyScale(), s.bidPrices(), s.bidQtys(), s.askPrices(), s.askQtys());
        book.touch(s.header().eventTimeMicros(), s.header().conn(), s.header().frameOrdinal());
        return verify(book);
    }

    /**
     * Why a book cannot take a delta: {@link BookOutcome#BEFORE_SNAPSHOT} before its first snapshot,
     * {@link BookOutcome#BOOK_INVALID} after it lost integrity; null when it is VALID.
     */
    public static BookOutcome refusal(OrderBook book) {
        return switch (book.state()) {
            case AWAITING_SNAPSHOT -> BookOutcome.BEFORE_SNAPSHOT;
            case INVALID -> BookOutcome.BOOK_INVALID;
            case VALID -> null;
        };
    }

    /** A delta to a book that may not be VALID: its {@link #refusal} if any, else {@link #delta}. */
    public static BookOutcome deltaIfValid(OrderBook book, BookDelta d) {
        BookOutcome refused = refusal(book);
        return refused != null ? refused : delta(book, d);
    }

    /** Applies a delta to a book the caller has checked is VALID; APPLIED, CROSSED or PRECISION_EXCEEDED. */
    public static BookOutcome delta(OrderBook book, BookDelta d) {
        BookOutcome o = levels(book, d);
        return o != BookOutcome.APPLIED ? o : verify(book);
    }

    /** Applies a delta's levels without the crossed check (replay of a buffer checks once at the end). */
    public static BookOutcome levels(OrderBook book, BookDelta d) {
        if ((d.priceScale() > book.priceScale() || d.qtyScale() > book.qtyScale())
                && !book.raiseScales(Math.max(d.priceScale(), book.priceScale()), Math.max(d.qtyScale(), book.qtyScale()))) {
            book.invalidate();
            return BookOutcome.PRECISION_EXCEEDED;
        }
        if (!fits(book, d.priceScale(), d.qtyScale(), d.bidPrices(), d.bidQtys(), d.askPrices(), d.askQtys())) {
            book.invalidate();
            return BookOutcome.PRECISION_EXCEEDED;
        }
        setLevels(book, d.priceScale(), d.qtyScale(), d.bidPrices(), d.bidQtys(), d.askPrices(), d.askQtys());
        book.touch(d.header().eventTimeMicros(), d.header().conn(), d.header().frameOrdinal());
        return BookOutcome.APPLIED;
    }

    public static BookOutcome verify(OrderBook book) {
        if (book.isCrossed()) {
            book.invalidate();
            return BookOutcome.CROSSED;
        }
        book.markValid();
        return BookOutcome.APPLIED;
    }

    /** Applies message levels (at the message's scales) to the book at its scales, then truncates to depth. */
    public static void setLevels(OrderBook book, int ps, int qs, long[] bp, long[] bq, long[] ap, long[] aq) {
        int bps = book.priceScale();
        int bqs = book.qtyScale();
        for (int i = 0; i < bp.length; i++) {
            book.setBid(ExactMath.rescale(bp[i], ps, bps), ExactMath.rescale(bq[i], qs, bqs));
        }
        for (int i = 0; i < ap.length; i++) {
            book.setAsk(ExactMath.rescale(ap[i], ps, bps), ExactMath.rescale(aq[i], qs, bqs));
        }
        book.truncate();
    }

    /** Checks, before touching the book, that every value is representable at the book's scales. */
    public static boolean fits(OrderBook book, int ps, int qs, long[] bp, long[] bq, long[] ap, long[] aq) {
        return fitsAll(bp, ps, book.priceScale()) && fitsAll(ap, ps, book.priceScale())
                && fitsAll(bq, qs, book.qtyScale()) && fitsAll(aq, qs, book.qtyScale());
    }

    private static boolean fitsAll(long[] values, int from, int to) {
        if (from == to) {
            return true;
        }
        try {
            for (long v : values) {
                ExactMath.rescale(v, from, to);
            }
            return true;
        } catch (ArithmeticException e) {
            return false;
        }
    }
}
