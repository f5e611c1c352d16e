package io.cryptorun.sources.bench;

import io.cryptorun.sources.book.BookOutcome;
import io.cryptorun.sources.book.BookRule;
import io.cryptorun.sources.book.OrderBook;
import io.cryptorun.sources.model.EventKind;
import io.cryptorun.sources.model.MarketEvent;
import io.cryptorun.sources.venue.FrameParser;
import io.cryptorun.sources.venue.bitstamp.BitstampBookIntegrity;
import io.cryptorun.sources.venue.bitstamp.BitstampParser;
import io.cryptorun.sources.venue.coinbase.CoinbaseBookIntegrity;
import io.cryptorun.sources.venue.coinbase.CoinbaseParser;
import io.cryptorun.sources.venue.gemini.GeminiBookIntegrity;
import io.cryptorun.sources.venue.gemini.GeminiParser;
import java.util.function.Consumer;

/**
 * One venue's book hot path on a {@link VenueBookStream}: the venue's real parser, its real
 * integrity rule and a depth-limited {@link OrderBook}. {@link #reset} starts a fresh
 * subscription (new parser, rule and book, initial snapshot applied); {@link #step} parses one
 * update frame and applies it. Shared by {@link VenueBookBenchmark} and its test.
 */
final class VenueBookHarness {
    final VenueBookStream stream;
    private final int depth;
    private FrameParser parser;
    private BookRule rule;
    OrderBook book;
    MarketEvent last;
    private final Consumer<MarketEvent> sink = e -> last = e;

    VenueBookHarness(VenueBookStream stream, int depth) {
        this.stream = stream;
        this.depth = depth;
    }

    void reset() {
        book = new OrderBook(stream.venue.name().toLowerCase(java.util.Locale.ROOT), "BTC/USD");
        book.setDepth(depth);
        switch (stream.venue) {
            case COINBASE -> {
                parser = new CoinbaseParser();
                rule = new CoinbaseBookIntegrity();
                parser.parse(stream.snapshot, 0, "bench", 0, sink);
            }
            case BITSTAMP -> {
                BitstampParser p = new BitstampParser();
                parser = p;
                rule = new BitstampBookIntegrity();
                p.parseRestSnapshot(stream.snapshot, VenueBookStream.BITSTAMP_PAIR, 0, "bench", 0, sink);
            }
            default -> {
                parser = new GeminiParser();
                rule = new GeminiBookIntegrity();
                parser.parse(stream.snapshot, 0, "bench", 0, sink);
            }
        }
        if (last.kind() != EventKind.BOOK_SNAPSHOT || rule.apply(book, last.snapshot()) != BookOutcome.APPLIED) {
            throw new IllegalStateException(stream.venue + ": the benchmark's snapshot does not apply: " + last);
        }
    }

    /** Parses update {@code i} and applies it; anything but APPLIED is a broken benchmark. */
    BookOutcome step(int i) {
        parser.parse(stream.updates.get(i), 0, "bench", i + 1, sink);
        if (last.kind() != EventKind.BOOK_DELTA) {
            throw new IllegalStateException(stream.venue + " update " + i + ": " + last);
        }
        BookOutcome o = rule.apply(book, last.delta());
        if (o != BookOutcome.APPLIED) {
            throw new IllegalStateException(stream.venue + " update " + i + ": " + o);
        }
        return o;
    }

    /** Parses update {@code i} only. */
    MarketEvent parseOnly(int i) {
        parser.parse(stream.updates.get(i), 0, "bench", i + 1, sink);
        return last;
    }
}
