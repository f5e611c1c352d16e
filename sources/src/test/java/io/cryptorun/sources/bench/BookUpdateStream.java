package io.cryptorun.sources.bench;

import io.cryptorun.sources.venue.kraken.KrakenBookChecksum;
import io.cryptorun.sources.book.OrderBook;
import io.cryptorun.sources.decimal.ExactMath;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A reproducible stream of genuine Kraken v2 book frames for one symbol at a given depth: one
 * snapshot, then updates that insert, change and delete levels near the top, each carrying the
 * checksum of the book after Kraken's truncation rule. Benchmarks cycle through it.
 */
public final class BookUpdateStream {
    public final String snapshot;
    public final List<String> updates;

    public BookUpdateStream(int depth, int updateCount, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        OrderBook book = new OrderBook("kraken", "BTC/USD");
        book.setPrecision(1, 8);
        book.setDepth(depth);
        KrakenBookChecksum crc = new KrakenBookChecksum();
        long mid = 452_850;
        StringBuilder bids = new StringBuilder();
        StringBuilder asks = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            long bp = mid - 2 - i * 3L;
            long ap = mid + 2 + i * 3L;
            long bq = 1_000_000 + r.nextLong(150_000_000);
            long aq = 1_000_000 + r.nextLong(150_000_000);
            book.setBid(bp, bq);
            book.setAsk(ap, aq);
            level(bids, bp, bq);
            level(asks, ap, aq);
        }
        snapshot = "{\"channel\":\"book\",\"type\":\"snapshot\",\"data\":[{\"symbol\":\"BTC/USD\",\"bids\":[" + bids
                + "],\"asks\":[" + asks + "],\"checksum\":" + crc.compute(book) + "}]}";
        updates = new ArrayList<>(updateCount);
        long ts = 1_736_121_600_000_000L;
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
            // keep both sides populated so the stream never degenerates
            if (book.bidCount() < depth / 2 || book.askCount() < depth / 2) {
                if (bid) book.setBid(price, 0); else book.setAsk(price, 0);
                qty = 5_000_000;
                price = bid ? book.bidPrice(book.bidCount() - 1) - 1 : book.askPrice(book.askCount() - 1) + 1;
                if (bid) book.setBid(price, qty); else book.setAsk(price, qty);
                book.truncate();
            }
            StringBuilder lv = new StringBuilder();
            level(lv, price, qty);
            ts += 1_000 + r.nextInt(50_000);
            updates.add("{\"channel\":\"book\",\"type\":\"update\",\"data\":[{\"symbol\":\"BTC/USD\",\"bids\":["
                    + (bid ? lv : "") + "],\"asks\":[" + (bid ? "" : lv) + "],\"checksum\":" + crc.compute(book)
                    + ",\"timestamp\":\"" + io.cryptorun.sources.time.Rfc3339.formatMicros(ts) + "\"}]}");
        }
    }

    private static void level(StringBuilder sb, long price, long qty) {
        if (sb.length() > 0 && sb.charAt(sb.length() - 1) == '}') sb.append(',');
        sb.append("{\"price\":").append(ExactMath.toPlainString(price, 1)).append(",\"qty\":")
                .append(ExactMath.toPlainString(qty, 8)).append('}');
    }
}
