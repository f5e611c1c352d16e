package io.cryptorun.sources.bench;

import io.cryptorun.sources.book.BookOutcome;
import io.cryptorun.sources.book.OrderBook;
import io.cryptorun.sources.model.EventKind;
import io.cryptorun.sources.model.MarketEvent;
import io.cryptorun.sources.venue.kraken.KrakenBookIntegrity;
import io.cryptorun.sources.venue.kraken.KrakenV2Parser;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongUnaryOperator;

/**
 * The work of {@link BookUpdateBenchmark} and {@link VenueBookBenchmark} behind a JDK-only
 * interface ({@code applyAsLong(n)} runs n operations), so that {@link InterleavedAb} can load it
 * twice, once over each of two builds of the parsers, and time the two alternately in one JVM.
 */
public final class AbWorkload {
    private AbWorkload() {}

    /**
     * @param venue {@code kraken}, {@code coinbase}, {@code bitstamp} or {@code gemini}
     * @param mode  {@code full} (parse + apply + integrity/checksum) or {@code parse}
     */
    public static LongUnaryOperator create(String venue, String mode, int depth, int updates) {
        boolean full = switch (mode) {
            case "full" -> true;
            case "parse" -> false;
            default -> throw new IllegalArgumentException("mode " + mode);
        };
        return "kraken".equals(venue) ? kraken(full, depth, updates) : venue(venue, full, depth, updates);
    }

    private static LongUnaryOperator kraken(boolean full, int depth, int updates) {
        BookUpdateStream stream = new BookUpdateStream(depth, updates, 1);
        KrakenV2Parser parser = new KrakenV2Parser();
        KrakenBookIntegrity integrity = new KrakenBookIntegrity();
        MarketEvent[] last = new MarketEvent[1];
        Consumer<MarketEvent> sink = e -> last[0] = e;
        OrderBook[] book = new OrderBook[1];
        int[] next = {0};
        Runnable reset = () -> {
            OrderBook b = new OrderBook("kraken", "BTC/USD");
            b.setPrecision(1, 8);
            b.setDepth(depth);
            parser.parse(stream.snapshot, 0, "bench", 0, sink);
            if (integrity.apply(b, last[0].snapshot()) != BookOutcome.APPLIED) throw new IllegalStateException("snapshot");
            book[0] = b;
            next[0] = 0;
        };
        reset.run();
        return n -> {
            long sum = 0;
            for (long k = 0; k < n; k++) {
                if (next[0] == stream.updates.size()) reset.run();
                int i = next[0]++;
                parser.parse(stream.updates.get(i), 0, "bench", i, sink);
                MarketEvent e = last[0];
                if (e.kind() != EventKind.BOOK_DELTA) throw new IllegalStateException(e.toString());
                if (full) {
                    BookOutcome o = integrity.apply(book[0], e.delta());
                    if (o != BookOutcome.APPLIED) throw new IllegalStateException("update " + i + ": " + o);
                }
                sum += e.delta().checksum();
            }
            return sum;
        };
    }

    private static LongUnaryOperator venue(String venue, boolean full, int depth, int updates) {
        VenueBookHarness h = new VenueBookHarness(new VenueBookStream(
                VenueBookStream.Venue.valueOf(venue.toUpperCase(Locale.ROOT)), depth, updates, 1), depth);
        h.reset();
        int[] next = {0};
        return n -> {
            long sum = 0;
            for (long k = 0; k < n; k++) {
                if (next[0] == h.stream.updates.size()) {
                    h.reset();
                    next[0] = 0;
                }
                int i = next[0]++;
                if (full) {
                    h.step(i);
                    sum += h.last.delta().bidPrices().length;
                } else {
                    MarketEvent e = h.parseOnly(i);
                    if (e.kind() != EventKind.BOOK_DELTA) throw new IllegalStateException(e.toString());
                    sum += e.delta().bidPrices().length;
                }
            }
            return sum;
        };
    }
}
