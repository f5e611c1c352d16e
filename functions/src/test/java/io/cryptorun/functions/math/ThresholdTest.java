package io.cryptorun.functions.math;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ThresholdTest {
    static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    @Test
    void everyDirectionOnAndEitherSide() {
        BigDecimal t = d("0.12");
        BigDecimal below = d("0.11999999");
        BigDecimal above = d("0.12000001");
        assertThat(new boolean[] {Threshold.below(0.12).admits(below), Threshold.below(0.12).admits(t), Threshold.below(0.12).admits(above)})
                .containsExactly(true, false, false);
        assertThat(new boolean[] {Threshold.atMost(0.12).admits(below), Threshold.atMost(0.12).admits(t), Threshold.atMost(0.12).admits(above)})
                .containsExactly(true, true, false);
        assertThat(new boolean[] {Threshold.above(0.12).admits(below), Threshold.above(0.12).admits(t), Threshold.above(0.12).admits(above)})
                .containsExactly(false, false, true);
        assertThat(new boolean[] {Threshold.atLeast(0.12).admits(below), Threshold.atLeast(0.12).admits(t), Threshold.atLeast(0.12).admits(above)})
                .containsExactly(false, true, true);
        assertThat(Threshold.atLeast(0.12).admits((BigDecimal) null)).isFalse();
        assertThat(Threshold.atLeast(0.12).admits(Double.NaN)).isFalse();
    }

    /** The configured double 0.12 is the decimal 0.12, not 0.11999999999999999555910790149937…. */
    @Test
    void configuredDoublesAreTheirDecimals() {
        assertThat(Threshold.decimal(0.12)).isEqualByComparingTo("0.12");
        assertThat(Threshold.decimal(1.2)).isEqualByComparingTo("1.2");
        assertThat(Threshold.decimal(0.615)).isEqualByComparingTo("0.615");
        assertThat(Threshold.decimal(100_000)).isEqualByComparingTo("100000");
        assertThat(Threshold.decimal(101.2)).isEqualByComparingTo("101.2");
        assertThat(Threshold.decimal(0.0000203417)).isEqualByComparingTo("0.0000203417");
        assertThat(Threshold.decimal(123456789012345.0)).isEqualByComparingTo("123456789012345");
    }

    /** r_24h = 112/100 − 1 is exactly 0.12 as a ratio; in double it is 0.12000000000000011. */
    @Test
    void ratiosAreCrossMultiplied() {
        Ratio r = Ratio.change(d("112"), d("100"));
        assertThat(112.0 / 100.0 - 1).isGreaterThan(0.12);
        assertThat(Threshold.above(0.12).admits(r)).isFalse();
        assertThat(Threshold.atMost(0.12).admits(r)).isTrue();
        // spread 49.8950 / 50.1451: (ask − bid)·20 000 / (ask + bid) = 49.99995… bps
        BigDecimal bid = d("49.8950");
        BigDecimal ask = d("50.1451");
        Ratio spread = new Ratio(ask.subtract(bid).multiply(BigDecimal.valueOf(20_000)), ask.add(bid));
        assertThat(Threshold.below(50).admits(spread)).isTrue();
        assertThat(spread.toDouble()).isCloseTo(49.99995, org.assertj.core.data.Offset.offset(1e-5));
    }

    /** |101.2 − 100| ≤ 1.2 × 1: in double the drift is 1.2000000000000028. */
    @Test
    void productsAreExact() {
        assertThat(Math.abs(101.2 - 100)).isGreaterThan(1.2);
        assertThat(Threshold.atMost(1.2).admitsTimes(d("101.2").subtract(d("100")), 1.0)).isTrue();
        assertThat(Threshold.atMost(1.2).admitsTimes(d("101.2001").subtract(d("100")), 1.0)).isFalse();
        assertThat(Threshold.atMost(1.2).admitsTimes(d("1"), Double.NaN)).isFalse();
    }

    @Test
    void floatingPointQuantitiesUseTheNearestDouble() {
        assertThat(Threshold.atLeast(0.6).admits(0.6)).isTrue();
        assertThat(Threshold.atLeast(0.6).admits(Math.nextDown(0.6))).isFalse();
        assertThat(Threshold.atLeast(0.6).admits(3.0 / 5)).isTrue(); // breadth 3 of 5
        assertThat(Threshold.atMost(0.4).admits(2.0 / 5)).isTrue();
    }
}
