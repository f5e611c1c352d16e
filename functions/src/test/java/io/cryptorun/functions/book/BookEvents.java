package io.cryptorun.functions.book;

import io.cryptorun.sources.venue.kraken.KrakenBookChecksum;
import io.cryptorun.sources.book.OrderBook;
import io.cryptorun.sources.decimal.Decimal;
import io.cryptorun.sources.model.BookDelta;
import io.cryptorun.sources.model.BookSnapshot;
import io.cryptorun.sources.model.EventHeader;
import io.cryptorun.sources.model.Instrument;
import io.cryptorun.sources.model.MarketEvent;
import io.cryptorun.sources.model.Subscription;
import io.cryptorun.sources.model.Trade;

/**
 * Builds Kraken book events for one market with real checksums: every message is also applied
 * to a reference {@link OrderBook} (plain setBid/setAsk, no integrity rules) and the checksum
 * the venue would send is {@link KrakenBookChecksum} of that reference.
 */
final class BookEvents {
    static final int PS = 1;
    static final int QS = 8;

    private final String venue;
    private final String symbol;
    private final OrderBook reference;
    private final KrakenBookChecksum checksum = new KrakenBookChecksum();
    private long ordinal;

    BookEvents(String venue, String symbol) {
        this.venue = venue;
        this.symbol = symbol;
        this.reference = new OrderBook(venue, symbol);
        reference.setPrecision(PS, QS);
    }

    EventHeader header(long eventMicros) {
        // receive time a few ms after the exchange time, as on the wire
        return new EventHeader(venue, symbol, eventMicros, eventMicros + 3_000, "c1", ordinal++);
    }

    MarketEvent instrument(long t) {
        return MarketEvent.of(new Instrument(header(t), "BTC", "USD", PS, QS, "online"));
    }

    MarketEvent subscription(long t, int depth) {
        reference.setDepth(depth);
        return MarketEvent.of(new Subscription(header(t), "book", depth, true, null));
    }

    MarketEvent trade(long t, String price, String qty) {
        return MarketEvent.of(new Trade(header(t), Decimal.parse(price), Decimal.parse(qty), io.cryptorun.sources.model.Side.BUY,
                "t" + ordinal, "limit"));
    }

    /** A snapshot carrying the correct checksum; it replaces the reference book. */
    MarketEvent snapshot(long t, String[][] bids, String[][] asks) {
        while (reference.bidCount() > 0) reference.setBid(reference.bidPrice(0), 0);
        while (reference.askCount() > 0) reference.setAsk(reference.askPrice(0), 0);
        long[][] b = levels(bids);
        long[][] a = levels(asks);
        apply(b, a);
        return MarketEvent.of(new BookSnapshot(header(t), PS, QS, b[0], b[1], a[0], a[1], checksum.compute(reference)));
    }

    /** A delta carrying the correct checksum of the reference book after it. */
    MarketEvent delta(long t, String[][] bids, String[][] asks) {
        long[][] b = levels(bids);
        long[][] a = levels(asks);
        apply(b, a);
        return MarketEvent.of(new BookDelta(header(t), PS, QS, b[0], b[1], a[0], a[1], checksum.compute(reference)));
    }

    /** A delta whose checksum is off by one (the reference still applies it). */
    MarketEvent corruptDelta(long t, String[][] bids, String[][] asks) {
        BookDelta d = delta(t, bids, asks).delta();
        return MarketEvent.of(new BookDelta(d.header(), PS, QS, d.bidPrices(), d.bidQtys(), d.askPrices(), d.askQtys(),
                (d.checksum() + 1) & 0xFFFFFFFFL));
    }

    private void apply(long[][] b, long[][] a) {
        for (int i = 0; i < b[0].length; i++) reference.setBid(b[0][i], b[1][i]);
        for (int i = 0; i < a[0].length; i++) reference.setAsk(a[0][i], a[1][i]);
        reference.truncate();
    }

    static long[][] levels(String[][] ls) {
        long[][] out = new long[2][ls.length];
        for (int i = 0; i < ls.length; i++) {
            out[0][i] = Decimal.parse(ls[i][0]).unscaledAt(PS);
            out[1][i] = Decimal.parse(ls[i][1]).unscaledAt(QS);
        }
        return out;
    }

    static String[][] lv(String... pq) {
        String[][] out = new String[pq.length / 2][];
        for (int i = 0; i < out.length; i++) out[i] = new String[] {pq[2 * i], pq[2 * i + 1]};
        return out;
    }
}
