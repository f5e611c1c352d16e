package io.cryptorun.functions;

import io.cryptorun.sources.model.Bar;
import io.cryptorun.sources.model.MarketEvent;
import org.apache.flink.api.java.functions.KeySelector;

/** The {@code venue|symbol} key every per-market operator is partitioned by. */
public final class Keys {
    public static final char SEPARATOR = '|';

    /** Keys a {@link MarketEvent} (any kind but QUARANTINE, whose symbol may be unknown). */
    public static final KeySelector<MarketEvent, String> MARKET_EVENT = new MarketEventKey();
    /** Keys a {@link Bar} (bar history). */
    public static final KeySelector<Bar, String> BAR = new BarKey();

    private Keys() {}

    public static String of(String venue, String symbol) {
        return venue + SEPARATOR + symbol;
    }

    /** The venue part of a key (venue ids never contain the separator). */
    public static String venueOf(String key) {
        return key.substring(0, key.indexOf(SEPARATOR));
    }

    public static String symbolOf(String key) {
        return key.substring(key.indexOf(SEPARATOR) + 1);
    }

    /** Named classes rather than lambdas so Flink's type extraction needs no hints. */
    public static final class MarketEventKey implements KeySelector<MarketEvent, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(MarketEvent e) {
            return of(e.venue(), e.symbol());
        }
    }

    public static final class BarKey implements KeySelector<Bar, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(Bar b) {
            return of(b.venue(), b.symbol());
        }
    }
}
