package io.cryptorun.jobs.live;

import io.cryptorun.sources.live.LiveSourceConfig;
import io.cryptorun.sources.live.Venue;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --venues} / {@code --symbols} of the live commands ({@code coinbase} = Advanced Trade,
 * {@code coinbase-exchange} = the Exchange {@code level2_batch} feed: {@link Venue#forOption}) to a {@link LiveSourceConfig} (endpoints from the environment). */
public final class LiveArgs {
    public static final String DEFAULT_VENUES = "kraken,coinbase,bitstamp,gemini";
    public static final String DEFAULT_SYMBOLS = "BTC/USD,ETH/USD";

    private LiveArgs() {}

    /** The same symbols on every venue listed. */
    public static LiveSourceConfig config(String venues, String symbols, Map<String, String> env) {
        List<String> syms = Arrays.stream(symbols.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        Map<Venue, List<String>> m = new EnumMap<>(Venue.class);
        for (String v : venues.split(",")) {
            if (!v.isBlank()) m.put(Venue.forOption(v), syms);
        }
        if (m.isEmpty() || syms.isEmpty()) throw new IllegalArgumentException("need at least one venue and one symbol");
        return LiveSourceConfig.of(m, env);
    }

    public static List<String> venues(String venues) {
        return Arrays.stream(venues.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(v -> Venue.forOption(v).id()).toList();
    }
}
