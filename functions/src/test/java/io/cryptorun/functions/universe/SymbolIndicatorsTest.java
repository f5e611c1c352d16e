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

    /** SPEC §5 returns on the time grid: hours without a bar carry the close forward, at a later bar or at a tick. */
    @Test
    void quietHoursCarryTheCloseForward() {
        long h = 3_600_000_000L;
        long t0 = 1_736_121_600_000_000L;
        SymbolIndicators grid = new SymbolIndicators();
        SymbolIndicators dense = new SymbolIndicators();
        for (int k = 1; k <= 30; k++) {
            grid.onHour(t0 + k * h, bar(100 + k, 1, 1000));
            dense.onHour(t0 + k * h, bar(100 + k, 1, 1000));
        }
        grid.onHour(t0 + 31 * h, bar(140, 1, 1000)); // r_1h = 140/130 − 1
        dense.onHour(t0 + 31 * h, bar(140, 1, 1000));
        assertThat(grid.r(1)).isCloseTo(140.0 / 130 - 1, org.assertj.core.data.Offset.offset(1e-15));
        // no trades from 31 h to 34 h: at 33:59 the last close (31 h … 33 h carried) is 140, the close an hour before too
        assertThat(grid.advanceTo(t0 + 33 * h + 59 * 60_000_000L)).isTrue();
        assertThat(grid.lastHourCloseMicros()).isEqualTo(t0 + 33 * h);
        assertThat(grid.r(1)).isEqualTo(0.0);
        assertThat(grid.r(4)).isCloseTo(140.0 / 129 - 1, org.assertj.core.data.Offset.offset(1e-15));
        // the same as feeding the flat hours by hand
        dense.onHour(t0 + 32 * h, ConsolidatedBar.carried(140, null));
        dense.onHour(t0 + 33 * h, ConsolidatedBar.carried(140, null));
        assertThat(grid.atr1h()).isEqualTo(dense.atr1h());
        assertThat(grid.rsi1h()).isEqualTo(dense.rsi1h());
        assertThat(grid.adv24hUsd()).isEqualTo(dense.adv24hUsd());
        // a bar after a gap carries the gap first: 35 h arrives, 34 h is carried
        grid.onHour(t0 + 35 * h, bar(147, 1, 1000));
        assertThat(grid.r(1)).isCloseTo(147.0 / 140 - 1, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(grid.r(24)).isCloseTo(147.0 / 111 - 1, org.assertj.core.data.Offset.offset(1e-15));
        // exact r_24h: 147 / 111 as decimals
        assertThat(grid.return24hExact().num()).isEqualByComparingTo("36");
        assertThat(grid.return24hExact().den()).isEqualByComparingTo("111");
    }

    @Test
    void exactReturnAndAccelerationAreRatiosOfDecimalCloses() {
        long h = 3_600_000_000L;
        SymbolIndicators s = new SymbolIndicators();
        for (int k = 0; k <= 24; k++) {
            s.onHour((k + 1) * h, bar(k == 24 ? 112 : 100, 1, 1000));
        }
        assertThat(s.return24hExact().compareTo(new java.math.BigDecimal("0.12"))).isZero(); // exactly 12 %
        s.onFourHours(4 * h, bar(100, 1, 1000));
        s.onFourHours(8 * h, bar(100, 1, 1000));
        s.onFourHours(12 * h, bar(102, 1, 1000));
        assertThat(s.acceleration4hExact().compareTo(new java.math.BigDecimal("0.02"))).isZero(); // exactly 2 pp
        // a missing 4h interval is carried: 16 h has no bar, 20 h closes at 102 ⇒ closes 102, 102, 102
        s.onFourHours(20 * h, bar(102, 1, 1000));
        assertThat(s.acceleration4hExact().compareTo(java.math.BigDecimal.ZERO)).isZero();
    }
}
