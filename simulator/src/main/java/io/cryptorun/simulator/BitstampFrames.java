package io.cryptorun.simulator;

import io.cryptorun.sources.decimal.ExactMath;
import io.cryptorun.sources.venue.bitstamp.BitstampParser;
import java.util.Locale;

/**
 * Bitstamp WebSocket API v2 frames of one pair ({@code diff_order_book_<pair>},
 * {@code live_trades_<pair>}) and the REST order book body ({@code GET /api/v2/order_book/<pair>/})
 * that seeds the book: decimal strings for book levels, {@code timestamp} (s) and
 * {@code microtimestamp} (µs) as strings, trades with both the numeric and the {@code _str} fields.
 * The WebSocket sends no initial book: the client buffers diffs until the REST snapshot arrives.
 */
final class BitstampFrames implements FeedFrames {
    private final InstrumentSpec spec;
    private final String pair;
    private final long key;

    BitstampFrames(InstrumentSpec spec, long key) {
        this.spec = spec;
        this.pair = pair(spec);
        this.key = key;
    }

    static String pair(InstrumentSpec spec) {
        return (spec.base() + spec.quote()).toLowerCase(Locale.ROOT);
    }

    /** The reply to subscribing {@code channel} ({@code diff_order_book_btcusd}, …). */
    static String subscribed(String channel) {
        return "{\"event\":\"bts:subscription_succeeded\",\"channel\":\"" + channel + "\",\"data\":{}}";
    }

    static String diffChannel(InstrumentSpec spec) {
        return BitstampParser.DIFF_PREFIX + pair(spec);
    }

    static String tradesChannel(InstrumentSpec spec) {
        return BitstampParser.TRADES_PREFIX + pair(spec);
    }

    @Override
    public String initialBook(SimBook book) {
        return null;
    }

    @Override
    public String restPair() {
        return pair;
    }

    @Override
    public String restBook(SimBook book, long micros) {
        StringBuilder sb = new StringBuilder(100 + 40 * (book.book.bidCount() + book.book.askCount()));
        sb.append("{\"timestamp\":\"").append(VenueWire.seconds(micros)).append("\",\"microtimestamp\":\"").append(micros)
                .append("\",");
        VenueWire.bidsAndAsks(sb, book.book, spec);
        return sb.append('}').toString();
    }

    @Override
    public void bookUpdate(SimBook book, long ts, Sink out) {
        StringBuilder sb = new StringBuilder(160 + 40 * (book.outBids + book.outAsks));
        sb.append("{\"data\":{\"timestamp\":\"").append(VenueWire.seconds(ts)).append("\",\"microtimestamp\":\"").append(ts)
                .append("\",\"bids\":[");
        VenueWire.levels(sb, book.outBidPx, book.outBidQty, book.outBids, spec);
        sb.append("],\"asks\":[");
        VenueWire.levels(sb, book.outAskPx, book.outAskQty, book.outAsks, spec);
        sb.append("]},\"channel\":\"").append(BitstampParser.DIFF_PREFIX).append(pair).append("\",\"event\":\"data\"}");
        out.add(ts, sb.toString());
    }

    @Override
    public void trades(boolean buy, boolean market, long[] prices, long[] qtys, int n, long firstTradeId, long ts, Sink out) {
        long takerOrder = orderId(Rng.mix(key, firstTradeId, 1));
        for (int i = 0; i < n; i++) {
            long id = firstTradeId + i;
            long makerOrder = orderId(Rng.mix(key, id, 2));
            StringBuilder sb = new StringBuilder(320);
            sb.append("{\"data\":{\"id\":").append(id).append(",\"timestamp\":\"").append(VenueWire.seconds(ts))
                    .append("\",\"amount\":");
            ExactMath.appendPlain(sb, qtys[i], spec.qtyPrecision());
            sb.append(",\"amount_str\":");
            VenueWire.quoted(sb, qtys[i], spec.qtyPrecision());
            sb.append(",\"price\":");
            ExactMath.appendPlain(sb, prices[i], spec.pricePrecision());
            sb.append(",\"price_str\":");
            VenueWire.quoted(sb, prices[i], spec.pricePrecision());
            sb.append(",\"type\":").append(buy ? 0 : 1).append(",\"microtimestamp\":\"").append(ts)
                    .append("\",\"buy_order_id\":").append(buy ? takerOrder : makerOrder)
                    .append(",\"sell_order_id\":").append(buy ? makerOrder : takerOrder)
                    .append("},\"channel\":\"").append(BitstampParser.TRADES_PREFIX).append(pair)
                    .append("\",\"event\":\"trade\"}");
            out.add(ts, sb.toString());
        }
    }

    /** Bitstamp order ids are 16-digit integers. */
    private static long orderId(long bits) {
        return 1_800_000_000_000_000L + Math.floorMod(bits, 100_000_000_000_000L);
    }
}
