package io.cryptorun.functions.scan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SocialBookTest {
    static final long MIN = 60_000_000L;

    @Test
    void usesTheNewestReadingAtOrBeforeTheTickNeverALaterOne() {
        SocialBook b = SocialBook.EMPTY.with(new SocialSignal(10 * MIN, "SOL/USD", 4))
                .with(new SocialSignal(25 * MIN, "SOL/USD", 17.5)) // arrives before the 20-min tick is scanned
                .with(new SocialSignal(5 * MIN, "SOL/USD", 1));
        assertThat(b.valueAt(4 * MIN)).isNaN(); // before the first: absent
        assertThat(b.valueAt(5 * MIN)).isEqualTo(1); // exactly at its time
        assertThat(b.valueAt(20 * MIN)).isEqualTo(4);
        assertThat(b.valueAt(25 * MIN - 1)).isEqualTo(4);
        assertThat(b.valueAt(25 * MIN)).isEqualTo(17.5);
    }

    @Test
    void aReadingIsStaleOneHourAfterItsTime() {
        SocialBook b = SocialBook.EMPTY.with(new SocialSignal(0, "SOL/USD", 8));
        assertThat(b.valueAt(SocialBook.MAX_AGE_MICROS - 1)).isEqualTo(8);
        assertThat(b.valueAt(SocialBook.MAX_AGE_MICROS)).isNaN();
    }

    @Test
    void pruningKeepsWhatLaterTicksNeed() {
        SocialBook b = SocialBook.EMPTY.with(new SocialSignal(0, "X/USD", 1)).with(new SocialSignal(MIN, "X/USD", 2))
                .with(new SocialSignal(3 * MIN, "X/USD", 3));
        SocialBook p = b.prunedFor(2 * MIN);
        assertThat(p.readings()).hasSize(2);
        assertThat(p.valueAt(2 * MIN)).isEqualTo(2);
        assertThat(p.valueAt(3 * MIN)).isEqualTo(3);
        assertThat(SocialBook.EMPTY.prunedFor(MIN).readings()).isEmpty();
    }

    @Test
    void equalTimesResolveByValueWhateverTheArrivalOrder() {
        SocialBook a = SocialBook.EMPTY.with(new SocialSignal(MIN, "X/USD", 3)).with(new SocialSignal(MIN, "X/USD", 9));
        SocialBook b = SocialBook.EMPTY.with(new SocialSignal(MIN, "X/USD", 9)).with(new SocialSignal(MIN, "X/USD", 3));
        assertThat(a.valueAt(MIN)).isEqualTo(b.valueAt(MIN)).isEqualTo(9);
    }
}
