package io.cryptorun.simulator;

/** {@link FeedFrames} of Kraken v2: one frame per book message and per taker order ({@link KrakenFrames}). */
final class KrakenFeedFrames implements FeedFrames {
    private final InstrumentSpec spec;

    KrakenFeedFrames(InstrumentSpec spec) {
        this.spec = spec;
    }

    @Override
    public String initialBook(SimBook book) {
        return KrakenFrames.bookSnapshot(spec, book.book, book.checksum);
    }

    @Override
    public void bookUpdate(SimBook book, long ts, Sink out) {
        out.add(ts, KrakenFrames.bookUpdate(spec, book.outBidPx, book.outBidQty, book.outBids, book.outAskPx,
                book.outAskQty, book.outAsks, book.checksum, ts));
    }

    @Override
    public void trades(boolean buy, boolean market, long[] prices, long[] qtys, int n, long firstTradeId, long ts, Sink out) {
        out.add(ts, KrakenFrames.trades(spec, buy, market, prices, qtys, n, firstTradeId, ts));
    }
}
