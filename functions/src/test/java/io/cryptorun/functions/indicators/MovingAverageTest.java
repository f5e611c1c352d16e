package io.cryptorun.functions.indicators;

import static io.cryptorun.functions.indicators.Close.assertClose;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MovingAverageTest {

    @Test
    void handComputed() {
        MovingAverage ma = new MovingAverage(3);
        ma.update(1);
        ma.update(2);
        assertThat(ma.value()).isNaN();
        ma.update(3);
        assertThat(ma.value()).isEqualTo(2.0); // (1 + 2 + 3)/3
        ma.update(10);
        assertThat(ma.value()).isEqualTo(5.0); // (2 + 3 + 10)/3: 1 left the window
    }

    @Test
    void propertyEqualsBruteForceOnRandomSeries() {
        Random rnd = new Random(20L);
        for (int series = 0; series < 2_000; series++) {
            int period = 1 + rnd.nextInt(40);
            RandomSeries s = RandomSeries.generate(rnd, 1 + rnd.nextInt(300));
            MovingAverage ma = new MovingAverage(period);
            for (int t = 0; t < s.close.length; t++) {
                ma.update(s.close[t]);
                assertClose(ma.value(), Reference.sma(s.close, t, period), "MA(" + period + ") series " + series + " t " + t);
            }
        }
    }

    /**
     * A million updates alternating between 1e8-scale and 1e−3-scale values: a plain running sum
     * drifts here (each add/subtract of 1e8 loses the small values' low bits); the compensated sum
     * must still match the exact window mean (BigDecimal) to 1e−12 relative at the end.
     */
    @Test
    void doesNotDriftOverAMillionUpdates() {
        Random rnd = new Random(7L);
        int period = 20;
        MovingAverage ma = new MovingAverage(period);
        double[] last = new double[period];
        for (int i = 0; i < 1_000_000; i++) {
            double x = (i % 2 == 0 ? 1e8 : 1e-3) * (1 + rnd.nextDouble());
            ma.update(x);
            last[i % period] = x;
        }
        BigDecimal exact = BigDecimal.ZERO;
        for (double x : last) {
            exact = exact.add(new BigDecimal(x));
        }
        double expected = exact.divide(BigDecimal.valueOf(period), MathContext.DECIMAL128).doubleValue();
        assertThat(Math.abs(ma.value() - expected) / expected).isLessThan(1e-12);
    }
}
