package io.cryptorun.sources.venue.coinbase;

import io.cryptorun.sources.venue.SubscribeJson;
import java.util.ArrayList;
import java.util.List;

/**
 * Coinbase's subscribe messages, for both feeds: the Exchange feed ({@code level2_batch},
 * {@code matches}, {@code heartbeat} per product, in one message) and Advanced Trade
 * ({@code heartbeats} first, so the connection stays open, then {@code level2} and
 * {@code market_trades}, one channel per message).
 */
public final class CoinbaseSubscriptions {
    /** The Exchange feed's book channel, as its resubscribe names it. */
    public static final String EXCHANGE_BOOK = "\"channels\":[\"level2_batch\"]";
    /** Advanced Trade's book channel, likewise. */
    public static final String ADVANCED_BOOK = "\"channel\":\"level2\"";

    private CoinbaseSubscriptions() {}

    public static List<String> exchange(List<String> productIds) {
        return List.of("{\"type\":\"subscribe\",\"product_ids\":" + SubscribeJson.array(productIds)
                + ",\"channels\":[\"level2_batch\",\"matches\",\"heartbeat\"]}");
    }

    public static List<String> advancedTrade(List<String> productIds, boolean first) {
        String list = SubscribeJson.array(productIds);
        List<String> m = new ArrayList<>();
        if (first) {
            m.add("{\"type\":\"subscribe\",\"channel\":\"heartbeats\"}");
        }
        m.add("{\"type\":\"subscribe\",\"product_ids\":" + list + ",\"channel\":\"level2\"}");
        m.add("{\"type\":\"subscribe\",\"product_ids\":" + list + ",\"channel\":\"market_trades\"}");
        return m;
    }

    /** {@code unsubscribe} then {@code subscribe} of one product on the book channel(s) {@code bookChannels}. */
    public static List<String> resubscribeBook(String productId, String bookChannels) {
        String ids = "\"product_ids\":" + SubscribeJson.array(List.of(productId)) + "," + bookChannels + "}";
        return List.of("{\"type\":\"unsubscribe\"," + ids, "{\"type\":\"subscribe\"," + ids);
    }
}
