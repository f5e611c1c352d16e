package io.cryptorun.jobs;

import io.cryptorun.functions.alerts.PaperConfig;
import io.cryptorun.functions.alerts.ThrottleConfig;
import io.cryptorun.functions.gates.GateConfig;
import io.cryptorun.functions.regime.RegimeConfig;
import io.cryptorun.functions.scoring.ScoringConfig;
import io.cryptorun.functions.universe.UniverseConfig;
import java.io.Serializable;

/**
 * Every analytics threshold the scanner job uses; {@link #defaults()} is the SPEC.
 *
 * @param regimeAsset the asset whose realized vol votes in the regime (BTC/USD)
 * @param channels    the user/channels alerts go to; each has its own throttle (one, {@code default}, unless configured)
 */
public record AnalyticsSettings(UniverseConfig universe, RegimeConfig regime, String regimeAsset,
        ScoringConfig scoring, GateConfig gates, ThrottleConfig throttle, PaperConfig paper, String[] channels)
        implements Serializable {
    public static AnalyticsSettings defaults() {
        return new AnalyticsSettings(UniverseConfig.defaults(), RegimeConfig.defaults(), "BTC/USD",
                ScoringConfig.defaults(), GateConfig.defaults(), ThrottleConfig.defaults(), PaperConfig.defaults(),
                new String[] {"default"});
    }

    public AnalyticsSettings withChannels(String... names) {
        return new AnalyticsSettings(universe, regime, regimeAsset, scoring, gates, throttle, paper, names.clone());
    }
}
