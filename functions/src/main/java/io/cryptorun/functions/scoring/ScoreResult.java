package io.cryptorun.functions.scoring;

/**
 * The score of one asset at one scan tick, with everything that produced it (the
 * {@code premove_artifacts} row is built from this).
 *
 * @param symbol                 asset
 * @param regime                 regime name whose weights were used
 * @param raw                    raw factors (MomentumCore is Σ w·r; the others are means of component z-scores)
 * @param z                      winsorized cross-sectional z of each raw factor
 * @param residual               after Gram–Schmidt and re-standardization (= z when skipped; momentum always = z)
 * @param subScores              100·Φ(residual) per factor
 * @param weights                factor weights of the regime
 * @param base                   Σ w_g·S_g, in [0, 100]
 * @param social                 social contribution actually added: min(cap, max(0, social)), 0 for NaN
 * @param score                  clamp(base + social, scoreMin, scoreMax)
 * @param band                   band of {@code score}
 * @param residualizationSkipped true when the cross-section had fewer assets than the configured minimum
 * @param missingInputs          how many of this asset's inputs were NaN/∞ and imputed as neutral (z = 0)
 */
public record ScoreResult(String symbol, String regime, Factors raw, Factors z, Factors residual, Factors subScores,
        FactorWeights weights, double base, double social, double score, Band band, boolean residualizationSkipped,
        int missingInputs) {}
