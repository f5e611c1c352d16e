package io.cryptorun.sources.venue;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Venue symbol → canonical {@code BASE/QUOTE}. Results are cached per instance (a parser's
 * lifetime), so a steady stream maps without allocating. Not thread-safe.
 */
public final class Symbols {
    /**
     * Quote currencies recognised at the end of a concatenated pair ({@code btcusd},
     * {@code BTCUSD}), longest first so that {@code BTCGUSD} is BTC/GUSD and {@code USDCUSDT} is
     * USDC/USDT.
     */
    static final String[] QUOTES = {"PYUSD", "GUSD", "USDT", "USDC", "RLUSD", "USD", "EUR", "GBP", "SGD", "AUD", "CHF",
        "BTC", "ETH", "DAI"};
    private static final int MAX_CACHE = 4096;

    private final Map<String, String> dashed = new HashMap<>();
    private final Map<String, String> concatenated = new HashMap<>();

    /**
     * {@code BTC-USD} → {@code BTC/USD} (Coinbase product ids). {@code null} unless there is exactly
     * one dash between two non-empty runs of ASCII letters and digits.
     */
    public String fromDashed(String productId) {
        String hit = dashed.get(productId);
        if (hit != null) return hit;
        int dash = productId.indexOf('-');
        if (dash <= 0 || dash == productId.length() - 1 || productId.indexOf('-', dash + 1) >= 0
                || !alnum(productId, 0, dash) || !alnum(productId, dash + 1, productId.length())) {
            return null;
        }
        String canonical = (productId.substring(0, dash) + "/" + productId.substring(dash + 1)).toUpperCase(Locale.ROOT);
        if (dashed.size() < MAX_CACHE) dashed.put(productId, canonical);
        return canonical;
    }

    /**
     * {@code btcusd} / {@code BTCUSD} → {@code BTC/USD} (Bitstamp pairs, Gemini symbols), split at
     * the longest known quote suffix. {@code null} when no known quote ends the pair, the base
     * would be empty, or the pair is not ASCII letters and digits.
     */
    public String fromConcatenated(String pair) {
        String hit = concatenated.get(pair);
        if (hit != null) return hit;
        if (pair.isEmpty() || !alnum(pair, 0, pair.length())) return null;
        String upper = pair.toUpperCase(Locale.ROOT);
        for (String q : QUOTES) {
            if (upper.length() > q.length() && upper.endsWith(q)) {
                String canonical = upper.substring(0, upper.length() - q.length()) + "/" + q;
                if (concatenated.size() < MAX_CACHE) concatenated.put(pair, canonical);
                return canonical;
            }
        }
        return null;
    }

    private static boolean alnum(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) return false;
        }
        return true;
    }
}
