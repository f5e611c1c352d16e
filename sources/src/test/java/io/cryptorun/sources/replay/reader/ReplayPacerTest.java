package io.cryptorun.sources.replay.reader;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReplayPacerTest {
    static final long SEC_US = 1_000_000L;
    static final long SEC_NS = 1_000_000_000L;

    @Test
    void lineIsDueAfterItsOffsetDividedBySpeed() {
        var p = new ReplayPacer(10, ReplayPacer.NO_ORIGIN, SEC_NS);
        long now = 5_000;
        assertThat(p.nanosUntilDue(100 * SEC_US, now)).isZero(); // first line anchors
        // 20 s later at 10x = 2 s of wall time
        assertThat(p.nanosUntilDue(120 * SEC_US, now)).isEqualTo(2 * SEC_NS);
        assertThat(p.nanosUntilDue(120 * SEC_US, now + 2 * SEC_NS - 1)).isEqualTo(1);
        assertThat(p.nanosUntilDue(120 * SEC_US, now + 2 * SEC_NS)).isZero();
    }

    @Test
    void anchoringOnOneOriginDoesNotAccumulateDrift() {
        var p = new ReplayPacer(1, ReplayPacer.NO_ORIGIN, SEC_NS);
        assertThat(p.nanosUntilDue(0, 0)).isZero();
        // emitted slightly late each time: the schedule stays at t = k ms
        assertThat(p.nanosUntilDue(1000, 1_000_300)).isZero();
        assertThat(p.nanosUntilDue(2000, 1_000_400)).isEqualTo(999_600);
    }

    @Test
    void sharedOriginDelaysAReaderWhoseFirstLineIsLater() {
        var p = new ReplayPacer(2, 10 * SEC_US, SEC_NS);
        assertThat(p.nanosUntilDue(14 * SEC_US, 0)).isEqualTo(2 * SEC_NS);
    }

    @Test
    void restoredReaderIgnoresTheOrigin() {
        var p = new ReplayPacer(2, 10 * SEC_US, SEC_NS);
        p.forgetOrigin();
        assertThat(p.nanosUntilDue(500 * SEC_US, 0)).isZero();
    }

    @Test
    void aLongStallReanchorsInsteadOfBursting() {
        var p = new ReplayPacer(1, ReplayPacer.NO_ORIGIN, SEC_NS);
        p.nanosUntilDue(0, 0);
        // 5 s stall: the line due at 1 s goes out now, and the next keeps its recorded 1 s spacing
        assertThat(p.nanosUntilDue(1 * SEC_US, 6 * SEC_NS)).isZero();
        assertThat(p.nanosUntilDue(2 * SEC_US, 6 * SEC_NS)).isEqualTo(SEC_NS);
    }

    @Test
    void linesGoingBackInTimeAreDueAtOnce() {
        var p = new ReplayPacer(1, ReplayPacer.NO_ORIGIN, SEC_NS);
        p.nanosUntilDue(100 * SEC_US, 0);
        assertThat(p.nanosUntilDue(50 * SEC_US, 0)).isZero();
        assertThat(p.nanosUntilDue(101 * SEC_US, 0)).isEqualTo(SEC_NS);
    }
}
