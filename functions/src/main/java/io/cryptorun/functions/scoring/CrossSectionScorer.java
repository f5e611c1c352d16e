package io.cryptorun.functions.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * SPEC §7 score over the eligible universe of one scan tick. Pure and deterministic: the same
 * inputs in the same order give bit-identical results.
 *
 * <ol>
 *   <li>Raw factors per asset: MomentumCore = Σ w_tf·r_tf (regime weights); Technical, Volume and
 *       Quality = mean of the cross-sectional z of their components (missing components are
 *       left out of the mean; all missing ⇒ NaN ⇒ neutral in step 2).</li>
 *   <li>Winsorized cross-sectional z of each raw factor ({@link CrossSection}).</li>
 *   <li>Gram–Schmidt in SPEC order ({@link GramSchmidt}); skipped, and flagged, below
 *       {@link ScoringConfig#minAssetsForResidualization()} assets.</li>
 *   <li>S_g = 100·Φ(residual_g) ({@link NormalCdf}); base = Σ w_g·S_g.</li>
 *   <li>score = clamp(base + min(cap, max(0, social)), min, max); band.</li>
 * </ol>
 */
public final class CrossSectionScorer {
    private final ScoringConfig cfg;

    public CrossSectionScorer(ScoringConfig cfg) {
        this.cfg = Objects.requireNonNull(cfg, "cfg");
    }

    /** Scores {@code assets} under the weights of {@code regime}; results are in input order. */
    public List<ScoreResult> score(String regime, List<AssetInputs> assets) {
        RegimeWeights w = cfg.weightsFor(regime);
        int n = assets.size();
        double limit = cfg.winsorLimit();
        double[][] raw = new double[4][n];
        int[] missing = new int[n];

        double[] momentum = raw[Factor.MOMENTUM_CORE.ordinal()];
        double[] rsi = new double[n], adx = new double[n], maGap = new double[n];
        double[] volRatio = new double[n], vadr = new double[n];
        double[] negSpread = new double[n], logDepth = new double[n], venues = new double[n];
        for (int i = 0; i < n; i++) {
            AssetInputs a = assets.get(i);
            momentum[i] = w.timeframes().momentumCore(a.r1h(), a.r4h(), a.r12h(), a.r24h(), a.r7d());
            rsi[i] = a.rsi4h() - 50.0;
            adx[i] = a.adx4h();
            maGap[i] = a.close4h() / a.ma20of4h() - 1.0;
            volRatio[i] = logPositive(a.volume24hUsd() / a.avgDailyVolume7dUsd());
            vadr[i] = a.vadr();
            negSpread[i] = -a.spreadBps();
            logDepth[i] = logPositive(a.depth2pctUsd());
            venues[i] = a.validVenueCount();
            missing[i] = countMissing(momentum[i], rsi[i], adx[i], maGap[i], volRatio[i], vadr[i], negSpread[i],
                    logDepth[i]);
        }
        raw[Factor.TECHNICAL.ordinal()] = meanOfZ(limit, rsi, adx, maGap);
        raw[Factor.VOLUME.ordinal()] = meanOfZ(limit, volRatio, vadr);
        raw[Factor.QUALITY.ordinal()] = meanOfZ(limit, negSpread, logDepth, venues);

        double[][] z = new double[4][];
        for (int f = 0; f < 4; f++) {
            z[f] = CrossSection.zScores(raw[f], limit);
        }
        boolean skipped = n < cfg.minAssetsForResidualization();
        double[][] residual = skipped ? z : GramSchmidt.residualize(z);

        List<ScoreResult> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Factors res = Factors.of(residual, i);
            Factors sub = new Factors(subScore(res.momentum()), subScore(res.technical()), subScore(res.volume()),
                    subScore(res.quality()));
            double base = w.factors().base(sub);
            double social = socialContribution(assets.get(i).social());
            double score = Math.max(cfg.scoreMin(), Math.min(cfg.scoreMax(), base + social));
            out.add(new ScoreResult(assets.get(i).symbol(), regime, Factors.of(raw, i), Factors.of(z, i), res, sub,
                    w.factors(), base, social, score, Band.of(score, cfg), skipped, missing[i]));
        }
        return out;
    }

    /** 100·Φ(z). */
    public static double subScore(double z) {
        return 100.0 * NormalCdf.phi(z);
    }

    /** Social is bounded so it can lift a score by at most the cap and never lower it; NaN (absent) adds 0. */
    double socialContribution(double social) {
        return Double.isNaN(social) ? 0.0 : Math.min(cfg.socialCap(), Math.max(0.0, social));
    }

    /** log(x) for x &gt; 0, NaN otherwise (a zero volume or depth is "no information", not −∞). */
    static double logPositive(double x) {
        return x > 0 && Double.isFinite(x) ? StrictMath.log(x) : Double.NaN;
    }

    /** Per asset: mean of the components' winsorized z over the components that are present. */
    static double[] meanOfZ(double limit, double[]... components) {
        int n = components[0].length;
        double[][] zs = new double[components.length][];
        for (int c = 0; c < components.length; c++) {
            zs[c] = CrossSection.zScores(components[c], limit);
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            int k = 0;
            for (int c = 0; c < components.length; c++) {
                if (Double.isFinite(components[c][i])) {
                    s += zs[c][i];
                    k++;
                }
            }
            out[i] = k == 0 ? Double.NaN : s / k;
        }
        return out;
    }

    private static int countMissing(double... xs) {
        int m = 0;
        for (double x : xs) {
            if (!Double.isFinite(x)) {
                m++;
            }
        }
        return m;
    }
}
