package io.cryptorun.functions.universe;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptorun.functions.AnalyticsSamples;
import io.cryptorun.functions.indicators.Returns;
import io.cryptorun.sources.model.Bar;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SymbolIndicatorsTest {
    static ConsolidatedBar bar(double c, double range, double volume) {
        return new ConsolidatedBar("kraken", c + range, c - range, c, volume, volume * c, 1);
    }

    static double[] values(SymbolIndicators s) {
        return new double[] {s.r(Returns.H1), s.r(Returns.H24), s.r(Returns.D7), s.rsi1h(), s.atr1h(), s.vadr(), s.realizedVol7d(),
            s.adv24hUsd(), s.avgDailyVolume7dUsd(), s.rsi4h(), s.adx4h(), s.ma20of4h(), s.close4h(), s.acceleration4h(),
            s.lastHourClose(), s.vadrBars()};
    }

    @Test
    void writtenAndReadBackMidStreamItContinuesBitForBit() throws Exception {
        SymbolIndicators straight = new SymbolIndicators();
        SymbolIndicators restored = new SymbolIndicators();
        SplittableRandom r = new SplittableRandom(7);
        double price = 100;
        for (int h = 1; h <= 400; h++) {
            price *= Math.exp(r.nextGaussian() * 0.01);
            ConsolidatedBar b = bar(price, price * 0.004 * (1 + r.nextDouble()), 1_000 * (1 + r.nextDouble()));
            long close = AnalyticsSamples.T0 + h * AnalyticsSamples.HOUR;
            for (SymbolIndicators s : List.of(straight, restored)) {
                s.onHour(close, b);
                if (h % 4 == 0) s.onFourHours(close, b);
            }
            if (h == 250) {
                ByteArrayOutputStream buf = new ByteArrayOutputStream();
                restored.write(new DataOutputStream(buf));
                restored = SymbolIndicators.read(new DataInputStream(new ByteArrayInputStream(buf.toByteArray())));
            }
        }
        assertThat(values(restored)).containsExactly(values(straight));
        assertThat(straight.vadrBars()).isEqualTo(24);
        assertThat(straight.adx4h()).isBetween(0.0, 100.0);
    }

    @Test
    void usdVolumeWindowsAndAcceleration() {
        SymbolIndicators s = new SymbolIndicators();
        for (int h = 1; h <= 168; h++) {
            s.onHour(h * AnalyticsSamples.HOUR, bar(10, 0.1, h <= 144 ? 100 : 200)); // last 24 h trade twice as much
        }
        assertThat(s.adv24hUsd()).isEqualTo(24 * 200 * 10.0);
        assertThat(s.avgDailyVolume7dUsd()).isEqualTo((144 * 100 + 24 * 200) * 10.0 / 7);
        s.onFourHours(4 * AnalyticsSamples.HOUR, bar(100, 1, 1));
        s.onFourHours(8 * AnalyticsSamples.HOUR, bar(110, 1, 1));
        assertThat(s.acceleration4h()).isNaN();
        s.onFourHours(12 * AnalyticsSamples.HOUR, bar(115.5, 1, 1));
        assertThat(s.acceleration4h()).isCloseTo(0.05 - 0.10, org.assertj.core.data.Offset.offset(1e-12)); // +5 % after +10 %
        assertThat(s.onFourHours(12 * AnalyticsSamples.HOUR, bar(1, 1, 1))).isFalse(); // a repeated close is ignored
    }

    @Test
    void consolidationTakesPricesFromThePrimaryVenueAndSumsVolume() {
        Bar k = AnalyticsSamples.bar("kraken", "ETH/USD", Bar.H1, 0, 10, 12, 9, 11, 2);
        Bar c = AnalyticsSamples.bar("coinbase", "ETH/USD", Bar.H1, 0, 10, 13, 8, 11.5, 3);
        ConsolidatedBar b = ConsolidatedBar.of(List.of(c, k), UniverseConfig.defaults());
        assertThat(b).isEqualTo(new ConsolidatedBar("kraken", 12, 9, 11, 5, 2 * 11 + 3 * 11.5, 2, b.exactClose()));
        assertThat(b.exactClose().toBigDecimal()).isEqualByComparingTo("11");
    }
}
