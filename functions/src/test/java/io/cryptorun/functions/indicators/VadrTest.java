package io.cryptorun.functions.indicators;

import static io.cryptorun.functions.indicators.Close.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.cryptorun.sources.decimal.Decimal;
import io.cryptorun.sources.model.Bar;
import java.util.Random;
import org.junit.jupiter.api.Test;

class VadrTest {

    @Test
    void handComputedSmallWindows() {
        Vadr v = new Vadr(2, 4, 2); // short 2, long 4, min 2
        v.update(11, 9, 10, 100); // (11−9)/10·100 = 20
        assertThat(v.status()).isEqualTo(VadrStatus.INSUFFICIENT_BARS);
        assertThat(v.value()).isNaN();
        v.update(10.5, 9.5, 10, 300); // 0.1·300 = 30
        assertThat(v.value()).isEqualTo(1.0); // both windows are the same two bars
        v.update(12, 8, 10, 100); // 0.4·100 = 40
        v.update(10.2, 9.8, 10, 200); // 0.04·200 = 8
        // short: (40 + 8)/(100 + 200) = 0.16; long: (20 + 30 + 40 + 8)/700 = 0.14; VADR = 8/7
        assertThat(v.value()).isCloseTo(8.0 / 7.0, within(1e-12));
        v.update(13, 9, 11, 110); // 4/11·110 = 40; bar 0 leaves the long window, bar 2 the short one
        // short: (8 + 40)/(200 + 110) = 48/310; long: (30 + 40 + 8 + 40)/710 = 118/710; VADR = 1704/1829
        assertThat(v.value()).isCloseTo(1704.0 / 1829.0, within(1e-12));
        assertThat(v.shortWindowBars()).isEqualTo(2);
        assertThat(v.longWindowBars()).isEqualTo(4);
    }

    @Test
    void specWindowsNeedTwentyBars() {
        Vadr v = new Vadr();
        for (int i = 0; i < 19; i++) {
            v.update(100.5, 99.5, 100, 10);
        }
        assertThat(v.status()).isEqualTo(VadrStatus.INSUFFICIENT_BARS);
        assertThat(v.status().reasonCode()).isEqualTo("vadr_insufficient_bars");
        assertThat(v.value()).isNaN();
        v.update(100.5, 99.5, 100, 10);
        assertThat(v.status()).isEqualTo(VadrStatus.OK);
        assertThat(v.status().reasonCode()).isNull();
        assertThat(v.value()).isCloseTo(1.0, within(1e-12));
    }

    /**
     * The docs/INDICATORS.md worked example: 96 bars of 1 % range then 24 bars of 3 %, equal volume.
     * Long window (last 96) = 72 × 1 % + 24 × 3 % → vwr 1.44/96 = 0.015; short = 0.03; VADR = 2.0,
     * which clears the LARGE tier minimum 1.85.
     */
    @Test
    void specWindowsWorkedExample() {
        Vadr v = new Vadr();
        for (int i = 0; i < 96; i++) {
            v.update(100.5, 99.5, 100, 10);
        }
        assertThat(v.value()).isCloseTo(1.0, within(1e-12));
        for (int i = 0; i < 24; i++) {
            v.update(101.5, 98.5, 100, 10);
        }
        assertThat(v.value()).isCloseTo(2.0, within(1e-12));
        assertThat(v.value()).isGreaterThanOrEqualTo(VadrTiers.defaults().minimumFor(5_000_000) - 1e-12);
    }

    @Test
    void zeroVolumeOrZeroRangeIsUndefinedNotInfinite() {
        Vadr v = new Vadr();
        for (int i = 0; i < 96; i++) {
            v.update(100.5, 99.5, 100, 10);
        }
        for (int i = 0; i < 24; i++) {
            v.update(100.5, 99.5, 100, 0); // a day without trades
        }
        assertThat(v.status()).isEqualTo(VadrStatus.UNDEFINED_RATIO);
        assertThat(v.status().reasonCode()).isEqualTo("vadr_undefined_ratio");
        assertThat(v.value()).isNaN();

        Vadr frozen = new Vadr();
        for (int i = 0; i < 30; i++) {
            frozen.update(100, 100, 100, 10); // volume but never any range
        }
        assertThat(frozen.status()).isEqualTo(VadrStatus.UNDEFINED_RATIO);
    }

    @Test
    void takesOnlyHourBars() {
        Bar fourHour = new Bar("kraken", "BTC/USD", Bar.H4, 0, Decimal.parse("1"), Decimal.parse("1"),
                Decimal.parse("1"), Decimal.parse("1"), Decimal.parse("1"), 1, Decimal.parse("1"), Bar.ORIGIN_TRADES);
        assertThatThrownBy(() -> new Vadr().update(fourHour)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Vadr().update(1, 2, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Vadr().update(2, 1, 1, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void propertyEqualsBruteForceOnRandomSeries() {
        Random rnd = new Random(96L);
        for (int series = 0; series < 1_000; series++) {
            boolean spec = rnd.nextBoolean();
            int s = spec ? 24 : 1 + rnd.nextInt(30);
            int m = spec ? 96 : s + rnd.nextInt(60);
            int min = spec ? 20 : 1 + rnd.nextInt(s);
            RandomSeries x = RandomSeries.generate(rnd, 1 + rnd.nextInt(400));
            Vadr v = new Vadr(s, m, min);
            for (int t = 0; t < x.close.length; t++) {
                v.update(x.high[t], x.low[t], x.close[t], x.volume[t]);
                assertClose(v.value(), Reference.vadr(x.high, x.low, x.close, x.volume, t, s, m, min),
                        "VADR(" + s + "/" + m + "/" + min + ") series " + series + " t " + t);
            }
        }
    }
}
