package io.cryptorun.sources.venue.bitstamp;

import java.util.ArrayList;
import java.util.List;

/**
 * Bitstamp v2's subscribe messages: one per channel ({@code diff_order_book_<pair>},
 * {@code live_trades_<pair>}); the book snapshot comes from REST once the diff channel is
 * acknowledged.
 */
public final class BitstampSubscriptions {
    private BitstampSubscriptions() {}

    public static List<String> subscribe(List<String> pairs) {
        List<String> m = new ArrayList<>();
        for (String s : pairs) {
            m.add("{\"event\":\"bts:subscribe\",\"data\":{\"channel\":\"" + BitstampParser.DIFF_PREFIX + s + "\"}}");
            m.add("{\"event\":\"bts:subscribe\",\"data\":{\"channel\":\"" + BitstampParser.TRADES_PREFIX + s + "\"}}");
        }
        return m;
    }

    /** The pair's diff channel afresh ({@code bts:unsubscribe} when it was live, then {@code bts:subscribe}). */
    public static List<String> resubscribeBook(String pair, boolean unsubscribeFirst) {
        String channel = BitstampParser.DIFF_PREFIX + pair;
        List<String> m = new ArrayList<>();
        if (unsubscribeFirst) m.add("{\"event\":\"bts:unsubscribe\",\"data\":{\"channel\":\"" + channel + "\"}}");
        m.add("{\"event\":\"bts:subscribe\",\"data\":{\"channel\":\"" + channel + "\"}}");
        return m;
    }
}
