package io.cryptorun.sources.venue.kraken;

import io.cryptorun.sources.venue.SubscribeJson;
import java.util.ArrayList;
import java.util.List;

/** Kraken v2's subscribe messages: instrument (precisions, needed before books), book depth 10, trade, ticker. */
public final class KrakenSubscriptions {
    /** Book depth subscribed (the checksum covers the top 10). */
    public static final int BOOK_DEPTH = 10;

    private KrakenSubscriptions() {}

    /** One batch of symbols; the first batch of a connection also subscribes the instrument channel. */
    public static List<String> subscribe(List<String> symbols, boolean first) {
        String list = SubscribeJson.array(symbols);
        List<String> m = new ArrayList<>();
        if (first) {
            m.add("{\"method\":\"subscribe\",\"params\":{\"channel\":\"instrument\",\"snapshot\":true}}");
        }
        m.add("{\"method\":\"subscribe\",\"params\":{\"channel\":\"book\",\"depth\":" + BOOK_DEPTH
                + ",\"snapshot\":true,\"symbol\":" + list + "}}");
        m.add("{\"method\":\"subscribe\",\"params\":{\"channel\":\"trade\",\"snapshot\":false,\"symbol\":" + list + "}}");
        m.add("{\"method\":\"subscribe\",\"params\":{\"channel\":\"ticker\",\"symbol\":" + list + "}}");
        return m;
    }

    /** One symbol's book afresh: unsubscribed first when it is live, then subscribed with a snapshot. */
    public static List<String> resubscribeBook(String symbol, boolean unsubscribeFirst) {
        String list = SubscribeJson.array(List.of(symbol));
        List<String> m = new ArrayList<>();
        if (unsubscribeFirst) {
            m.add("{\"method\":\"unsubscribe\",\"params\":{\"channel\":\"book\",\"depth\":" + BOOK_DEPTH
                    + ",\"symbol\":" + list + "}}");
        }
        m.add("{\"method\":\"subscribe\",\"params\":{\"channel\":\"book\",\"depth\":" + BOOK_DEPTH
                + ",\"snapshot\":true,\"symbol\":" + list + "}}");
        return m;
    }
}
