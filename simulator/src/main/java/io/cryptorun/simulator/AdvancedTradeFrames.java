package io.cryptorun.simulator;

import io.cryptorun.sources.book.OrderBook;
import java.util.List;

/**
 * Coinbase Advanced Trade market data frames of one product, field for field as the venue sends
 * them on {@code level2} (messages {@code "channel":"l2_data"}), {@code market_trades}, and, for
 * the connection, {@code heartbeats} and the {@code subscriptions} reply: an envelope
 * {@code {"channel","client_id":"","timestamp","sequence_num","events":[…]}}, prices and sizes
 * as decimal strings, times RFC 3339 with microseconds.
 *
 * <p>{@code sequence_num} counts the messages of the <em>connection</em>, so a product's frames
 * are rendered with the placeholder {@link #SEQ} and the connection writer numbers them in the
 * order it sends them ({@link #numbered}). A market order's fills are one {@code market_trades}
 * message, newest trade first as the venue lists them; {@code side} is the maker's.
 */
final class AdvancedTradeFrames implements FeedFrames {
    /** Stands for the connection's {@code sequence_num} until {@link #numbered} fills it in. */
    static final String SEQ = "\"sequence_num\":#";

    private final InstrumentSpec spec;
    private final String product;

    AdvancedTradeFrames(InstrumentSpec spec) {
        this.spec = spec;
        this.product = CoinbaseFrames.productId(spec);
    }

    /** {@code frame} with its placeholder replaced by the connection's number {@code seq}. */
    static String numbered(String frame, long seq) {
        int i = frame.indexOf(SEQ);
        if (i < 0) throw new IllegalArgumentException("frame without a sequence_num placeholder: " + frame);
        return frame.substring(0, i) + "\"sequence_num\":" + seq + frame.substring(i + SEQ.length());
    }

    private static StringBuilder envelope(String channel, long ts, int capacity) {
        StringBuilder sb = new StringBuilder(capacity);
        sb.append("{\"channel\":\"").append(channel).append("\",\"client_id\":\"\",\"timestamp\":\"");
        Times.appendMicros(sb, ts);
        return sb.append("\",").append(SEQ).append(",\"events\":[");
    }

    /** The reply to the subscribe requests: {@code heartbeats}, and every product on {@code level2} and {@code market_trades}. */
    static String subscriptions(List<InstrumentSpec> specs, long ts) {
        StringBuilder products = new StringBuilder();
        for (int i = 0; i < specs.size(); i++) {
            if (i > 0) products.append(',');
            products.append('"').append(CoinbaseFrames.productId(specs.get(i))).append('"');
        }
        return envelope("subscriptions", ts, 200 + 40 * specs.size()).append("{\"subscriptions\":{\"heartbeats\":[\"heartbeats\"],")
                .append("\"level2\":[").append(products).append("],\"market_trades\":[").append(products).append("]}}]}")
                .toString();
    }

    /** The connection's heartbeat {@code counter} at exchange time {@code ts}. */
    static String heartbeat(long ts, long counter) {
        StringBuilder sb = envelope("heartbeats", ts, 220).append("{\"current_time\":\"");
        String iso = Times.micros(ts); // 2024-05-01T00:00:00.123456Z → the venue's Go-style rendering
        sb.append(iso, 0, 10).append(' ').append(iso, 11, iso.length() - 1).append(" +0000 UTC\"");
        return sb.append(",\"heartbeat_counter\":").append(counter).append("}]}").toString();
    }

    /** Stands for the exchange time of a snapshot until {@link #stamped} fills it in (its instant is the writer's). */
    static final String TIME = "\"@\"";

    /**
     * The {@code l2_data} snapshot of the whole book; its {@code timestamp} and {@code event_time}s
     * are {@link #TIME} placeholders, as the book is rendered before its instant is known.
     */
    @Override
    public String initialBook(SimBook book) {
        OrderBook b = book.book;
        StringBuilder sb = new StringBuilder(220 + 110 * (b.bidCount() + b.askCount()));
        sb.append("{\"channel\":\"l2_data\",\"client_id\":\"\",\"timestamp\":").append(TIME).append(',').append(SEQ)
                .append(",\"events\":[{\"type\":\"snapshot\",\"product_id\":\"").append(product).append("\",\"updates\":[");
        int n = 0;
        for (int i = 0; i < b.bidCount(); i++) n = level(sb, n, "bid", b.bidPrice(i), b.bidQty(i), Long.MIN_VALUE);
        for (int i = 0; i < b.askCount(); i++) n = level(sb, n, "offer", b.askPrice(i), b.askQty(i), Long.MIN_VALUE);
        return sb.append("]}]}").toString();
    }

    /** {@code frame} with its {@link #TIME} placeholders (snapshots only) set to {@code exchMicros}. */
    static String stamped(String frame, long exchMicros) {
        return frame.contains(TIME) ? frame.replace(TIME, "\"" + Times.micros(exchMicros) + "\"") : frame;
    }

    private int level(StringBuilder sb, int n, String side, long px, long qty, long ts) {
        if (n > 0) sb.append(',');
        sb.append("{\"side\":\"").append(side).append("\",\"event_time\":");
        if (ts == Long.MIN_VALUE) {
            sb.append(TIME);
        } else {
            sb.append('"');
            Times.appendMicros(sb, ts);
            sb.append('"');
        }
        sb.append(",\"price_level\":");
        VenueWire.quoted(sb, px, spec.pricePrecision());
        sb.append(",\"new_quantity\":");
        VenueWire.quoted(sb, qty, spec.qtyPrecision());
        sb.append('}');
        return n + 1;
    }

    @Override
    public void bookUpdate(SimBook book, long ts, Sink out) {
        StringBuilder sb = envelope("l2_data", ts, 200 + 110 * (book.outBids + book.outAsks));
        sb.append("{\"type\":\"update\",\"product_id\":\"").append(product).append("\",\"updates\":[");
        int n = 0;
        for (int i = 0; i < book.outBids; i++) n = level(sb, n, "bid", book.outBidPx[i], book.outBidQty[i], ts);
        for (int i = 0; i < book.outAsks; i++) n = level(sb, n, "offer", book.outAskPx[i], book.outAskQty[i], ts);
        out.add(ts, sb.append("]}]}").toString());
    }

    @Override
    public void trades(boolean buy, boolean market, long[] prices, long[] qtys, int n, long firstTradeId, long ts, Sink out) {
        StringBuilder sb = envelope("market_trades", ts, 100 + 200 * n).append("{\"type\":\"update\",\"trades\":[");
        for (int i = n - 1; i >= 0; i--) { // newest first
            if (i < n - 1) sb.append(',');
            sb.append("{\"trade_id\":\"").append(firstTradeId + i).append("\",\"product_id\":\"").append(product)
                    .append("\",\"price\":");
            VenueWire.quoted(sb, prices[i], spec.pricePrecision());
            sb.append(",\"size\":");
            VenueWire.quoted(sb, qtys[i], spec.qtyPrecision());
            // side is the maker's: a taker buy lifts resting sell orders
            sb.append(",\"side\":\"").append(buy ? "SELL" : "BUY").append("\",\"time\":\"");
            Times.appendMicros(sb, ts);
            sb.append("\"}");
        }
        out.add(ts, sb.append("]}]}").toString());
    }
}
