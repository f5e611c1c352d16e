package io.cryptorun.functions.indicators;

import static io.cryptorun.functions.indicators.Close.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class AdxTest {

    @Test
    void handComputedPeriodTwo() {
        Adx adx = new Adx(2);
        adx.update(10, 8, 9);
        // b1: up = 12−10 = 2, down = 8−9 = −1 → +DM 2, −DM 0; TR = max(3, |12−9|, |9−9|) = 3
        adx.update(12, 9, 11);
        assertThat(adx.dx()).isNaN();
        // b2: up = 1, down = −1 → +DM 1, −DM 0; TR = max(3, |13−11|, |10−11|) = 3
        // seeds: TR 3, +DM 1.5, −DM 0 → +DI 50, −DI 0, DX 100
        adx.update(13, 10, 12);
        assertThat(adx.plusDi()).isCloseTo(50.0, within(1e-12));
        assertThat(adx.minusDi()).isEqualTo(0.0);
        assertThat(adx.dx()).isCloseTo(100.0, within(1e-12));
        assertThat(adx.value()).isNaN(); // one DX so far
        // b3: up = −0.5, down = 10−9 = 1 → +DM 0, −DM 1; TR = max(3.5, 0.5, |9−12|) = 3.5
        // TR = (3 + 3.5)/2 = 3.25, +DM = 0.75, −DM = 0.5 → +DI 23.08, −DI 15.38, DX = 100·0.25/1.25 = 20
        // ADX seed = mean(100, 20) = 60, at bar index 3 = 2·period − 1
        adx.update(12.5, 9, 9.5);
        assertThat(adx.plusDi()).isCloseTo(75.0 / 3.25, within(1e-12));
        assertThat(adx.minusDi()).isCloseTo(50.0 / 3.25, within(1e-12));
        assertThat(adx.dx()).isCloseTo(20.0, within(1e-12));
        assertThat(adx.value()).isCloseTo(60.0, within(1e-12));
        // b4: up = −1.5, down = 1 → −DM 1; TR = max(3, |11−9.5|, |8−9.5|) = 3
        // TR 3.125, +DM 0.375, −DM 0.75 → DX = 100·0.375/1.125 = 33.33…; ADX = (60 + 33.33…)/2 = 46.66…
        adx.update(11, 8, 8.5);
        assertThat(adx.dx()).isCloseTo(100.0 / 3.0, within(1e-12));
        assertThat(adx.value()).isCloseTo(140.0 / 3.0, within(1e-12));
    }

    @Test
    void period14WarmsUpAfter27BarsOfLookback() {
        Adx adx = new Adx();
        for (int i = 0; i < 27; i++) {
            adx.update(100 + i + 1, 100 + i - 1, 100 + i);
            assertThat(adx.isReady()).as("bar %d", i + 1).isFalse();
        }
        adx.update(128, 126, 127);
        assertThat(adx.isReady()).isTrue();
        // a steady uptrend: +DM every bar, no −DM → +DI > 0, −DI = 0, DX = ADX = 100
        assertThat(adx.value()).isCloseTo(100.0, within(1e-9));
    }

    @Test
    void frozenMarketHasZeroTrendNotNaN() {
        Adx adx = new Adx(3);
        for (int i = 0; i < 10; i++) {
            adx.update(5, 5, 5);
        }
        assertThat(adx.value()).isEqualTo(0.0);
        assertThat(adx.plusDi()).isEqualTo(0.0);
    }

    @Test
    void propertyEqualsBruteForceOnRandomSeries() {
        Random rnd = new Random(27L);
        for (int series = 0; series < 1_000; series++) {
            int period = 1 + rnd.nextInt(20);
            RandomSeries s = RandomSeries.generate(rnd, 1 + rnd.nextInt(250));
            Adx adx = new Adx(period);
            for (int t = 0; t < s.close.length; t++) {
                adx.update(s.high[t], s.low[t], s.close[t]);
                double[] ref = Reference.adx(s.high, s.low, s.close, t, period);
                String at = "(" + period + ") series " + series + " t " + t;
                assertClose(adx.plusDi(), ref[0], "+DI" + at);
                assertClose(adx.minusDi(), ref[1], "−DI" + at);
                assertClose(adx.dx(), ref[2], "DX" + at);
                assertClose(adx.value(), ref[3], "ADX" + at);
            }
        }
    }
}
