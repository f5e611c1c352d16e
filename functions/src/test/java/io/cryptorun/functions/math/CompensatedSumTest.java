package io.cryptorun.functions.math;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CompensatedSumTest {

    @Test
    void keepsTheBitsAPlainSumLoses() {
        // 1e16 + 1 is not representable: a plain double sum gives 0 after subtracting 1e16 back
        double plain = 1e16;
        plain += 1;
        plain -= 1e16;
        assertThat(plain).isEqualTo(0.0);

        CompensatedSum s = new CompensatedSum();
        s.add(1e16);
        s.add(1);
        s.subtract(1e16);
        assertThat(s.value()).isEqualTo(1.0);
        s.reset();
        assertThat(s.value()).isEqualTo(0.0);
    }

    @Test
    void slidingTenthsReturnToExactlyZero() {
        CompensatedSum s = new CompensatedSum();
        for (int i = 0; i < 1000; i++) {
            s.add(0.1);
        }
        for (int i = 0; i < 1000; i++) {
            s.subtract(0.1);
        }
        assertThat(s.value()).isEqualTo(0.0);
    }
}
