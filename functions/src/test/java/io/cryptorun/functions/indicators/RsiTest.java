package io.cryptorun.functions.indicators;

import static io.cryptorun.functions.indicators.Close.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RsiTest {

    @Test
    void handComputedPeriodThree() {
        // closes 10, 11, 10.5, 11.5, 11, 12 → changes +1, −0.5, +1, −0.5, +1
        Rsi rsi = new Rsi(3);
        for (double c : new double[] {10, 11, 10.5}) {
            rsi.update(c);
        }
        assertThat(rsi.value()).isNaN(); // 2 changes < period 3
        rsi.update(11.5);
        // seed: avgGain = (1 + 0 + 1)/3 = 2/3, avgLoss = (0 + 0.5 + 0)/3 = 1/6
        // RSI = 100 − 100/(1 + 4) = 80
        assertThat(rsi.value()).isCloseTo(80.0, within(1e-12));
        rsi.update(11);
        // avgGain = (2/3·2 + 0)/3 = 4/9, avgLoss = (1/6·2 + 0.5)/3 = 5/18; RS = 8/5; RSI = 100 − 100/2.6 = 800/13
        assertThat(rsi.value()).isCloseTo(800.0 / 13.0, within(1e-12));
        rsi.update(12);
        // avgGain = (4/9·2 + 1)/3 = 17/27, avgLoss = (5/18·2 + 0)/3 = 5/27; RS = 17/5; RSI = 100·17/22
        assertThat(rsi.value()).isCloseTo(1700.0 / 22.0, within(1e-12));
    }

    /**
     * Wilder's RSI worked example as reproduced by StockCharts ChartSchool ("Relative Strength
     * Index (RSI)", calculation section and its cs-rsi.xls spreadsheet): 14-period RSI of these
     * closes, published as 70.53, 66.32, 66.55, 69.41, 66.36, 57.97 for the 15th … 20th close.
     *
     * <p>The sheet rounds the averages to two decimals (first average gain 0.24, loss 0.10), so
     * the published values sit ~0.07 above the exact ones. Exact, by hand: the first 14 changes
     * sum to gains 3.34 and losses 1.40, so avgGain = 3.34/14 = 0.238571…, avgLoss = 0.1,
     * RS = 2.385714…, RSI = 100 − 100/3.385714… = 70.464135…; the later exact values below were
     * computed with rational arithmetic (Python {@code fractions}).
     */
    @Test
    void wilderExampleAsPublishedByStockCharts() {
        double[] closes = {
            44.34, 44.09, 44.15, 43.61, 44.33, 44.83, 45.10, 45.42, 45.84, 46.08,
            45.89, 46.03, 45.61, 46.28, 46.28, 46.00, 46.03, 46.41, 46.22, 45.64
        };
        double[] published = {70.53, 66.32, 66.55, 69.41, 66.36, 57.97};
        double[] exact = {
            70.46413502109705, 66.24961855355508, 66.48094183471267,
            69.3468531629087, 66.29471265892626, 57.91502067008556
        };
        Rsi rsi = new Rsi(14);
        for (int i = 0; i < closes.length; i++) {
            rsi.update(closes[i]);
            if (i < 14) {
                assertThat(rsi.value()).as("warm-up at close %d", i + 1).isNaN();
            } else {
                assertThat(rsi.value()).as("exact RSI at close %d", i + 1).isCloseTo(exact[i - 14], within(1e-9));
                assertThat(rsi.value()).as("published RSI at close %d", i + 1).isCloseTo(published[i - 14], within(0.1));
            }
        }
        assertThat(rsi.averageLoss()).isCloseTo(0.13793609061700482, within(1e-12));
    }

    @Test
    void onlyUpIs100OnlyDownIs0FlatIs50() {
        Rsi up = new Rsi(3);
        Rsi down = new Rsi(3);
        Rsi flat = new Rsi(3);
        for (int i = 0; i < 10; i++) {
            up.update(10 + i);
            down.update(20 - i);
            flat.update(7);
        }
        assertThat(up.value()).isEqualTo(100.0);
        assertThat(down.value()).isEqualTo(0.0);
        assertThat(flat.value()).isEqualTo(50.0);
    }

    @Test
    void propertyEqualsBruteForceOnRandomSeries() {
        Random rnd = new Random(14L);
        for (int series = 0; series < 1_000; series++) {
            int period = 1 + rnd.nextInt(20);
            RandomSeries s = RandomSeries.generate(rnd, 1 + rnd.nextInt(250));
            Rsi rsi = new Rsi(period);
            for (int t = 0; t < s.close.length; t++) {
                rsi.update(s.close[t]);
                assertClose(rsi.value(), Reference.rsi(s.close, t, period), "RSI(" + period + ") series " + series + " t " + t);
            }
        }
    }
}
