package io.cryptorun.functions.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PaperTrackerTest {
    static final long H = ThrottleConfig.HOUR;
    static final long T0 = 1_700_000_000_000_000L;
    static final PaperTracker TRACKER = new PaperTracker(PaperConfig.defaults());
    /** Entry 100, ATR 2: hard stop at 97, trailing distance 3.6, targets 108 / 115 / 125. */
    static final PaperPosition POS = PaperPosition.open("TST/USD", T0, 100, 2);

    static PriceUpdate quiet(long dt, double price) {
        return new PriceUpdate(T0 + dt, price, 2, 10, 0.0, 70);
    }

    @Test
    void nothingHappensInsideTheBands() {
        PaperStep s = TRACKER.onUpdate(POS, quiet(H, 103));
        assertThat(s.exit()).isNull();
        assertThat(s.position().highWater()).isEqualTo(103);
    }

    @Test
    void hardStopAtBelowAbove() {
        assertThat(TRACKER.onUpdate(POS, quiet(H, 97.0)).exit().reason()).isEqualTo(ExitReason.HARD_STOP);
        // one unit of an 8-decimal price above the stop: exact, no floating-point wobble
        assertThat(TRACKER.onUpdate(POS, quiet(H, 97.00000001)).exit()).isNull();
        PaperExit e = TRACKER.onUpdate(POS, quiet(H, 95)).exit();
        assertThat(e.pnlPct()).isCloseTo(-5.0, within(1e-12));
        assertThat(e.fraction()).isEqualTo(1.0);
        assertThat(e.exitPrice()).isEqualTo(95); // booked at the gapped price, not at 97
    }

    /** Every rule true at once: each rule removed in turn hands the exit to the next one in SPEC order. */
    @Test
    void precedenceWhenAllTriggerTogether() {
        // held 48 h, price 96 (≤ 97 hard stop, and ≤ high 110 − 3.6 trailing), no venue, accel −5 pp, momentum 20
        PaperPosition high = new PaperPosition("TST/USD", T0, 100, 2, 110, 1.0, 0);
        long t = T0 + 48 * H;
        assertThat(TRACKER.onUpdate(high, new PriceUpdate(t, 96, 0, 10, -0.05, 20)).exit().reason())
                .isEqualTo(ExitReason.HARD_STOP);
        assertThat(TRACKER.onUpdate(high, new PriceUpdate(t, 105, 0, 10, -0.05, 20)).exit().reason())
                .isEqualTo(ExitReason.VENUE_HEALTH);
        assertThat(TRACKER.onUpdate(high, new PriceUpdate(t, 105, 2, 10, -0.05, 20)).exit().reason())
                .isEqualTo(ExitReason.TIME_LIMIT);
        assertThat(TRACKER.onUpdate(high, new PriceUpdate(t - 1, 105, 2, 10, -0.05, 20)).exit().reason())
                .isEqualTo(ExitReason.ACCELERATION_REVERSAL);
        assertThat(TRACKER.onUpdate(high, new PriceUpdate(t - 1, 105, 2, 10, 0.0, 20)).exit().reason())
                .isEqualTo(ExitReason.MOMENTUM_FADE);
        assertThat(TRACKER.onUpdate(high, new PriceUpdate(t - 1, 105, 2, 10, 0.0, 60)).exit().reason())
                .isEqualTo(ExitReason.TRAILING_STOP);
        // a price above the first target that also sits on the trailing stop: the stop wins
        PaperPosition higher = new PaperPosition("TST/USD", T0, 100, 2, 113, 1.0, 0);
        assertThat(TRACKER.onUpdate(higher, new PriceUpdate(t - 1, 109, 2, 10, 0.0, 60)).exit().reason())
                .isEqualTo(ExitReason.TRAILING_STOP);
    }

    @Test
    void venueHealthDefinition() {
        assertThat(TRACKER.onUpdate(POS, new PriceUpdate(T0 + H, 100, 1, 99.99, 0, 70)).exit()).isNull();
        assertThat(TRACKER.onUpdate(POS, new PriceUpdate(T0 + H, 100, 1, 100, 0, 70)).exit().reason())
                .isEqualTo(ExitReason.VENUE_HEALTH);
        assertThat(TRACKER.onUpdate(POS, new PriceUpdate(T0 + H, 100, 0, 5, 0, 70)).exit().reason())
                .isEqualTo(ExitReason.VENUE_HEALTH);
        // unknown spread with a valid venue is not unhealthy
        assertThat(TRACKER.onUpdate(POS, new PriceUpdate(T0 + H, 100, 1, Double.NaN, 0, 70)).exit()).isNull();
    }

    @Test
    void timeLimitAccelerationAndMomentumBoundaries() {
        assertThat(TRACKER.onUpdate(POS, quiet(48 * H - 1, 101)).exit()).isNull();
        assertThat(TRACKER.onUpdate(POS, quiet(48 * H, 101)).exit().reason()).isEqualTo(ExitReason.TIME_LIMIT);
        assertThat(TRACKER.onUpdate(POS, new PriceUpdate(T0 + H, 101, 2, 10, -0.02, 70)).exit().reason())
                .isEqualTo(ExitReason.ACCELERATION_REVERSAL);
        assertThat(TRACKER.onUpdate(POS, new PriceUpdate(T0 + H, 101, 2, 10, Math.nextUp(-0.02), 70)).exit()).isNull();
        assertThat(TRACKER.onUpdate(POS, new PriceUpdate(T0 + H, 101, 2, 10, 0, Math.nextDown(50.0))).exit().reason())
                .isEqualTo(ExitReason.MOMENTUM_FADE);
        assertThat(TRACKER.onUpdate(POS, new PriceUpdate(T0 + H, 101, 2, 10, 0, 50)).exit()).isNull();
        // NaN inputs do not fire their rules
        assertThat(TRACKER.onUpdate(POS, new PriceUpdate(T0 + H, 101, 2, 10, Double.NaN, Double.NaN)).exit()).isNull();
    }

    @Test
    void trailingStopArmsAfterTwelveHours() {
        PaperPosition p = TRACKER.onUpdate(POS, quiet(H, 107)).position(); // high-water 107, stop 103.4
        assertThat(TRACKER.onUpdate(p, quiet(12 * H - 1, 103)).exit()).isNull(); // not armed yet
        assertThat(TRACKER.onUpdate(p, quiet(12 * H, 103.4)).exit().reason()).isEqualTo(ExitReason.TRAILING_STOP);
        assertThat(TRACKER.onUpdate(p, quiet(12 * H, 103.41)).exit()).isNull();
    }

    @Test
    void profitTargetsScaleOutInThirds() {
        PaperStep s1 = TRACKER.onUpdate(POS, quiet(H, 108));
        assertThat(s1.exit().reason()).isEqualTo(ExitReason.PROFIT_TARGET);
        assertThat(s1.exit().targetLevel()).isEqualTo(1);
        assertThat(s1.exit().fraction()).isCloseTo(1.0 / 3, within(1e-15));
        assertThat(s1.exit().pnlPct()).isCloseTo(8.0, within(1e-12));
        assertThat(TRACKER.onUpdate(s1.position(), quiet(2 * H, 109)).exit()).isNull(); // target 1 is not taken twice
        PaperStep s2 = TRACKER.onUpdate(s1.position(), quiet(3 * H, 115));
        assertThat(s2.exit().targetLevel()).isEqualTo(2);
        PaperStep s3 = TRACKER.onUpdate(s2.position(), quiet(4 * H, 125));
        assertThat(s3.exit().targetLevel()).isEqualTo(3);
        assertThat(s3.closed()).isTrue();
        assertThat(s1.exit().fraction() + s2.exit().fraction() + s3.exit().fraction()).isCloseTo(1.0, within(1e-15));
        assertThat(TRACKER.onUpdate(POS, quiet(H, 107.99999999)).exit()).isNull();
    }

    @Test
    void jumpAcrossTargetsIsOneExit() {
        PaperStep s = TRACKER.onUpdate(POS, quiet(H, 116));
        assertThat(s.exit().targetLevel()).isEqualTo(2);
        assertThat(s.exit().fraction()).isCloseTo(2.0 / 3, within(1e-15));
        assertThat(s.position().remainingFraction()).isCloseTo(1.0 / 3, within(1e-15));
        PaperStep all = TRACKER.onUpdate(POS, quiet(H, 130));
        assertThat(all.closed()).isTrue();
        assertThat(all.exit().fraction()).isEqualTo(1.0);
    }

    @Test
    void stopAfterPartialClosesTheRemainder() {
        PaperPosition p = TRACKER.onUpdate(POS, quiet(H, 108)).position();
        PaperExit e = TRACKER.onUpdate(p, quiet(13 * H, 104)).exit(); // 108 − 3.6 = 104.4 ⇒ trailing
        assertThat(e.reason()).isEqualTo(ExitReason.TRAILING_STOP);
        assertThat(e.fraction()).isCloseTo(2.0 / 3, within(1e-15));
        assertThat(e.pnlPct()).isCloseTo(4.0, within(1e-12));
    }

    @Test
    void updatesBeforeEntryIgnored() {
        assertThat(TRACKER.onUpdate(POS, new PriceUpdate(T0 - 1, 50, 0, 1000, -1, 0))).isEqualTo(new PaperStep(POS, null));
    }
}
