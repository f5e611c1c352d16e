package io.cryptorun.functions.math;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ProductSum128Test {

    @Test
    void smallSumsStayExact() {
        ProductSum128 s = new ProductSum128();
        s.add(1000, 3);
        s.add(990, 2);
        assertThat(s.toBigInteger()).isEqualTo(BigInteger.valueOf(4980));
        s.reset();
        assertThat(s.isZero()).isTrue();
    }

    @Test
    void carriesPastTheLongRange() {
        ProductSum128 s = new ProductSum128();
        long big = Long.MAX_VALUE;
        s.add(big, big);
        s.add(big, big);
        s.add(3, 5);
        BigInteger b = BigInteger.valueOf(big);
        assertThat(s.toBigInteger()).isEqualTo(b.multiply(b).shiftLeft(1).add(BigInteger.valueOf(15)));
    }

    @Test
    void randomAgainstBigInteger() {
        Random r = new Random(11);
        for (int run = 0; run < 200; run++) {
            ProductSum128 s = new ProductSum128();
            BigInteger ref = BigInteger.ZERO;
            for (int i = 0; i < 50; i++) {
                long a = r.nextLong() >>> (1 + r.nextInt(40));
                long b = r.nextLong() >>> (1 + r.nextInt(40));
                s.add(a, b);
                ref = ref.add(BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)));
            }
            assertThat(s.toBigInteger()).isEqualTo(ref);
        }
    }

    @Test
    void compareProductsIsExactBeyondLong() {
        assertThat(ProductSum128.compareProducts(9849, 100, 20100, 49)).isZero(); // 98.49 vs mid 100.50 x 0.98
        assertThat(ProductSum128.compareProducts(9848, 100, 20100, 49)).isNegative();
        long m = Long.MAX_VALUE;
        assertThat(ProductSum128.compareProducts(m, 100, m - 1, 100)).isPositive();
        assertThat(ProductSum128.compareProducts(m / 2, 100, m, 49)).isPositive(); // 50 > 49, both overflow a long
        assertThat(ProductSum128.compareProducts(m / 2, 100, m, 51)).isNegative();
    }
}
