package io.cryptorun.functions.indicators;

import static io.cryptorun.functions.indicators.Close.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cryptorun.functions.regime.Regime;
import io.cryptorun.functions.regime.RegimeConfig;
import io.cryptorun.functions.regime.RegimeVote;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RealizedVolTest {

    @Test
    void handComputedThreeReturns() {
        // closes e^0, e^0.01, e^0.03, e^0.06 → log returns 0.01, 0.02, 0.03
        // mean 0.02; deviations −0.01, 0, 0.01; sample variance = 0.0002 / (3 − 1) = 0.0001 → sd 0.01
        // annualized: 0.01 × sqrt(8760) = 0.935948…
        RealizedVol rv = new RealizedVol(3, 8760);
        rv.update(1);
        rv.update(Math.exp(0.01));
        rv.update(Math.exp(0.03));
        assertThat(rv.value()).isNaN(); // two returns < window 3
        rv.update(Math.exp(0.06));
        assertThat(rv.value()).isCloseTo(0.01 * Math.sqrt(8760), within(1e-12));
        assertThat(RealizedVol.HOURLY_TO_ANNUAL).isCloseTo(93.59487165438073, within(1e-12));
    }

    /**
     * docs/REGIME.md worked example: 168 hourly log returns alternating +0.64 % / −0.64 %.
     * Mean 0; sample variance = 168 × 0.0064² / 167; rv = 0.0064 × sqrt(168/167) × sqrt(8760)
     * = 0.6008 — just over the 0.60 HIGH_VOL line (the population form would give 0.5990, under it).
     */
    @Test
    void specWindowWorkedExample() {
        RealizedVol rv = new RealizedVol();
        double close = 100;
        rv.update(close);
        for (int i = 0; i < 168; i++) {
            assertThat(rv.value()).isNaN();
            close *= Math.exp(i % 2 == 0 ? 0.0064 : -0.0064);
            rv.update(close);
        }
        assertThat(rv.isReady()).isTrue();
        assertThat(rv.value()).isCloseTo(0.600797936480346, within(1e-9));
        assertThat(RegimeVote.realizedVolVote(rv.value(), RegimeConfig.defaults())).isEqualTo(Regime.HIGH_VOL);
    }

    @Test
    void constantPriceHasZeroVol() {
        RealizedVol rv = new RealizedVol(5, 8760);
        for (int i = 0; i < 20; i++) {
            rv.update(42);
        }
        assertThat(rv.value()).isEqualTo(0.0);
    }

    @Test
    void propertyEqualsTwoPassBruteForceOnRandomSeries() {
        Random rnd = new Random(8760L);
        for (int series = 0; series < 1_000; series++) {
            int window = rnd.nextBoolean() ? 168 : 2 + rnd.nextInt(40);
            RandomSeries s = RandomSeries.generate(rnd, 1 + rnd.nextInt(400));
            RealizedVol rv = new RealizedVol(window, 8760);
            for (int t = 0; t < s.close.length; t++) {
                rv.update(s.close[t]);
                double expected = Reference.realizedVol(s.close, t, window, 8760);
                assertClose(rv.value(), expected, "rv(" + window + ") series " + series + " t " + t);
            }
        }
    }
}
