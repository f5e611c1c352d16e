package io.cryptorun.functions.math;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptorun.sources.decimal.Decimal;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ExactSumTest {

    @Test
    void keepsTheLargestScaleSeen() {
        ExactSum s = new ExactSum();
        s.add(10, 1); // 1.0
        s.add(2, 0); // 2
        s.add(5, 1); // 0.5
        assertThat(s.toDecimal()).isEqualTo(Decimal.of(35, 1));
        assertThat(s.isBig()).isFalse();
    }

    @Test
    void productsAtSummedScale() {
        ExactSum s = new ExactSum();
        s.addProduct(1000, 1, 10, 1); // 100.0 x 1.0 = 100.00
        s.addProduct(9975, 2, 5, 1); // 99.75 x 0.5 = 49.875
        assertThat(s.toBigDecimal()).isEqualTo(new BigDecimal("149.875"));
        assertThat(s.isBig()).isFalse();
    }

    @Test
    void spillsToBigDecimalOnOverflowAndStaysExact() {
        ExactSum s = new ExactSum();
        s.add(Long.MAX_VALUE, 0);
        s.add(1, 0);
        assertThat(s.isBig()).isTrue();
        assertThat(s.toBigDecimal()).isEqualTo(BigDecimal.valueOf(Long.MAX_VALUE).add(BigDecimal.ONE));
        assertThat(s.fitsDecimal()).isFalse();

        ExactSum p = new ExactSum();
        p.addProduct(2_500, 8, 100_000_000_000_000L, 10); // scale 18: 0.000025 x 10000 = 0.25
        p.addProduct(2_500, 9, 1, 10); // 0.0000025 x 0.0000000001, scale 19: beyond a long's scale
        assertThat(p.isBig()).isTrue();
        assertThat(p.toBigDecimal().compareTo(new BigDecimal("0.25000000000000025"))).isZero();
    }

    @Test
    void bigSumsThatFitAgainComeBackExact() {
        ExactSum s = new ExactSum();
        s.addProduct(3_000_000_000L, 10, 3_000_000_000L, 10); // 0.09, at scale 20
        assertThat(s.isBig()).isTrue();
        assertThat(s.fitsDecimal()).isTrue();
        assertThat(s.toDecimal()).isEqualTo(Decimal.of(9, 2));
    }

    @Test
    void unrepresentableSumsRoundHalfEvenToTheFinestScaleThatFits() {
        ExactSum s = new ExactSum();
        s.add(Long.MAX_VALUE, 2); // 92233720368547758.07
        s.add(Long.MAX_VALUE, 2); // sum 184467440737095516.14: 20 digits, one more than a long holds
        assertThat(s.fitsDecimal()).isFalse();
        Decimal d = s.toDecimal(); // 1844674407370955161.4 (half-even of ...16.14) fits
        assertThat(d).isEqualTo(Decimal.of(1844674407370955161L, 1));
    }

    @Test
    void addingSumsMixesModes() {
        ExactSum a = ExactSum.ofLong(15, 1);
        ExactSum b = ExactSum.ofBig(new BigDecimal("2.25"));
        a.add(b);
        assertThat(a.toDecimal()).isEqualTo(Decimal.of(375, 2));
    }
}
