package io.cryptorun.functions.gates;

import io.cryptorun.functions.math.Threshold;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * SPEC §8: freshness, fatigue, late-fill, microstructure, score — all evaluated (no short
 * circuit, so the artifact row and the trip metrics see every reason), in that order. Pure.
 *
 * <p>Comparison directions are the SPEC's words: "≤ 2 bars", "≤ 1.2×ATR", "r_24h &gt; 12 %",
 * "RSI &gt; 70", "acceleration ≥ 2 pp", "&gt; 30 s", "spread &lt; 50", "depth ≥ $100k",
 * "VADR ≥ tier minimum", "≥ 20 bars", "score ≥ 75". Being exactly on a threshold therefore
 * passes everywhere except the spread (strict). Every comparison goes through one
 * {@link Threshold} on the exact input ({@link GateInputs}), never on a rounded one.
 */
public final class GateEvaluator {
    private final GateConfig cfg;
    private final Threshold maxBarAge;
    private final Threshold maxDrift;
    private final Threshold fatigueReturn;
    private final Threshold fatigueRsi;
    private final Threshold accelerationExempt;
    private final Threshold maxLateFill;
    private final Threshold maxSpread;
    private final Threshold minDepth;
    private final Threshold minVadrBars;
    private final Threshold minScore;

    public GateEvaluator(GateConfig cfg) {
        this.cfg = Objects.requireNonNull(cfg, "cfg");
        this.maxBarAge = Threshold.atMost(cfg.maxSignalBarAgeBars());
        this.maxDrift = Threshold.atMost(cfg.maxPriceDriftAtr());
        this.fatigueReturn = Threshold.above(cfg.fatigueReturn24h());
        this.fatigueRsi = Threshold.above(cfg.fatigueRsi4h());
        this.accelerationExempt = Threshold.atLeast(cfg.fatigueAccelerationExempt());
        this.maxLateFill = Threshold.atMost(cfg.maxLateFillMicros());
        this.maxSpread = Threshold.below(cfg.maxSpreadBps());
        this.minDepth = Threshold.atLeast(cfg.minDepthUsd());
        this.minVadrBars = Threshold.atLeast(cfg.minVadrBars());
        this.minScore = Threshold.atLeast(cfg.minScore());
    }

    public GateReport evaluate(GateInputs in) {
        List<GateResult> gates = List.of(freshness(in), fatigue(in), lateFill(in), microstructure(in), score(in));
        boolean pass = gates.stream().allMatch(GateResult::pass);
        return new GateReport(in.symbol(), gates, pass);
    }

    /** Signal bar at most N bars old (tick − bar close ≤ N × bar), not from the future; |last − close| ≤ k × ATR(1h). */
    GateResult freshness(GateInputs in) {
        List<String> r = new ArrayList<>(2);
        if (in.signalBarCloseMicros() == GateInputs.NO_TIME) {
            r.add(GateReason.SIGNAL_BAR_MISSING);
        } else {
            long age = in.tickMicros() - in.signalBarCloseMicros();
            if (age < 0) {
                r.add(GateReason.SIGNAL_BAR_AFTER_TICK); // point-in-time violation: the bar closed after the tick
            } else if (!maxBarAge.admitsTimes(BigDecimal.valueOf(age), BigDecimal.valueOf(cfg.barMicros()))) {
                r.add(GateReason.SIGNAL_BAR_STALE);
            }
        }
        if (in.lastPrice() == null || in.signalBarClose() == null) {
            r.add(GateReason.PRICE_MISSING);
        } else if (!Double.isFinite(in.atr1h())) {
            r.add(GateReason.ATR_MISSING);
        } else if (!maxDrift.admitsTimes(in.lastPrice().subtract(in.signalBarClose()).abs(), in.atr1h())) {
            r.add(GateReason.PRICE_DRIFT_EXCEEDS_ATR);
        }
        return new GateResult(Gate.FRESHNESS, r.isEmpty(), r);
    }

    /** Blocks a move that already happened (r_24h &gt; 12 % and RSI &gt; 70) unless it is still accelerating (≥ 2 pp). */
    GateResult fatigue(GateInputs in) {
        List<String> r = new ArrayList<>(1);
        if (in.return24h() == null || in.rsi4h() == null) {
            r.add(GateReason.FATIGUE_INPUTS_MISSING);
        } else {
            boolean stretched = fatigueReturn.admits(in.return24h()) && fatigueRsi.admits(in.rsi4h());
            boolean accelerating = accelerationExempt.admits(in.acceleration4h()); // unknown: not exempt
            if (stretched && !accelerating) {
                r.add(GateReason.FATIGUED);
            }
        }
        return new GateResult(Gate.FATIGUE, r.isEmpty(), r);
    }

    /** Receive time of the first frame past the tick − the tick must be ≤ 30 s. A receive before the tick is lateness ≤ 0. */
    GateResult lateFill(GateInputs in) {
        List<String> r = new ArrayList<>(1);
        if (in.firstFrameAfterTickReceiveMicros() == GateInputs.NO_TIME) {
            r.add(GateReason.RECEIVE_TIME_MISSING);
        } else if (!maxLateFill.admits(
                BigDecimal.valueOf(in.firstFrameAfterTickReceiveMicros()).subtract(BigDecimal.valueOf(in.tickMicros())))) {
            r.add(GateReason.LATE_FILL);
        }
        return new GateResult(Gate.LATE_FILL, r.isEmpty(), r);
    }

    /** Spread, depth and VADR of the best eligible venue; each check independent so all reasons show. */
    GateResult microstructure(GateInputs in) {
        List<String> r = new ArrayList<>(3);
        if (in.spreadBps() == null) {
            r.add(GateReason.SPREAD_MISSING);
        } else if (!maxSpread.admits(in.spreadBps())) {
            r.add(GateReason.SPREAD_TOO_WIDE);
        }
        if (in.depth2pctUsd() == null) {
            r.add(GateReason.DEPTH_MISSING);
        } else if (!minDepth.admits(in.depth2pctUsd())) {
            r.add(GateReason.DEPTH_TOO_THIN);
        }
        Threshold tier = cfg.vadrTiers().thresholdFor(in.adv24hUsd());
        if (Double.isNaN(in.adv24hUsd())) {
            r.add(GateReason.ADV_MISSING);
        } else if (tier == null) {
            r.add(GateReason.ADV_INELIGIBLE);
        }
        if (!minVadrBars.admits(BigDecimal.valueOf(in.vadrBars()))) {
            r.add(GateReason.VADR_INSUFFICIENT_BARS); // VADR undefined (SPEC §5)
        } else if (Double.isNaN(in.vadr())) {
            r.add(GateReason.VADR_MISSING);
        } else if (tier != null && !tier.admits(in.vadr())) {
            r.add(GateReason.VADR_BELOW_TIER);
        }
        return new GateResult(Gate.MICROSTRUCTURE, r.isEmpty(), r);
    }

    GateResult score(GateInputs in) {
        List<String> r = new ArrayList<>(1);
        if (Double.isNaN(in.score())) {
            r.add(GateReason.SCORE_MISSING);
        } else if (!minScore.admits(in.score())) {
            r.add(GateReason.SCORE_BELOW_THRESHOLD);
        }
        return new GateResult(Gate.SCORE, r.isEmpty(), r);
    }
}
