package io.cryptorun.functions.alerts;

import io.cryptorun.functions.math.Threshold;
import java.math.BigDecimal;

import java.util.Objects;

/**
 * SPEC §9 paper exits, pure: {@code onUpdate(position, update) → (position', exit?)}, at most
 * one exit per update, first matching rule in precedence order:
 * <ol>
 *   <li>hard stop: price ≤ entry − 1.5 × ATR_entry;</li>
 *   <li>venue health: no venue has a valid book, or the best spread ≥ 100 bps;</li>
 *   <li>time limit: held ≥ 48 h;</li>
 *   <li>acceleration reversal: 4h acceleration ≤ −2 pp;</li>
 *   <li>momentum fade: MomentumCore sub-score &lt; 50 (fell below the cross-section median);</li>
 *   <li>trailing stop: held ≥ 12 h and price ≤ high-water − 1.8 × ATR_entry;</li>
 *   <li>profit targets +8/+15/+25 %: scale out ⅓ at each; a jump across several takes them all
 *       in one exit (fraction summed, level = highest); the last target closes the position.</li>
 * </ol>
 * Rules 1–6 close whatever remains. The exit is marked at the update's price (no fill at the
 * stop level: a gap through a stop is booked at the gapped price, the conservative choice).
 * Updates older than the entry are ignored.
 */
public final class PaperTracker {
    private final PaperConfig cfg;
    private final double[] targets;
    private final double[] fractions;

    public PaperTracker(PaperConfig cfg) {
        this.cfg = Objects.requireNonNull(cfg, "cfg");
        this.targets = cfg.targets();
        this.fractions = cfg.targetFractions();
    }

    public PaperStep onUpdate(PaperPosition p, PriceUpdate u) {
        Objects.requireNonNull(p, "position");
        if (u.eventMicros() < p.entryMicros() || Double.isNaN(u.price())) {
            return new PaperStep(p, null);
        }
        double price = u.price();
        PaperPosition pos = new PaperPosition(p.symbol(), p.entryMicros(), p.entryPrice(), p.entryAtr(),
                Math.max(p.highWater(), price), p.remainingFraction(), p.targetsHit());
        ExitReason full = fullExit(pos, u);
        if (full != null) {
            return new PaperStep(null, exit(pos, u, full, 0, pos.remainingFraction()));
        }
        int hit = pos.targetsHit();
        double closed = 0;
        while (hit < targets.length && Threshold.atLeast(targets[hit]).admitsTimes(
                Threshold.decimal(price).subtract(Threshold.decimal(pos.entryPrice())), Threshold.decimal(pos.entryPrice()))) {
            closed += fractions[hit];
            hit++;
        }
        if (hit == pos.targetsHit()) {
            return new PaperStep(pos, null);
        }
        boolean last = hit == targets.length;
        double fraction = last ? pos.remainingFraction() : closed; // the last target closes exactly what is left
        PaperExit e = exit(pos, u, ExitReason.PROFIT_TARGET, hit, fraction);
        PaperPosition next = last ? null
                : new PaperPosition(pos.symbol(), pos.entryMicros(), pos.entryPrice(), pos.entryAtr(), pos.highWater(),
                        pos.remainingFraction() - closed, hit);
        return new PaperStep(next, e);
    }

    /** The first of rules 1–6 that fires, or null. */
    ExitReason fullExit(PaperPosition p, PriceUpdate u) {
        double price = u.price();
        long held = u.eventMicros() - p.entryMicros();
        // prices are exchange decimals (≤ 15 digits) carried as doubles: Threshold.decimal recovers them exactly
        BigDecimal px = Threshold.decimal(price);
        if (Threshold.atLeast(cfg.hardStopAtr()).admitsTimes(Threshold.decimal(p.entryPrice()).subtract(px), p.entryAtr())) {
            return ExitReason.HARD_STOP;
        }
        if (u.validVenueCount() <= 0 || u.spreadBps() >= cfg.maxUnhealthySpreadBps()) {
            return ExitReason.VENUE_HEALTH;
        }
        if (Threshold.atLeast(cfg.maxHoldMicros()).admits(BigDecimal.valueOf(held))) {
            return ExitReason.TIME_LIMIT;
        }
        if (u.acceleration4h() <= cfg.accelerationReversal()) {
            return ExitReason.ACCELERATION_REVERSAL;
        }
        if (u.momentumScore() < cfg.momentumFadeScore()) {
            return ExitReason.MOMENTUM_FADE;
        }
        if (Threshold.atLeast(cfg.trailingAfterMicros()).admits(BigDecimal.valueOf(held))
                && Threshold.atLeast(cfg.trailingAtr()).admitsTimes(Threshold.decimal(p.highWater()).subtract(px), p.entryAtr())) {
            return ExitReason.TRAILING_STOP;
        }
        return null;
    }

    private static PaperExit exit(PaperPosition p, PriceUpdate u, ExitReason reason, int level, double fraction) {
        return new PaperExit(p.symbol(), p.entryMicros(), p.entryPrice(), u.eventMicros(), u.price(), reason, level,
                fraction, (u.price() / p.entryPrice() - 1) * 100);
    }
}
