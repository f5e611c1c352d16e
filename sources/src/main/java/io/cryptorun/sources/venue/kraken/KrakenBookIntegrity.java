package io.cryptorun.sources.venue.kraken;

import io.cryptorun.sources.book.BookOutcome;
import io.cryptorun.sources.book.BookRule;
import io.cryptorun.sources.book.OrderBook;
import io.cryptorun.sources.book.VenueBooks;
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
public final class KrakenBookIntegrity implements BookRule {
    private final KrakenBookChecksum checksum = new KrakenBookChecksum();
    private long lastComputed;

    @Override
    public BookOutcome apply(OrderBook book, BookSnapshot s) {
        if (!book.hasPrecision()) {
            return BookOutcome.INSTRUMENT_UNKNOWN;
        }
        if (!VenueBooks.fits(book, s.priceScale(), s.qtyScale(), s.bidPrices(), s.bidQtys(), s.askPrices(), s.askQtys())) {
            book.invalidate();
            return BookOutcome.PRECISION_EXCEEDED;
        }
        book.clearLevels();
        VenueBooks.setLevels(book, s.priceScale(), s.qtyScale(), s.bidPrices(), s.bidQtys(), s.askPrices(), s.askQtys());
        book.touch(s.header().eventTimeMicros(), s.header().conn(), s.header().frameOrdinal());
        return verify(book, s.checksum());
    }

    @Override
    public BookOutcome apply(OrderBook book, BookDelta d) {
        if (!book.hasPrecision()) {
            return BookOutcome.INSTRUMENT_UNKNOWN;
        }
        BookOutcome refused = VenueBooks.refusal(book);
        if (refused != null) {
            return refused;
        }
        if (!VenueBooks.fits(book, d.priceScale(), d.qtyScale(), d.bidPrices(), d.bidQtys(), d.askPrices(), d.askQtys())) {
            book.invalidate();
            return BookOutcome.PRECISION_EXCEEDED;
        }
        VenueBooks.setLevels(book, d.priceScale(), d.qtyScale(), d.bidPrices(), d.bidQtys(), d.askPrices(), d.askQtys());
        book.touch(d.header().eventTimeMicros(), d.header().conn(), d.header().frameOrdinal());
        return verify(book, d.checksum());
    }

    /** The checksum computed by the last {@code apply} that reached verification (for diagnostics). */
    @Override
    public long lastComputedChecksum() {
        return lastComputed;
    }

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
}
