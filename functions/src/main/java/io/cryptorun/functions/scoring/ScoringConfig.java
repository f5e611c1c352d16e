package io.cryptorun.functions.scoring;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Every constant of the SPEC §7 score. {@link #defaults()} is the SPEC; all of it is configurable.
 *
 * @param winsorLimit        |z| clamp after cross-sectional standardization (3)
 * @param minAssetsForResidualization Gram–Schmidt runs only with at least this many assets (5)
 * @param socialCap          social contribution is clamped to [0, socialCap] (10)
 * @param scoreMin           final clamp, lower (0)
 * @param scoreMax           final clamp, upper (110)
 * @param strongMin          STRONG band lower bound, inclusive (85)
 * @param moderateMin        MODERATE band lower bound, inclusive (75; also the alert threshold)
 * @param watchMin           WATCH band lower bound, inclusive (60)
 * @param regimes            weights per regime name
 */
public record ScoringConfig(double winsorLimit, int minAssetsForResidualization, double socialCap, double scoreMin,
        double scoreMax, double strongMin, double moderateMin, double watchMin, Map<String, RegimeWeights> regimes) implements java.io.Serializable {
    public ScoringConfig {
        if (!(winsorLimit > 0)) {
            throw new IllegalArgumentException("winsorLimit must be > 0");
        }
        if (minAssetsForResidualization < 2) {
            throw new IllegalArgumentException("minAssetsForResidualization must be ≥ 2");
        }
        if (!(socialCap >= 0) || !(scoreMin < scoreMax)) {
            throw new IllegalArgumentException("bad social cap or score range");
        }
        if (!(watchMin <= moderateMin && moderateMin <= strongMin)) {
            throw new IllegalArgumentException("bands must satisfy watch ≤ moderate ≤ strong");
        }
        regimes = Map.copyOf(Objects.requireNonNull(regimes, "regimes"));
        regimes.forEach((k, v) -> {
            if (!k.equals(v.regime())) {
                throw new IllegalArgumentException("regime key " + k + " holds weights for " + v.regime());
            }
        });
    }

    public static ScoringConfig defaults() {
        Map<String, RegimeWeights> m = new TreeMap<>();
        for (RegimeWeights w : List.of(RegimeWeights.trendingBull(), RegimeWeights.choppy(), RegimeWeights.highVol())) {
            m.put(w.regime(), w);
        }
        return new ScoringConfig(3.0, 5, 10.0, 0.0, 110.0, 85.0, 75.0, 60.0, m);
    }

    /** Weights for {@code regime}; an unknown name is a configuration error, never silently defaulted. */
    public RegimeWeights weightsFor(String regime) {
        RegimeWeights w = regimes.get(regime);
        if (w == null) {
            throw new IllegalArgumentException("no weights for regime " + regime + "; known: " + new TreeMap<>(regimes).keySet());
        }
        return w;
    }
}
