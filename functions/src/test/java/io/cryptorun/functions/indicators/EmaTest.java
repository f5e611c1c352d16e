package io.cryptorun.functions.indicators;

import static io.cryptorun.functions.indicators.Close.assertClose;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class EmaTest {

    @Test
    void handComputedSeededWithSma() {
        Ema ema = new Ema(3); // alpha = 2/(3+1) = 0.5
        ema.update(1);
        ema.update(2);
        assertThat(ema.value()).isNaN();
        ema.update(3);
        assertThat(ema.value()).isEqualTo(2.0); // seed = (1 + 2 + 3)/3
        ema.update(4);
        assertThat(ema.value()).isEqualTo(3.0); // 2 + 0.5·(4 − 2)
        ema.update(10);
        assertThat(ema.value()).isEqualTo(6.5); // 3 + 0.5·(10 − 3)
        assertThat(new Ema(10).alpha()).isEqualTo(2.0 / 11.0);
    }

    @Test
    void propertyEqualsBruteForceOnRandomSeries() {
        Random rnd = new Random(10L);
        for (int series = 0; series < 2_000; series++) {
            int period = 1 + rnd.nextInt(30);
            RandomSeries s = RandomSeries.generate(rnd, 1 + rnd.nextInt(250));
            Ema ema = new Ema(period);
            for (int t = 0; t < s.close.length; t++) {
                ema.update(s.close[t]);
                assertClose(ema.value(), Reference.ema(s.close, t, period), "EMA(" + period + ") series " + series + " t " + t);
            }
        }
    }
}
