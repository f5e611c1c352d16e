package io.cryptorun.functions.universe;

import java.io.Serializable;

/**
 * Who is in the scanned universe (SPEC §4, §5) and how a symbol's venues are consolidated.
 * {@link #defaults()} is the SPEC; docs/SCORING.md lists the choices the SPEC leaves open.
 *
 * @param minAdvUsd            24h ADV (USD notional of the last 24 consolidated 1h bars) below this is ineligible (100 000)
 * @param stablecoinQuotesAsUsd treat USDT/USDC quotes as USD (SPEC: only if flagged; false)
 * @param includeStablecoins   keep stablecoin bases such as USDT/USD (SPEC: excluded unless flagged; false)
 * @param stablecoins          bases that count as stablecoins
 * @param venuePriority        primary venue first: consolidated bar prices come from the first venue present
 * @param maxBookAgeMicros     a venue's microstructure older than this at the tick is not eligible (60 s)
 */
public record UniverseConfig(double minAdvUsd, boolean stablecoinQuotesAsUsd, boolean includeStablecoins,
        String[] stablecoins, String[] venuePriority, long maxBookAgeMicros) implements Serializable {
    public static UniverseConfig defaults() {
        return new UniverseConfig(100_000, false, false,
                new String[] {"USDT", "USDC", "DAI", "PYUSD", "TUSD", "USDP", "FDUSD", "EURC", "USDG", "RLUSD"},
                new String[] {"kraken", "coinbase", "bitstamp", "gemini"}, 60_000_000L);
    }

    /** Null when the pair itself may be scanned, else the reason (quote or stablecoin rule). */
    public String pairExclusion(String symbol) {
        int slash = symbol.indexOf('/');
        if (slash < 0) {
            return "not_a_pair";
        }
        String base = symbol.substring(0, slash);
        String quote = symbol.substring(slash + 1);
        boolean usd = quote.equals("USD") || (stablecoinQuotesAsUsd && (quote.equals("USDT") || quote.equals("USDC")));
        if (!usd) {
            return "quote_not_usd";
        }
        if (!includeStablecoins) {
            for (String s : stablecoins) {
                if (s.equals(base)) {
                    return "stablecoin";
                }
            }
        }
        return null;
    }

    /** Rank of a venue for consolidation (lower is primary); unknown venues after the listed ones. */
    public int venueRank(String venue) {
        for (int i = 0; i < venuePriority.length; i++) {
            if (venuePriority[i].equals(venue)) {
                return i;
            }
        }
        return venuePriority.length;
    }
}
