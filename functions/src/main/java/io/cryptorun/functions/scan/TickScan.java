package io.cryptorun.functions.scan;

import io.cryptorun.functions.gates.GateConfig;
import io.cryptorun.functions.gates.GateEvaluator;
import io.cryptorun.functions.gates.GateInputs;
import io.cryptorun.functions.gates.GateReport;
import io.cryptorun.functions.scoring.AssetInputs;
import io.cryptorun.functions.scoring.CrossSectionScorer;
import io.cryptorun.functions.scoring.ScoreResult;
import io.cryptorun.functions.scoring.ScoringConfig;
import io.cryptorun.functions.universe.AssetSnapshot;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * One scan tick, pure: the eligible snapshots in symbol order → {@link CrossSectionScorer} under
 * the regime in force → {@link GateEvaluator} per asset. Symbol order makes the cross-section
 * (and its floating-point sums) the same whatever order the snapshots arrived in.
 *
 * <p>Social input ({@code cryptorun.social}, issue 14): the raw value in force per symbol; a symbol
 * without one gets NaN, which the scorer adds as 0 (SPEC §7: absent social is 0).
 */
public final class TickScan implements Serializable {
    private static final long serialVersionUID = 1L;

    private final ScoringConfig scoring;
    private final GateConfig gates;

    public TickScan(ScoringConfig scoring, GateConfig gates) {
        this.scoring = scoring;
        this.gates = gates;
    }

    public GateConfig gateConfig() {
        return gates;
    }

    public List<ScoredAsset> scan(long tick, String regime, ScanBucket bucket) {
        return scan(tick, regime, bucket, java.util.Map.of());
    }

    /** With the raw social value per symbol in force at the tick ({@link SocialBook#valueAt}). */
    public List<ScoredAsset> scan(long tick, String regime, ScanBucket bucket, java.util.Map<String, Double> social) {
        AssetSnapshot[] all = bucket.assets().clone();
        Arrays.sort(all, Comparator.comparing(AssetSnapshot::symbol));
        List<AssetSnapshot> eligible = new ArrayList<>();
        for (AssetSnapshot s : all) {
            if (s.eligible() && (eligible.isEmpty() || !eligible.get(eligible.size() - 1).symbol().equals(s.symbol()))) {
                eligible.add(s);
            }
        }
        List<AssetInputs> inputs = new ArrayList<>(eligible.size());
        for (AssetSnapshot s : eligible) {
            inputs.add(new AssetInputs(s.symbol(), s.r1h(), s.r4h(), s.r12h(), s.r24h(), s.r7d(), s.rsi4h(), s.adx4h(),
                    s.close4h(), s.ma20of4h(), s.adv24hUsd(), s.avgDailyVolume7dUsd(), s.vadr(), s.spreadBps(),
                    s.depth2pctUsd(), s.validVenueCount(), social.getOrDefault(s.symbol(), 0.0)));
        }
        List<ScoreResult> scores = new CrossSectionScorer(scoring).score(regime, inputs);
        GateEvaluator evaluator = new GateEvaluator(gates);
        List<ScoredAsset> out = new ArrayList<>(eligible.size());
        for (int i = 0; i < eligible.size(); i++) {
            AssetSnapshot s = eligible.get(i);
            ScoreResult r = scores.get(i);
            long arrival = bucket.arrivalOn(s.best().conn(), GateInputs.NO_TIME);
            GateReport report = evaluator.evaluate(new GateInputs(s.symbol(), tick,
                    s.signalBarCloseMicros() == Long.MIN_VALUE ? GateInputs.NO_TIME : s.signalBarCloseMicros(),
                    s.signalBarCloseExact() == null ? null : s.signalBarCloseExact().toBigDecimal(),
                    s.lastPriceExact(), s.atr1h(), s.return24hExact(), s.rsi4hExact(), s.acceleration4hExact(),
                    arrival, s.spreadBpsExact(), s.depth2pctUsdExact(), s.vadr(), s.vadrBars(), s.adv24hUsd(),
                    r.score()));
            out.add(new ScoredAsset(tick, s.symbol(), s, regime, r.raw(), r.residual(), r.subScores(), r.weights(),
                    r.base(), r.social(), r.score(), r.band(), r.residualizationSkipped(), r.missingInputs(), arrival,
                    GateOutcome.of(report), report.pass()));
        }
        return out;
    }
}
