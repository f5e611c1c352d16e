package io.cryptorun.sources.book;

import io.cryptorun.sources.decimal.ExactMath;
import io.cryptorun.sources.model.BookDelta;
import io.cryptorun.sources.model.BookSnapshot;

/**
 * Kraken's book rules on top of {@link OrderBook}: a snapshot replaces the book, deltas need a
 * valid book, every message is truncated to the subscribed depth and then verified against the
 * venue checksum; a mismatch or a crossed book invalidates the book until the next snapshot.
 *
 * <p>Shared by the keyed book operator (replay, restore) and the live source (which resubscribes
 * when a book breaks). Not thread-safe (holds the checksum buffer).
 */
public final class KrakenBookIntegrity {
    private final KrakenBookChecksum checksum = new KrakenBookChecksum();
    private long lastComputed;

    public BookOutcome apply(OrderBook book, BookSnapshot s) {
        if (!book.hasPrecision()) {
            return BookOutcome.INSTRUMENT_UNKNOWN;
        }
        if (!fits(book, s.priceScale(), s.qtyScale(), s.bidPrices(), s.bidQtys(), s.askPrices(), s.askQtys())) {
            book.invalidate();
            return BookOutcome.PRECISION_EXCEEDED;
        }
        book.clearLevels();
        setLevels(book, s.priceScale(), s.qtyScale(), s.bidPrices(), s.bidQtys(), s.askPrices(), s.askQtys());
        book.touch(s.header().eventTimeMicros(), s.header().conn(), s.header().frameOrdinal());
        return verify(book, s.checksum());
    }

    public BookOutcome apply(OrderBook book, BookDelta d) {
        if (!book.hasPrecision()) {
            return BookOutcome.INSTRUMENT_UNKNOWN;
        }
        switch (book.state()) {
            case AWAITING_SNAPSHOT:
                return BookOutcome.BEFORE_SNAPSHOT;
            case INVALID:
                return BookOutcome.BOOK_INVALID;
            default:
                break;
        }
        if (!fits(book, d.priceScale(), d.qtyScale(), d.bidPrices(), d.bidQtys(), d.askPrices(), d.askQtys())) {
            book.invalidate();
            return BookOutcome.PRECISION_EXCEEDED;
        }
        setLevels(book, d.priceScale(), d.qtyScale(), d.bidPrices(), d.bidQtys(), d.askPrices(), d.askQtys());
        book.touch(d.header().eventTimeMicros(), d.header().conn(), d.header().frameOrdinal());
        return verify(book, d.checksum());
    }

    /** The checksum computed by the last {@code apply} that reached verification (for diagnostics). */
    public long lastComputed() {
        return lastComputed;
    }

    private BookOutcome verify(OrderBook book, long expected) {
        if (book.isCrossed()) {
            book.invalidate();
            return BookOutcome.CROSSED;
        }
        if (expected != BookSnapshot.NO_CHECKSUM) {
            lastComputed = checksum.compute(book);
            if (lastComputed != expected) {
                book.invalidate();
                return BookOutcome.CHECKSUM_MISMATCH;
            }
        }
        book.markValid();
        return BookOutcome.APPLIED;
    }

    private static void setLevels(OrderBook book, int ps, int qs, long[] bp, long[] bq, long[] ap, long[] aq) {
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

    /** Checks, before touching the book, that every value is representable at the book's precision. */
    private static boolean fits(OrderBook book, int ps, int qs, long[] bp, long[] bq, long[] ap, long[] aq) {
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
