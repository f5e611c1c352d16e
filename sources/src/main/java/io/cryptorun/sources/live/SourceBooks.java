package io.cryptorun.sources.live;

import io.cryptorun.sources.book.BookOutcome;
import io.cryptorun.sources.book.BookRule;
import io.cryptorun.sources.book.OrderBook;
import io.cryptorun.sources.book.VenueBookRules;
import io.cryptorun.sources.decimal.ExactMath;
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
    private record SymbolBook(OrderBook book, BookRule rule) {}

    private final Venue venue;
    /** This connection's stateless rules (task thread only, like the books). */
    private final VenueBookRules rules = new VenueBookRules();
    private final Map<String, SymbolBook> books = new HashMap<>();
    /**
     * Per symbol, the latest exchange time of the book data received on this connection (snapshots,
     * deltas, and the heartbeats and trades a venue rule checks against the book's sequence, when
     * they carry the exchange's clock): what
     * a {@link io.cryptorun.sources.model.BookReset} is stamped with. Kept across {@link #reset()}:
     * it describes what the book operator has seen, not the source's copy. Receive-time-stamped
     * connection frames (heartbeats without a symbol, acks, instruments) never move it.
     */
    private final Map<String, Long> lastBookMicros = new HashMap<>();
    /** Buffered Bitstamp diffs found already contained in a snapshot, not yet collected by {@link #takeBufferedStale()}. */
    private long bufferedStale;

    SourceBooks(Venue venue, String[] symbols) {
        this.venue = venue;
        for (String s : symbols) books.put(s, newSymbolBook(s));
    }

    /** An empty book and rule for {@code symbol}, as the keyed book operator creates them. */
    private SymbolBook newSymbolBook(String symbol) {
        String v = venue.recordVenue();
        BookRule shared = rules.sharedRule(v);
        return new SymbolBook(VenueBookRules.newBook(v, symbol),
                shared != null ? shared : VenueBookRules.newPerBookRule(v));
    }

    /** Forgets every book: a new connection starts from fresh snapshots. */
    void reset() {
        books.replaceAll((s, b) -> newSymbolBook(s));
    }

    /** Forgets one symbol's book: it is resubscribed alone and starts from a fresh snapshot. */
    void resetSymbol(String symbol) {
        books.computeIfPresent(symbol, (s, old) -> {
            // same connection: the instrument's precisions and the subscribed depth still hold (no new instrument snapshot comes)
            SymbolBook b = newSymbolBook(s);
            if (old.book().hasPrecision()) b.book().setPrecision(old.book().priceScale(), old.book().qtyScale());
            if (old.book().depth() != b.book().depth()) b.book().setDepth(old.book().depth());
            return b;
        });
    }

    /** Event time of the last book data received for {@code symbol}, or {@link io.cryptorun.sources.model.EventHeader#NO_TIME}. */
    long lastBookMicros(String symbol) {
        Long t = lastBookMicros.get(symbol);
        return t == null ? io.cryptorun.sources.model.EventHeader.NO_TIME : t;
    }

    /**
     * Symbols reported dark (no longer subscribed): their books stay kept (and reset with the
     * others) but no longer count in {@link #allValid()}.
     */
    private final java.util.Set<String> dark = new java.util.HashSet<>();

    void dark(String symbol) {
        dark.add(symbol);
    }

    /** True when {@code symbol}'s book is valid at the source. */
    boolean valid(String symbol) {
        SymbolBook b = books.get(symbol);
        return b != null && b.book().isValid();
    }

    /** True when every book of the connection is valid (tests, health). */
    boolean allValid() {
        for (var e : books.entrySet()) if (!dark.contains(e.getKey()) && !e.getValue().book().isValid()) return false;
        return true;
    }

    /** A copy of {@code symbol}'s book (a Bitstamp REST comparison's starting point), or null. */
    OrderBook copyOf(String symbol) {
        SymbolBook b = books.get(symbol);
        return b == null ? null : b.book().copy();
    }

    /** Bitstamp: the microtimestamp of the last diff (or snapshot) {@code symbol}'s book applied; else NO_TIME. */
    long lastAppliedMicros(String symbol) {
        SymbolBook b = books.get(symbol);
        return b != null && b.rule() instanceof io.cryptorun.sources.venue.bitstamp.BitstampBookIntegrity r ? r.lastAppliedMicros()
                : io.cryptorun.sources.model.EventHeader.NO_TIME;
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
     * Applies a parsed event to its symbol's book with the venue's rule ({@link VenueBookRules}, the
     * same as the keyed book operator's). Returns the outcome for book-relevant events of
     * subscribed symbols ({@code APPLIED} for a heartbeat or trade the rule does not check),
     * {@code null} for everything else.
     */
    BookOutcome apply(MarketEvent e) {
        BookOutcome o = applyToBook(e);
        long t = e.kind() == io.cryptorun.sources.model.EventKind.QUARANTINE ? io.cryptorun.sources.model.EventHeader.NO_TIME
                : e.header().exchangeTimeMicros();
        if ((o == BookOutcome.APPLIED || o == BookOutcome.BUFFERED) && t != io.cryptorun.sources.model.EventHeader.NO_TIME) {
            // usable book data on the exchange's own clock only: a receive-stamped record (Kraken's
            // snapshot) may be ahead of it, and the message that revealed a gap is not usable
            lastBookMicros.merge(e.symbol(), t, Math::max);
        }
        return o;
    }

    private BookOutcome applyToBook(MarketEvent e) {
        String symbol = e.symbol();
        SymbolBook b = symbol == null ? null : books.get(symbol);
        if (b == null) return null;
        OrderBook book = b.book();
        BookRule rule = b.rule();
        boolean kraken = venue == Venue.KRAKEN;
        switch (e.kind()) {
            case INSTRUMENT -> {
                int pp = e.instrument().pricePrecision();
                int qp = e.instrument().qtyPrecision();
                if (kraken && pp >= 0 && qp >= 0 && pp <= ExactMath.MAX_SCALE && qp <= ExactMath.MAX_SCALE) book.setPrecision(pp, qp);
                return null;
            }
            case SUBSCRIPTION -> {
                var s = e.subscription();
                if (kraken && s.success() && "book".equals(s.channel()) && s.depth() > 0) book.setDepth(s.depth());
                return null;
            }
            case BOOK_SNAPSHOT -> {
                // Bitstamp's REST snapshot drops the buffered diffs it already contains
                long before = rule.staleDropped();
                BookOutcome o = rule.apply(book, e.snapshot());
                bufferedStale += rule.staleDropped() - before;
                return o;
            }
            case BOOK_DELTA -> {
                return rule.apply(book, e.delta());
            }
            case HEARTBEAT -> {
                return rule.onHeartbeat(book, e.heartbeat());
            }
            case TRADE -> {
                return rule.onTrade(book, e.trade());
            }
            default -> {
                return null;
            }
        }
    }
}
