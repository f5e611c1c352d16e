package io.cryptorun.functions.book;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The order book's emission clock, at each threshold exactly and one unit either side. */
class EmissionClockTest {
    static final long S = 1_000_000L;
    static final long T = 1_736_121_600L * S; // a whole second
    final EmissionClock clock = new EmissionClock(5, 60);

    @Test
    void secondOfIsTheBoundaryAtOrBefore() {
        assertThat(EmissionClock.secondOf(T)).isEqualTo(T);
        assertThat(EmissionClock.secondOf(T + 1)).isEqualTo(T);
        assertThat(EmissionClock.secondOf(T - 1)).isEqualTo(T - S);
        assertThat(EmissionClock.secondOf(-1)).isEqualTo(-S);
    }

    @Test
    void aFreshBookEmitsEveryBoundaryUpToTheCatchUpLimit() {
        long alive = T + 3 * S;
        assertThat(clock.plan(T, T + 5 * S, alive)).isEqualTo(new EmissionClock.Plan(T + S, T + 5 * S, 0, 0));
        // 6 boundaries, limit 5: the last 5, one skipped
        assertThat(clock.plan(T, T + 6 * S, alive)).isEqualTo(new EmissionClock.Plan(T + 2 * S, T + 6 * S, 0, 1));
        assertThat(clock.plan(T, T + S, alive)).isEqualTo(new EmissionClock.Plan(T + S, T + S, 0, 0));
    }

    @Test
    void boundariesWhereTheBookIsOlderThanSixtySecondsAreStale() {
        long alive = T; // book alive at T: T + 60 s is the youngest boundary it may be reported at
        assertThat(clock.plan(T + 56 * S, T + 60 * S, alive)).isEqualTo(new EmissionClock.Plan(T + 57 * S, T + 60 * S, 0, 0));
        assertThat(clock.plan(T + 56 * S, T + 61 * S, alive)).isEqualTo(new EmissionClock.Plan(T + 57 * S, T + 60 * S, 1, 0));
        assertThat(clock.plan(T + 56 * S, T + 61 * S, alive + 1))
                .as("alive 1 µs later: still T + 60 s, T + 61 s is 1 µs too far").isEqualTo(new EmissionClock.Plan(T + 57 * S, T + 60 * S, 1, 0));
        assertThat(clock.plan(T + 56 * S, T + 61 * S, alive + S)).isEqualTo(new EmissionClock.Plan(T + 57 * S, T + 61 * S, 0, 0));
        EmissionClock.Plan allStale = clock.plan(T + 60 * S, T + 63 * S, alive);
        assertThat(allStale.emits()).isFalse();
        assertThat(allStale.stale()).isEqualTo(3);
        EmissionClock.Plan never = clock.plan(T, T + 2 * S, Long.MIN_VALUE);
        assertThat(never.emits()).isFalse();
        assertThat(never.stale()).isEqualTo(2);
    }

    @Test
    void aQuietMarketsClockTicksOnUpToTheHorizon() {
        assertThat(clock.ticksOn(T + 59 * S, T)).isTrue(); // next: T + 60 s = last input + horizon
        assertThat(clock.ticksOn(T + 60 * S, T)).isFalse();
        assertThat(clock.ticksOn(T, null)).isFalse();
        assertThat(new EmissionClock(1, 1).ticksOn(T, T)).isTrue();
        assertThat(new EmissionClock(1, 1).ticksOn(T + S, T)).isFalse();
        assertThatThrownBy(() -> new EmissionClock(0, 60)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EmissionClock(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
