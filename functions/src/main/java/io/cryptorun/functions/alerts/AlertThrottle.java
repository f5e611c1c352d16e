package io.cryptorun.functions.alerts;

import io.cryptorun.functions.math.Threshold;
import java.math.BigDecimal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * SPEC §9 throttle for one user/channel, as a pure state machine:
 * {@code decide(state, candidate, controls) → (send?, reasons, next state)}. Event time only.
 *
 * <p>Checks (all evaluated, reasons in this order): {@code denied}, {@code not_allowed},
 * {@code muted_channel}, {@code muted} (a symbol mute), {@code cooldown}, {@code rate_hour},
 * {@code rate_day}. Rules:
 * <ul>
 *   <li>Rolling windows are half-open (t − w, t]: an alert sent exactly one hour ago no longer
 *       counts. A candidate is sent only if fewer than the limit were sent in the window, so
 *       sending it makes at most the limit.</li>
 *   <li>The hourly limit is {@code maxPerHourHighVol} when the candidate's regime is HIGH_VOL;
 *       the daily limit applies in every regime.</li>
 *   <li>Cooldown: a symbol alerted at t₀ with score s₀ is suppressed while t − t₀ &lt; 4 h,
 *       unless score ≥ s₀ + 5 (then it is sent and becomes the new t₀, s₀).</li>
 *   <li>Suppressed candidates change nothing but {@code latestMicros}: they use no budget and
 *       do not restart a cooldown.</li>
 *   <li>Candidates must come in non-decreasing event time (the operator fires them from
 *       event-time timers); an older one is suppressed as {@code out_of_order}, which is what
 *       keeps the limits provable under any input.</li>
 * </ul>
 */
public final class AlertThrottle {
    private final ThrottleConfig cfg;

    public AlertThrottle(ThrottleConfig cfg) {
        this.cfg = Objects.requireNonNull(cfg, "cfg");
    }

    public ThrottleDecision decide(ThrottleState state, AlertCandidate c, Controls controls) {
        long t = c.eventMicros();
        if (t < state.latestMicros()) {
            return new ThrottleDecision(false, List.of(SuppressReason.OUT_OF_ORDER), state);
        }
        List<String> reasons = new ArrayList<>(2);
        if (controls.denied(c.symbol(), t)) {
            reasons.add(SuppressReason.DENIED);
        } else if (controls.notAllowed(c.symbol(), t)) {
            reasons.add(SuppressReason.NOT_ALLOWED);
        }
        if (controls.mutedChannel(c.channel(), t)) {
            reasons.add(SuppressReason.MUTED_CHANNEL);
        }
        if (controls.mutedSymbol(c.symbol(), t)) {
            reasons.add(SuppressReason.MUTED_SYMBOL);
        }
        SymbolMark mark = state.mark(c.symbol());
        if (mark != null && t - mark.lastAlertMicros() < cfg.cooldownMicros()
                && !risesEnough(c.score(), mark.lastScore())) {
            reasons.add(SuppressReason.COOLDOWN);
        }
        if (state.sentWithin(t, cfg.hourMicros()) >= hourlyLimit(c.regime())) {
            reasons.add(SuppressReason.RATE_HOUR);
        }
        if (state.sentWithin(t, cfg.dayMicros()) >= cfg.maxPerDay()) {
            reasons.add(SuppressReason.RATE_DAY);
        }
        if (!reasons.isEmpty()) {
            return new ThrottleDecision(false, reasons, pruned(state, t, state.sentMicros(), state.marks()));
        }
        long[] sent = Arrays.copyOf(state.sentMicros(), state.sentMicros().length + 1);
        sent[sent.length - 1] = t;
        List<SymbolMark> marks = new ArrayList<>(List.of(state.marks()));
        marks.removeIf(m -> m.symbol().equals(c.symbol()));
        marks.add(new SymbolMark(c.symbol(), t, c.score()));
        return new ThrottleDecision(true, List.of(), pruned(state, t, sent, marks.toArray(SymbolMark[]::new)));
    }

    int hourlyLimit(String regime) {
        return cfg.highVolRegime().equals(regime) ? cfg.maxPerHourHighVol() : cfg.maxPerHour();
    }

    /** Drops what can no longer matter at or after t: sends older than a day, marks past their cooldown. */
    private ThrottleState pruned(ThrottleState old, long t, long[] sent, SymbolMark[] marks) {
        long[] keep = Arrays.stream(sent).filter(s -> s > t - cfg.dayMicros()).toArray();
        SymbolMark[] live = Arrays.stream(marks).filter(m -> t - m.lastAlertMicros() < cfg.cooldownMicros())
                .sorted(Comparator.comparing(SymbolMark::symbol)).toArray(SymbolMark[]::new);
        return new ThrottleState(keep, live, Math.max(old.latestMicros(), t));
    }

    /** Score rise ≥ the configured step, decided on the exact difference of the two scores (no rounding in the sum). */
    boolean risesEnough(double score, double lastScore) {
        return Double.isFinite(score) && Double.isFinite(lastScore)
                && Threshold.atLeast(cfg.cooldownScoreRise()).admits(new BigDecimal(score).subtract(new BigDecimal(lastScore)));
    }
}
