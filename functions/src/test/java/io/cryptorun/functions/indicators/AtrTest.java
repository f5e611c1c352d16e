package io.cryptorun.functions.indicators;

import static io.cryptorun.functions.indicators.Close.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cryptorun.sources.decimal.Decimal;
import io.cryptorun.sources.model.Bar;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AtrTest {

    @Test
    void handComputedPeriodThreeWithGap() {
        Atr atr = new Atr(3);
        atr.update(10, 8, 9); // first bar: no previous close, no TR
        atr.update(12, 9, 11); // TR = max(12−9, |12−9|, |9−9|) = 3
        atr.update(13, 11, 12); // TR = max(2, |13−11|, |11−11|) = 2
        assertThat(atr.value()).isNaN();
        atr.update(14, 10, 13); // TR = max(4, |14−12|, |10−12|) = 4 → ATR = (3 + 2 + 4)/3 = 3
        assertThat(atr.value()).isCloseTo(3.0, within(1e-12));
        atr.update(10, 9, 9.5); // gap down from 13: TR = max(1, |10−13|, |9−13|) = 4 → ATR = (3·2 + 4)/3
        assertThat(atr.value()).isCloseTo(10.0 / 3.0, within(1e-12));
    }

    @Test
    void acceptsExactBars() {
        Atr atr = new Atr(1);
        atr.update(bar("100.0", "90.0", "95.0"));
        atr.update(bar("101.5", "99.5", "100.0")); // TR = max(2, |101.5−95|, |99.5−95|) = 6.5
        assertThat(atr.value()).isEqualTo(6.5);
    }

    static Bar bar(String high, String low, String close) {
        return new Bar("kraken", "BTC/USD", Bar.H1, 0, Decimal.parse(close), Decimal.parse(high), Decimal.parse(low),
                Decimal.parse(close), Decimal.parse("1"), 1, Decimal.parse(close), Bar.ORIGIN_TRADES);
    }

    @Test
    void propertyEqualsBruteForceOnRandomSeries() {
        Random rnd = new Random(1978L);
        for (int series = 0; series < 1_000; series++) {
            int period = 1 + rnd.nextInt(20);
            RandomSeries s = RandomSeries.generate(rnd, 1 + rnd.nextInt(250));
            Atr atr = new Atr(period);
            for (int t = 0; t < s.close.length; t++) {
                atr.update(s.high[t], s.low[t], s.close[t]);
                assertClose(atr.value(), Reference.atr(s.high, s.low, s.close, t, period),
                        "ATR(" + period + ") series " + series + " t " + t);
            }
        }
    }
}
