package io.cryptorun.simulator;

import io.cryptorun.sources.book.OrderBook;
import io.cryptorun.sources.decimal.ExactMath;
import java.util.List;

/**
 * Kraken WebSocket v2 frame texts, field for field as the venue sends them (see the shapes in
 * {@code KrakenV2ParserTest}): compact JSON, numbers as JSON numbers, timestamps RFC 3339 with
 * microseconds. Built with a {@link StringBuilder} because there is one per simulated frame; symbols
 * and channel names never need JSON escaping.
 */
final class KrakenFrames {
    static final String HEARTBEAT = "{\"channel\":\"heartbeat\"}";
    static final String API_VERSION = "v2";
    static final String SERVER_VERSION = "2.0.9";

    private KrakenFrames() {}

    static String status(String connectionId) {
        return "{\"channel\":\"status\",\"data\":[{\"api_version\":\"" + API_VERSION + "\",\"connection_id\":" + connectionId
                + ",\"system\":\"online\",\"version\":\"" + SERVER_VERSION + "\"}],\"type\":\"update\"}";
    }

    /** A successful subscribe acknowledgement; {@code symbol} null for the instrument channel, {@code depth} 0 when not a book. */
    static String subscribeAck(String channel, String symbol, int depth, boolean snapshot, long timeIn, long timeOut) {
        StringBuilder sb = new StringBuilder(200);
        sb.append("{\"method\":\"subscribe\",\"result\":{\"channel\":\"").append(channel).append('"');
        if (depth > 0) sb.append(",\"depth\":").append(depth);
        sb.append(",\"snapshot\":").append(snapshot);
        if (symbol != null) sb.append(",\"symbol\":\"").append(symbol).append('"');
        sb.append("},\"success\":true,\"time_in\":\"");
        Times.appendMicros(sb, timeIn);
        sb.append("\",\"time_out\":\"");
        Times.appendMicros(sb, timeOut);
        sb.append("\"}");
        return sb.toString();
    }

    /** The instrument channel snapshot: USD plus the base assets, and every pair of the run. */
    static String instrumentSnapshot(List<InstrumentSpec> specs) {
        StringBuilder sb = new StringBuilder(400 + specs.size() * 330);
        sb.append("{\"channel\":\"instrument\",\"type\":\"snapshot\",\"data\":{\"assets\":[");
        sb.append("{\"id\":\"USD\",\"status\":\"enabled\",\"precision\":4,\"precision_display\":2,\"borrowable\":true,"
                + "\"collateral_value\":1.0,\"margin_rate\":0.0}");
        for (InstrumentSpec s : specs) {
            boolean major = s.tier() == InstrumentSpec.Tier.MAJOR;
            sb.append(",{\"id\":\"").append(s.base()).append("\",\"status\":\"enabled\",\"precision\":10,"
                    + "\"precision_display\":5,\"borrowable\":").append(major).append(",\"collateral_value\":")
                    .append(major ? "0.95" : "0.0").append(",\"margin_rate\":").append(major ? "0.02" : "0.0").append('}');
        }
        sb.append("],\"pairs\":[");
        for (int i = 0; i < specs.size(); i++) {
            InstrumentSpec s = specs.get(i);
            if (i > 0) sb.append(',');
            sb.append("{\"symbol\":\"").append(s.symbol()).append("\",\"base\":\"").append(s.base())
                    .append("\",\"quote\":\"").append(s.quote()).append("\",\"status\":\"online\",\"qty_precision\":")
                    .append(s.qtyPrecision()).append(",\"qty_increment\":");
            ExactMath.appendPlain(sb, 1, s.qtyPrecision());
            sb.append(",\"price_precision\":").append(s.pricePrecision()).append(",\"cost_precision\":5,\"marginable\":")
                    .append(s.tier() == InstrumentSpec.Tier.MAJOR).append(",\"has_index\":true,\"cost_min\":0.5")
                    .append(",\"price_increment\":");
            ExactMath.appendPlain(sb, 1, s.pricePrecision());
            sb.append(",\"qty_min\":");
            ExactMath.appendPlain(sb, s.qtyMin(), s.qtyPrecision());
            sb.append('}');
        }
        sb.append("]}}");
        return sb.toString();
    }

    /** A full book; Kraken sends no timestamp with a snapshot, only the checksum. */
    static String bookSnapshot(InstrumentSpec spec, OrderBook book, long checksum) {
        StringBuilder sb = new StringBuilder(160 + 50 * (book.bidCount() + book.askCount()));
        sb.append("{\"channel\":\"book\",\"type\":\"snapshot\",\"data\":[{\"symbol\":\"").append(spec.symbol()).append("\",\"bids\":[");
        for (int i = 0; i < book.bidCount(); i++) {
            level(sb, i > 0, book.bidPrice(i), book.bidQty(i), spec);
        }
        sb.append("],\"asks\":[");
        for (int i = 0; i < book.askCount(); i++) {
            level(sb, i > 0, book.askPrice(i), book.askQty(i), spec);
        }
        sb.append("],\"checksum\":").append(checksum).append("}]}");
        return sb.toString();
    }

    static String bookUpdate(InstrumentSpec spec, long[] bidPx, long[] bidQty, int bids, long[] askPx, long[] askQty,
            int asks, long checksum, long timestampMicros) {
        StringBuilder sb = new StringBuilder(190 + 50 * (bids + asks));
        sb.append("{\"channel\":\"book\",\"type\":\"update\",\"data\":[{\"symbol\":\"").append(spec.symbol()).append("\",\"bids\":[");
        for (int i = 0; i < bids; i++) {
            level(sb, i > 0, bidPx[i], bidQty[i], spec);
        }
        sb.append("],\"asks\":[");
        for (int i = 0; i < asks; i++) {
            level(sb, i > 0, askPx[i], askQty[i], spec);
        }
        sb.append("],\"checksum\":").append(checksum).append(",\"timestamp\":\"");
        Times.appendMicros(sb, timestampMicros);
        sb.append("\"}]}");
        return sb.toString();
    }

    private static void level(StringBuilder sb, boolean comma, long price, long qty, InstrumentSpec spec) {
        if (comma) sb.append(',');
        sb.append("{\"price\":");
        KrakenNumbers.appendWire(sb, price, spec.pricePrecision());
        sb.append(",\"qty\":");
        KrakenNumbers.appendWire(sb, qty, spec.qtyPrecision());
        sb.append('}');
    }

    /** One taker order's fills (one entry per price level), each with its own trade id. */
    static String trades(InstrumentSpec spec, boolean buy, boolean market, long[] prices, long[] qtys, int n, long firstTradeId,
            long timestampMicros) {
        StringBuilder sb = new StringBuilder(60 + 180 * n);
        sb.append("{\"channel\":\"trade\",\"type\":\"update\",\"data\":[");
        for (int i = 0; i < n; i++) {
            if (i > 0) sb.append(',');
            sb.append("{\"symbol\":\"").append(spec.symbol()).append("\",\"side\":\"").append(buy ? "buy" : "sell")
                    .append("\",\"price\":");
            KrakenNumbers.appendWire(sb, prices[i], spec.pricePrecision());
            sb.append(",\"qty\":");
            KrakenNumbers.appendWire(sb, qtys[i], spec.qtyPrecision());
            sb.append(",\"ord_type\":\"").append(market ? "market" : "limit").append("\",\"trade_id\":")
                    .append(firstTradeId + i).append(",\"timestamp\":\"");
            Times.appendMicros(sb, timestampMicros);
            sb.append("\"}");
        }
        sb.append("]}");
        return sb.toString();
    }
}
