package io.cryptorun.functions.universe;

import io.cryptorun.sources.decimal.Decimal;
import io.cryptorun.sources.model.Bar;
import java.util.Comparator;
import java.util.List;

/**
 * SPEC §5 consolidated bar of one symbol and interval: prices from the primary venue (the first
 * of {@link UniverseConfig#venuePriority()} present), base volume summed over venues, and the USD
 * notional summed over venues as volume × that venue's VWAP (its close when the bar has no VWAP).
 */
public record ConsolidatedBar(String primaryVenue, double high, double low, double close, double volume,
        double usdVolume, int venues, Decimal exactClose) {

    public ConsolidatedBar {
        if (exactClose == null) {
            throw new IllegalArgumentException("exactClose is required");
        }
    }

    /** A bar whose close is given as a double (tests): the exact close is the decimal it was written as. */
    public ConsolidatedBar(String primaryVenue, double high, double low, double close, double volume, double usdVolume,
            int venues) {
        this(primaryVenue, high, low, close, volume, usdVolume, venues, exact(close));
    }

    private static Decimal exact(double close) {
        java.math.BigDecimal d = java.math.BigDecimal.valueOf(close);
        if (d.scale() < 0) {
            d = d.setScale(0);
        }
        return Decimal.of(d.unscaledValue().longValueExact(), d.scale());
    }

    /** The same price carried forward over an interval without trades: flat at the close, no volume (SPEC §5). */
    public static ConsolidatedBar carried(double close, Decimal exactClose) {
        return new ConsolidatedBar("", close, close, close, 0, 0, 0, exactClose != null ? exactClose : exact(close));
    }

    /** Bars of one symbol, interval and open time from several venues. */
    public static ConsolidatedBar of(List<Bar> bars, UniverseConfig cfg) {
        if (bars.isEmpty()) {
            throw new IllegalArgumentException("no bars to consolidate");
        }
        Bar primary = bars.stream()
                .min(Comparator.comparingInt((Bar b) -> cfg.venueRank(b.venue())).thenComparing(Bar::venue))
                .orElseThrow();
        double volume = 0;
        double usd = 0;
        for (Bar b : bars) {
            double v = b.volume().toDouble();
            volume += v;
            usd += v * (b.vwap() != null ? b.vwap() : b.close()).toDouble();
        }
        return new ConsolidatedBar(primary.venue(), primary.high().toDouble(), primary.low().toDouble(),
                primary.close().toDouble(), volume, usd, bars.size(), primary.close());
    }
}
