package io.cryptorun.sources.bench;

import io.cryptorun.sources.book.OrderBook;
import io.cryptorun.sources.decimal.ExactMath;
import io.cryptorun.sources.time.Rfc3339;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A reproducible stream of genuine book frames of one BTC/USD book for Coinbase Exchange
 * ({@code snapshot} + {@code l2update}), Bitstamp (REST order book + {@code diff_order_book})
 * and Gemini v2 ({@code l2_updates}, the first one being the full book), each update changing one
 * level near the top (insert, change or delete), with the same random walk as
 * {@link BookUpdateStream} (Kraken). Prices at 2 decimals, quantities at 8. {@link #truth} is the
 * generator's own book after every update, truncated to the depth: the independent truth the
 * stream's test compares the parsed-and-applied book with.
 */
public final class VenueBookStream {
    public enum Venue { COINBASE, BITSTAMP, GEMINI }

    public static final long T0 = 1_736_121_600_000_000L;
    public static final String BITSTAMP_PAIR = "btcusd";

    public final Venue venue;
    /** The initial full book (Bitstamp: the REST body, to parse with {@code parseRestSnapshot}). */
    public final String snapshot;
    public final List<String> updates;
    /** The generator's book after the last update. */
    public final OrderBook truth;

    public VenueBookStream(Venue venue, int depth, int updateCount, long seed) {
        this.venue = venue;
        SplittableRandom r = new SplittableRandom(seed);
        OrderBook book = new OrderBook("bench", "BTC/USD");
        book.setPrecision(2, 8);
        book.setDepth(depth);
        long mid = 4_528_500;
        List<long[]> bids = new ArrayList<>();
        List<long[]> asks = new ArrayList<>();
        for (int i = 0; i < depth; i++) {
            long bp = mid - 2 - i * 3L;
            long ap = mid + 2 + i * 3L;
            long bq = 1_000_000 + r.nextLong(150_000_000);
            long aq = 1_000_000 + r.nextLong(150_000_000);
            book.setBid(bp, bq);
            book.setAsk(ap, aq);
            bids.add(new long[] {bp, bq});
            asks.add(new long[] {ap, aq});
        }
        snapshot = snapshotFrame(bids, asks);
        updates = new ArrayList<>(updateCount);
        long ts = T0 + 1_000;
        for (int u = 0; u < updateCount; u++) {
            boolean bid = r.nextBoolean();
            long best = bid ? book.bidPrice(0) : book.askPrice(0);
            long other = bid ? book.askPrice(0) : book.bidPrice(0);
            int span = depth * 3;
            long price = bid ? best + 1 - r.nextInt(span) : best - 1 + r.nextInt(span);
            if (bid && price >= other) price = other - 1;
            if (!bid && price <= other) price = other + 1;
            long qty = r.nextInt(5) == 0 ? 0 : 1_000_000 + r.nextLong(150_000_000);
            if (bid) book.setBid(price, qty); else book.setAsk(price, qty);
            book.truncate();
            if (book.bidCount() < depth / 2 || book.askCount() < depth / 2) {
                if (bid) book.setBid(price, 0); else book.setAsk(price, 0);
                qty = 5_000_000;
                price = bid ? book.bidPrice(book.bidCount() - 1) - 1 : book.askPrice(book.askCount() - 1) + 1;
                if (bid) book.setBid(price, qty); else book.setAsk(price, qty);
                book.truncate();
            }
            ts += 1_000 + r.nextInt(50_000);
            updates.add(updateFrame(bid, price, qty, ts));
        }
        truth = book;
    }

    private String snapshotFrame(List<long[]> bids, List<long[]> asks) {
        switch (venue) {
            case COINBASE:
                return "{\"type\":\"snapshot\",\"product_id\":\"BTC-USD\",\"bids\":" + pairs(bids) + ",\"asks\":" + pairs(asks) + "}";
            case BITSTAMP:
                return "{\"timestamp\":\"" + T0 / 1_000_000 + "\",\"microtimestamp\":\"" + T0 + "\",\"bids\":" + pairs(bids)
                        + ",\"asks\":" + pairs(asks) + "}";
            default:
                StringBuilder sb = new StringBuilder("{\"type\":\"l2_updates\",\"symbol\":\"BTCUSD\",\"changes\":[");
                for (long[] l : bids) change(sb, "buy", l[0], l[1]).append(',');
                for (long[] l : asks) change(sb, "sell", l[0], l[1]).append(',');
                sb.setLength(sb.length() - 1);
                return sb.append("],\"trades\":[]}").toString();
        }
    }

    private String updateFrame(boolean bid, long price, long qty, long ts) {
        switch (venue) {
            case COINBASE:
                return change(new StringBuilder("{\"type\":\"l2update\",\"product_id\":\"BTC-USD\",\"changes\":["),
                        bid ? "buy" : "sell", price, qty).append("],\"time\":\"").append(Rfc3339.formatMicros(ts)).append("\"}").toString();
            case BITSTAMP:
                String lv = "[[\"" + ExactMath.toPlainString(price, 2) + "\",\"" + ExactMath.toPlainString(qty, 8) + "\"]]";
                return "{\"data\":{\"timestamp\":\"" + ts / 1_000_000 + "\",\"microtimestamp\":\"" + ts + "\",\"bids\":"
                        + (bid ? lv : "[]") + ",\"asks\":" + (bid ? "[]" : lv) + "},\"channel\":\"diff_order_book_" + BITSTAMP_PAIR
                        + "\",\"event\":\"data\"}";
            default:
                return change(new StringBuilder("{\"type\":\"l2_updates\",\"symbol\":\"BTCUSD\",\"changes\":["),
                        bid ? "buy" : "sell", price, qty).append("]}").toString();
        }
    }

    private static String pairs(List<long[]> levels) {
        StringBuilder sb = new StringBuilder("[");
        for (long[] l : levels) {
            sb.append("[\"").append(ExactMath.toPlainString(l[0], 2)).append("\",\"").append(ExactMath.toPlainString(l[1], 8))
                    .append("\"],");
        }
        sb.setLength(sb.length() - 1);
        return sb.append(']').toString();
    }

    private static StringBuilder change(StringBuilder sb, String side, long price, long qty) {
        return sb.append("[\"").append(side).append("\",\"").append(ExactMath.toPlainString(price, 2)).append("\",\"")
                .append(ExactMath.toPlainString(qty, 8)).append("\"]");
    }
}
