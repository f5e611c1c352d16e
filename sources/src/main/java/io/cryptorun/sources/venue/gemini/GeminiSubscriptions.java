package io.cryptorun.sources.venue.gemini;

import io.cryptorun.sources.venue.SubscribeJson;
import java.util.ArrayList;
import java.util.List;

/** Gemini market data v2's subscribe messages: {@code l2} (the first message is the full book; trades included). */
public final class GeminiSubscriptions {
    private GeminiSubscriptions() {}

    public static List<String> subscribe(List<String> symbols) {
        return List.of("{\"type\":\"subscribe\",\"subscriptions\":[{\"name\":\"l2\",\"symbols\":" + SubscribeJson.array(symbols) + "}]}");
    }

    /** The symbol's {@code l2} afresh: {@code unsubscribe} when it is live, then {@code subscribe}. */
    public static List<String> resubscribeBook(String symbol, boolean unsubscribeFirst) {
        String sub = "\"subscriptions\":[{\"name\":\"l2\",\"symbols\":" + SubscribeJson.array(List.of(symbol)) + "}]}";
        List<String> m = new ArrayList<>();
        if (unsubscribeFirst) m.add("{\"type\":\"unsubscribe\"," + sub);
        m.add("{\"type\":\"subscribe\"," + sub);
        return m;
    }
}
