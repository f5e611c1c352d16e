package io.cryptorun.functions.indicators;

import static io.cryptorun.functions.indicators.Close.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ReturnsTest {

    @Test
    void handComputedHorizons() {
        Returns r = new Returns();
        r.update(100);
        assertThat(r.r1h()).isNaN(); // one close: no horizon has a base yet
        r.update(110);
        assertThat(r.r1h()).isCloseTo(0.10, within(1e-15)); // 110/100 − 1
        r.update(99);
        assertThat(r.r1h()).isCloseTo(-0.10, within(1e-15)); // 99/110 − 1
        r.update(102);
        assertThat(r.r4h()).isNaN(); // 4 closes: r4h needs 5
        r.update(125);
        assertThat(r.r4h()).isCloseTo(0.25, within(1e-15)); // 125/100 − 1
        assertThat(r.isDefined(Returns.H4)).isTrue();
        assertThat(r.isDefined(Returns.H12)).isFalse();
        assertThat(r.r12h()).isNaN();
    }

    @Test
    void sevenDaysNeeds169Closes() {
        Returns r = new Returns();
        for (int i = 0; i < 168; i++) {
            r.update(100 + i); // closes 100 … 267
        }
        assertThat(r.r7d()).isNaN();
        assertThat(r.r24h()).isCloseTo(267.0 / 243.0 - 1, within(1e-15)); // 267 / (267 − 24) − 1
        r.update(268);
        assertThat(r.r7d()).isCloseTo(1.68, within(1e-15)); // 268/100 − 1: the first close is exactly 168 bars back
        r.update(269);
        assertThat(r.r7d()).isCloseTo(269.0 / 101.0 - 1, within(1e-15)); // 100 left the ring
    }

    @Test
    void rejectsBadInput() {
        Returns r = new Returns();
        assertThatThrownBy(() -> r.update(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> r.update(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> r.value(169)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void propertyEqualsBruteForceOnRandomSeries() {
        Random rnd = new Random(20240101L);
        int[] horizons = {Returns.H1, Returns.H4, Returns.H12, Returns.H24, Returns.D7};
        for (int series = 0; series < 2_000; series++) {
            RandomSeries s = RandomSeries.generate(rnd, 1 + rnd.nextInt(400));
            Returns r = new Returns();
            for (int t = 0; t < s.close.length; t++) {
                r.update(s.close[t]);
                for (int h : horizons) {
                    assertClose(r.value(h), Reference.simpleReturn(s.close, t, h), "r" + h + " series " + series + " t " + t);
                }
            }
        }
    }
}
