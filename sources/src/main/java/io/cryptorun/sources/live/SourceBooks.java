package io.cryptorun.sources.live;

import io.cryptorun.sources.book.BitstampBookIntegrity;
import io.cryptorun.sources.book.BookOutcome;
import io.cryptorun.sources.book.CoinbaseBookIntegrity;
import io.cryptorun.sources.book.GeminiBookIntegrity;
import io.cryptorun.sources.book.KrakenBookIntegrity;
import io.cryptorun.sources.book.OrderBook;
import io.cryptorun.sources.model.MarketEvent;
import java.util.HashMap;
import java.util.Map;

/**
 * The live source's own copy of the books of one connection, kept with the same venue rules as
 * the keyed book operator, so the source notices a broken book (checksum mismatch, sequence gap,
 * out-of-order diff) and can take a fresh snapshot — the operator alone could only mark the book
 * invalid forever. Not thread-safe (task thread).
 */
final class SourceBooks {
    /** One symbol's book and the venue rule that owns its per-book state. */
    private static final class SymbolBook {
        final OrderBook book;
        final KrakenBookIntegrity kraken;
        final CoinbaseBookIntegrity coinbase;
        final BitstampBookIntegrity bitstamp;
        final GeminiBookIntegrity gemini;

        SymbolBook(Venue venue, String symbol) {
            book = new OrderBook(venue.id(), symbol);
            // these venues send full-depth books; keep enough levels that deleting the top ones
            // does not leave a thinned-out book (Kraken's depth comes from its subscribe ack)
            if (venue != Venue.KRAKEN) book.setDepth(FULL_DEPTH);
            kraken = venue == Venue.KRAKEN ? new KrakenBookIntegrity() : null;
            coinbase = venue == Venue.COINBASE ? new CoinbaseBookIntegrity() : null;
            bitstamp = venue == Venue.BITSTAMP ? new BitstampBookIntegrity() : null;
            gemini = venue == Venue.GEMINI ? new GeminiBookIntegrity() : null;
        }
    }

    static final int FULL_DEPTH = 1000;

    private final Venue venue;
    private final Map<String, SymbolBook> books = new HashMap<>();
    /** Buffered Bitstamp diffs found already contained in a snapshot, not yet collected by {@link #takeBufferedStale()}. */
    private long bufferedStale;

    SourceBooks(Venue venue, String[] symbols) {
        this.venue = venue;
        for (String s : symbols) books.put(s, new SymbolBook(venue, s));
    }

    /** Forgets every book: a new connection starts from fresh snapshots. */
    void reset() {
        books.replaceAll((s, b) -> new SymbolBook(venue, s));
    }

    /** True when every book of the connection is valid (tests, health). */
    boolean allValid() {
        for (SymbolBook b : books.values()) if (!b.book.isValid()) return false;
        return true;
    }

    long takeBufferedStale() {
        long n = bufferedStale;
        bufferedStale = 0;
        return n;
    }

    /** True for the connection's subscribed symbols. */
    boolean tracks(String symbol) {
        return books.containsKey(symbol);
    }

    /**
     * Applies a parsed event to its symbol's book. Returns the outcome for book-relevant events of
     * subscribed symbols, {@code null} for everything else.
     */
    BookOutcome apply(MarketEvent e) {
        String symbol = e.symbol();
        SymbolBook b = symbol == null ? null : books.get(symbol);
        if (b == null) return null;
        OrderBook book = b.book;
        switch (e.kind()) {
            case INSTRUMENT -> {
                int pp = e.instrument().pricePrecision();
                int qp = e.instrument().qtyPrecision();
                if (b.kraken != null && pp >= 0 && qp >= 0 && pp <= io.cryptorun.sources.decimal.ExactMath.MAX_SCALE && qp <= io.cryptorun.sources.decimal.ExactMath.MAX_SCALE) book.setPrecision(pp, qp);
                return null;
            }
            case SUBSCRIPTION -> {
                var s = e.subscription();
                if (b.kraken != null && s.success() && "book".equals(s.channel()) && s.depth() > 0) book.setDepth(s.depth());
                return null;
            }
            case BOOK_SNAPSHOT -> {
                var s = e.snapshot();
                if (b.kraken != null) return b.kraken.apply(book, s);
                if (b.coinbase != null) return b.coinbase.apply(book, s);
                if (b.bitstamp != null) {
                    long before = b.bitstamp.staleDropped();
                    BookOutcome o = b.bitstamp.applySnapshot(book, s);
                    bufferedStale += b.bitstamp.staleDropped() - before;
                    return o;
                }
                return b.gemini.apply(book, s);
            }
            case BOOK_DELTA -> {
                var d = e.delta();
                if (b.kraken != null) return b.kraken.apply(book, d);
                if (b.coinbase != null) return b.coinbase.apply(book, d);
                if (b.bitstamp != null) return b.bitstamp.apply(book, d);
                return b.gemini.apply(book, d);
            }
            case HEARTBEAT -> {
                return b.coinbase != null ? b.coinbase.onHeartbeat(book, e.heartbeat()) : null;
            }
            case TRADE -> {
                return b.coinbase != null ? b.coinbase.onTrade(book, e.trade()) : null;
            }
            default -> {
                return null;
            }
        }
    }
}
