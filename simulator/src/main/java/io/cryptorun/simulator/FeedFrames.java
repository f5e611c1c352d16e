package io.cryptorun.simulator;

/**
 * How one venue puts one symbol's simulated book and trades on the wire. {@link SymbolFeed} runs
 * the same market for every venue and hands each book message and taker order to its venue's
 * frames; an implementation may hold per-symbol wire state (Coinbase's sequence, Gemini's event
 * ids) and may emit extra frames of its own (Coinbase's per-product heartbeats), always at
 * exchange times that do not go backwards.
 */
interface FeedFrames {

    /** Where frames go: exchange time (µs) and the frame text. */
    @FunctionalInterface
    interface Sink {
        void add(long exchMicros, String frame);
    }

    /** The full book sent on subscribing, or null when the venue's book comes from a REST snapshot (Bitstamp). */
    String initialBook(SimBook book);

    /** The REST order book body for the book as it stands at {@code micros}; null when the venue has none. */
    default String restBook(SimBook book, long micros) {
        return null;
    }

    /** The venue symbol a REST request names ({@code btcusd}); only venues with {@link #restBook}. */
    default String restPair() {
        throw new UnsupportedOperationException("no REST snapshot on this venue");
    }

    /** The book message for the changes {@link SimBook} just finished ({@code out*} arrays). */
    void bookUpdate(SimBook book, long ts, Sink out);

    /** One taker order's fills (prices, quantities at the instrument precision), trade ids from {@code firstTradeId}. */
    void trades(boolean buy, boolean market, long[] prices, long[] qtys, int n, long firstTradeId, long ts, Sink out);
}
