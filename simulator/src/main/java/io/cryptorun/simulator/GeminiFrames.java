package io.cryptorun.simulator;

/**
 * Gemini market data v2 frames of one symbol on the {@code l2} subscription: the first
 * {@code l2_updates} carries the full book as changes plus {@code trades} and
 * {@code auction_events} arrays (empty here: recent trades would repeat volume the history
 * already holds), later ones only the changes; each fill is a {@code trade} message with its
 * {@code tid}, the taker's {@code side} and a millisecond {@code timestamp}.
 */
final class GeminiFrames implements FeedFrames {
    private final InstrumentSpec spec;
    private final String symbol;
    private long eventId;

    GeminiFrames(InstrumentSpec spec, Rng init) {
        this.spec = spec;
        this.symbol = symbol(spec);
        this.eventId = init.uniformLong(100_000_000_000L, 900_000_000_000L);
    }

    static String symbol(InstrumentSpec spec) {
        return spec.base() + spec.quote();
    }

    @Override
    public String initialBook(SimBook book) {
        StringBuilder sb = new StringBuilder(120 + 45 * (book.book.bidCount() + book.book.askCount()));
        sb.append("{\"type\":\"l2_updates\",\"symbol\":\"").append(symbol).append("\",\"changes\":[");
        VenueWire.bookAsChanges(sb, book.book, spec);
        return sb.append("],\"trades\":[],\"auction_events\":[]}").toString();
    }

    @Override
    public void bookUpdate(SimBook book, long ts, Sink out) {
        StringBuilder sb = new StringBuilder(60 + 45 * (book.outBids + book.outAsks));
        sb.append("{\"type\":\"l2_updates\",\"symbol\":\"").append(symbol).append("\",\"changes\":[");
        VenueWire.changes(sb, book, spec);
        out.add(ts, sb.append("]}").toString());
    }

    @Override
    public void trades(boolean buy, boolean market, long[] prices, long[] qtys, int n, long firstTradeId, long ts, Sink out) {
        for (int i = 0; i < n; i++) {
            StringBuilder sb = new StringBuilder(200);
            sb.append("{\"type\":\"trade\",\"symbol\":\"").append(symbol).append("\",\"event_id\":").append(++eventId)
                    .append(",\"timestamp\":").append(Math.floorDiv(ts, 1000L)).append(",\"price\":");
            VenueWire.quoted(sb, prices[i], spec.pricePrecision());
            sb.append(",\"quantity\":");
            VenueWire.quoted(sb, qtys[i], spec.qtyPrecision());
            sb.append(",\"side\":\"").append(buy ? "buy" : "sell").append("\",\"tid\":").append(firstTradeId + i).append('}');
            out.add(ts, sb.toString());
        }
    }
}
