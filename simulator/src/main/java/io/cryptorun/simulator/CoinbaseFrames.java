package io.cryptorun.simulator;

import java.util.List;

/**
 * Coinbase Exchange WebSocket feed frames of one product, field for field as the venue sends them
 * on {@code level2_batch}, {@code matches} and {@code heartbeat}: prices and sizes as decimal
 * strings, {@code time} RFC 3339 with microseconds, {@code snapshot} without a time.
 *
 * <p>The product's {@code sequence} counts every message of the product's full channel, so it
 * advances by the changes of each book message and by three per match (received, match, done); a
 * match's {@code trade_id} is the previous one + 1. A {@code heartbeat} goes out every second with
 * the current {@code sequence} and {@code last_trade_id} — the values the book rule checks.
 */
final class CoinbaseFrames implements FeedFrames {
    private static final String[] CHANNELS = {"level2_batch", "matches", "heartbeat"};

    private final InstrumentSpec spec;
    private final String product;
    private final long key;
    private long sequence;
    private long lastTradeId;
    private long nextHeartbeat;

    CoinbaseFrames(InstrumentSpec spec, long key, Rng init, long firstTradeId, long dataStart) {
        this.spec = spec;
        this.product = productId(spec);
        this.key = key;
        this.sequence = init.uniformLong(1_000_000_000L, 90_000_000_000L);
        this.lastTradeId = firstTradeId - 1;
        this.nextHeartbeat = dataStart + init.uniformLong(0, Times.SECOND);
    }

    static String productId(InstrumentSpec spec) {
        return spec.base() + "-" + spec.quote();
    }

    /** The reply to the subscribe request: every product on the three channels. */
    static String subscriptions(List<InstrumentSpec> specs) {
        StringBuilder sb = new StringBuilder(120 + 40 * specs.size());
        sb.append("{\"type\":\"subscriptions\",\"channels\":[");
        for (int c = 0; c < CHANNELS.length; c++) {
            if (c > 0) sb.append(',');
            sb.append("{\"name\":\"").append(CHANNELS[c]).append("\",\"product_ids\":[");
            for (int i = 0; i < specs.size(); i++) {
                if (i > 0) sb.append(',');
                sb.append('"').append(productId(specs.get(i))).append('"');
            }
            sb.append("]}");
        }
        return sb.append("]}").toString();
    }

    @Override
    public String initialBook(SimBook book) {
        StringBuilder sb = new StringBuilder(100 + 40 * (book.book.bidCount() + book.book.askCount()));
        sb.append("{\"type\":\"snapshot\",\"product_id\":\"").append(product).append("\",");
        VenueWire.bidsAndAsks(sb, book.book, spec);
        return sb.append('}').toString();
    }

    @Override
    public void bookUpdate(SimBook book, long ts, Sink out) {
        heartbeats(ts, out);
        sequence += book.outBids + book.outAsks;
        StringBuilder sb = new StringBuilder(120 + 45 * (book.outBids + book.outAsks));
        sb.append("{\"type\":\"l2update\",\"product_id\":\"").append(product).append("\",\"changes\":[");
        VenueWire.changes(sb, book, spec);
        sb.append("],\"time\":\"");
        Times.appendMicros(sb, ts);
        out.add(ts, sb.append("\"}").toString());
    }

    @Override
    public void trades(boolean buy, boolean market, long[] prices, long[] qtys, int n, long firstTradeId, long ts, Sink out) {
        heartbeats(ts, out);
        String taker = uuid(Rng.mix(key, firstTradeId, 1));
        for (int i = 0; i < n; i++) {
            long id = firstTradeId + i;
            sequence += 3;
            lastTradeId = id;
            StringBuilder sb = new StringBuilder(300);
            sb.append("{\"type\":\"match\",\"trade_id\":").append(id).append(",\"maker_order_id\":\"")
                    .append(uuid(Rng.mix(key, id, 2))).append("\",\"taker_order_id\":\"").append(taker)
                    // side is the maker's: a taker buy lifts resting sell orders
                    .append("\",\"side\":\"").append(buy ? "sell" : "buy").append("\",\"size\":");
            VenueWire.quoted(sb, qtys[i], spec.qtyPrecision());
            sb.append(",\"price\":");
            VenueWire.quoted(sb, prices[i], spec.pricePrecision());
            sb.append(",\"product_id\":\"").append(product).append("\",\"sequence\":").append(sequence)
                    .append(",\"time\":\"");
            Times.appendMicros(sb, ts);
            out.add(ts, sb.append("\"}").toString());
        }
    }

    /** The heartbeats due up to {@code ts}: one per second, with the product's state at that instant. */
    private void heartbeats(long ts, Sink out) {
        while (nextHeartbeat <= ts) {
            StringBuilder sb = new StringBuilder(140);
            sb.append("{\"type\":\"heartbeat\",\"last_trade_id\":").append(lastTradeId).append(",\"product_id\":\"")
                    .append(product).append("\",\"sequence\":").append(sequence).append(",\"time\":\"");
            Times.appendMicros(sb, nextHeartbeat);
            out.add(nextHeartbeat, sb.append("\"}").toString());
            nextHeartbeat += Times.SECOND;
        }
    }

    /** A version-4-shaped UUID from 64 random bits (order ids; deterministic per trade). */
    static String uuid(long bits) {
        long hi = Rng.mix(bits, 0x7575);
        String h = String.format("%016x%016x", hi, bits);
        return h.substring(0, 8) + "-" + h.substring(8, 12) + "-4" + h.substring(13, 16) + "-8" + h.substring(17, 20) + "-"
                + h.substring(20, 32);
    }

}
