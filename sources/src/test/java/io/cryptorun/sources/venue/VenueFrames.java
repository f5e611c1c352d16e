package io.cryptorun.sources.venue;

import io.cryptorun.sources.book.OrderBook;
import io.cryptorun.sources.model.EventKind;
import io.cryptorun.sources.model.MarketEvent;
import io.cryptorun.sources.venue.bitstamp.BitstampParser;
import io.cryptorun.sources.venue.coinbase.CoinbaseParser;
import io.cryptorun.sources.venue.gemini.GeminiParser;
import java.util.ArrayList;
import java.util.List;

/** Hand-built venue frames run through the real parsers, for the book-rule tests. */
public final class VenueFrames {
    private static long ordinal;

    private VenueFrames() {}

    public static MarketEvent coinbase(String frame) {
        List<MarketEvent> out = new ArrayList<>();
        new CoinbaseParser().parse(frame, 1_700_000_000_000_000L, "cb", ordinal++, out::add);
        return single(out, frame);
    }

    public static MarketEvent bitstamp(String frame) {
        List<MarketEvent> out = new ArrayList<>();
        new BitstampParser().parse(frame, 1_700_000_000_000_000L, "bs", ordinal++, out::add);
        return single(out, frame);
    }

    public static MarketEvent bitstampRest(String body) {
        List<MarketEvent> out = new ArrayList<>();
        new BitstampParser().parseRestSnapshot(body, "btcusd", 1_700_000_000_000_000L, "rest", ordinal++, out::add);
        return single(out, body);
    }

    public static List<MarketEvent> gemini(String frame) {
        List<MarketEvent> out = new ArrayList<>();
        new GeminiParser().parse(frame, 1_700_000_000_000_000L, "gm", ordinal++, out::add);
        if (out.isEmpty() || out.get(0).kind() == EventKind.QUARANTINE) {
            throw new AssertionError("test frame did not parse: " + out + " <" + frame + ">");
        }
        return out;
    }

    private static MarketEvent single(List<MarketEvent> out, String frame) {
        if (out.size() != 1 || out.get(0).kind() == EventKind.QUARANTINE) {
            throw new AssertionError("test frame did not parse to one event: " + out + " <" + frame + ">");
        }
        return out.get(0);
    }

    /** Best bid and ask as "bid/ask" plain strings, or "-" for an empty side. */
    public static String top(OrderBook b) {
        String bid = b.bidCount() == 0 ? "-" : io.cryptorun.sources.decimal.ExactMath.toPlainString(b.bidPrice(0), b.priceScale());
        String ask = b.askCount() == 0 ? "-" : io.cryptorun.sources.decimal.ExactMath.toPlainString(b.askPrice(0), b.priceScale());
        return bid + "/" + ask;
    }
}
