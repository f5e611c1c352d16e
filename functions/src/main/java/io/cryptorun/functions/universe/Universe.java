package io.cryptorun.functions.universe;

import io.cryptorun.functions.indicators.Returns;
import io.cryptorun.functions.math.Threshold;
import io.cryptorun.functions.micro.Microstructure;
import java.util.Comparator;
import java.util.List;

/** Best-venue choice and eligibility (SPEC §4, §5, §8 "best eligible venue"). Pure. */
public final class Universe {
    /** Lowest spread first, then deepest, then venue name: deterministic for any input order. */
    static final Comparator<Microstructure> BEST_VENUE = Comparator
            .comparing(Microstructure::spreadBps)
            .thenComparing(Microstructure::depthTotalUsd, Comparator.reverseOrder())
            .thenComparing(Microstructure::venue);

    private Universe() {}

    /** A venue's book counts at {@code tick} when valid, priced and no older than the configured age. */
    static boolean usable(Microstructure m, long tick, UniverseConfig cfg) {
        return m.valid() && m.spreadBps() != null && m.mid() != null && m.depthTotalUsd() != null
                && tick - m.tsMicros() <= cfg.maxBookAgeMicros();
    }

    /** The snapshot of {@code symbol} at {@code tick} from its indicators and latest microstructure per venue. */
    public static AssetSnapshot snapshot(String symbol, long tick, SymbolIndicators ind, List<Microstructure> venues,
            UniverseConfig cfg) {
        Microstructure best = null;
        int valid = 0;
        for (Microstructure m : venues) {
            if (usable(m, tick, cfg)) {
                valid++;
                if (best == null || BEST_VENUE.compare(m, best) < 0) {
                    best = m;
                }
            }
        }
        double adv = ind.adv24hUsd();
        String reason = cfg.pairExclusion(symbol);
        if (reason == null) {
            if (Double.isNaN(adv)) {
                reason = "adv_unknown";
            } else if (!Threshold.atLeast(cfg.minAdvUsd()).admits(adv)) { // ADV ≥ min: a floating-point sum against the double nearest the limit
                reason = "adv_below_min";
            } else if (best == null) {
                reason = "no_valid_book";
            }
        }
        return new AssetSnapshot(symbol, tick, reason, ind.r(Returns.H1), ind.r(Returns.H4), ind.r(Returns.H12),
                ind.r(Returns.H24), ind.r(Returns.D7), ind.rsi1h(), ind.rsi4h(), ind.adx4h(), ind.atr1h(),
                ind.ma20of4h(), ind.close4h(), ind.acceleration4h(), ind.vadr(), ind.vadrBars(), adv,
                ind.avgDailyVolume7dUsd(), ind.lastHourCloseMicros(), ind.lastHourClose(), best, valid,
                ind.realizedVol7d(), ind.lastHourCloseExact(), ind.return24hExact(), ind.rsi4hExact(),
                ind.acceleration4hExact());
    }
}
