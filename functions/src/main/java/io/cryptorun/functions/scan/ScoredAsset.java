package io.cryptorun.functions.scan;

import io.cryptorun.functions.scoring.Band;
import io.cryptorun.functions.scoring.FactorWeights;
import io.cryptorun.functions.scoring.Factors;
import io.cryptorun.functions.universe.AssetSnapshot;

/**
 * One eligible asset at one scan tick: its inputs, the SPEC §7 score and the SPEC §8 gates. What
 * {@code scores.jsonl} / {@code premove_artifacts} hold; alerts and paper updates derive from it.
 *
 * @param lateFillReceiveMicros receive time of the first frame past the tick on the best venue's connection, or {@link Long#MIN_VALUE}
 * @param pass                  all gates passed
 */
public record ScoredAsset(
        long tickMicros, String symbol, AssetSnapshot inputs, String regime, Factors raw, Factors residual,
        Factors subScores, FactorWeights weights, double base, double social, double score, Band band,
        boolean residualizationSkipped, int missingInputs, long lateFillReceiveMicros, GateOutcome[] gates,
        boolean pass) {}
