package io.cryptorun.sources.venue.gemini;

import io.cryptorun.sources.book.BookOutcome;
import io.cryptorun.sources.book.BookRule;
import io.cryptorun.sources.book.OrderBook;
import io.cryptorun.sources.book.VenueBooks;
import io.cryptorun.sources.model.BookDelta;
import io.cryptorun.sources.model.BookSnapshot;

/**
 * Gemini market data v2 {@code l2} rules on top of {@link OrderBook}: the first
 * {@code l2_updates} message of a subscription is the full book (the parser emits it as a
 * {@link BookSnapshot}) and replaces the book; later ones are deltas and need a valid book —
 * an update before the initial book is refused ({@link BookOutcome#BEFORE_SNAPSHOT}), one while
 * the book is invalid likewise ({@link BookOutcome#BOOK_INVALID}). Gemini sends no checksum or
 * sequence on v2, so the only integrity check after that is the crossed-book test. Book scales
 * come from the data ({@link VenueBooks}). Stateless: one instance serves every book.
 */
public final class GeminiBookIntegrity implements BookRule {

    @Override
    public BookOutcome apply(OrderBook book, BookSnapshot s) {
        return VenueBooks.snapshot(book, s);
    }

    @Override
    public BookOutcome apply(OrderBook book, BookDelta d) {
        return VenueBooks.deltaIfValid(book, d);
    }

}
