package io.cryptorun.sources.decimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DecimalParserTest {

    @ParameterizedTest
    @CsvSource({
        "0.10000000, 10000000, 8",
        "45285.2, 452852, 1",
        "5.325e-05, 5325, 8",
        "5.325E-05, 5325, 8",
        "1E+3, 1000, 0",
        "1e3, 1000, 0",
        "1.5e1, 15, 0",
        "-12.5, -125, 1",
        "0, 0, 0",
        "0.0, 0, 1",
        "00012.30, 1230, 2",
        "0.00000001, 1, 8",
        "123456789012345678, 123456789012345678, 0",
    })
    void parsesExactly(String text, long unscaled, int scale) {
        Decimal d = Decimal.parse(text);
        assertThat(d.unscaled()).isEqualTo(unscaled);
        assertThat(d.scale()).isEqualTo(scale);
        assertThat(d.toBigDecimal()).isEqualByComparingTo(new BigDecimal(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-", "abc", "1.2.3", "NaN", "Infinity", "1e", "1e+", "--1", "1,5", "0x10", " 1", "1234567890123456789"})
    void rejects(String text) {
        assertThatThrownBy(() -> Decimal.parse(text)).isInstanceOf(NumberFormatException.class);
    }

    @Test
    void agreesWithBigDecimalOnRandomNumbers() {
        Random r = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            long mant = r.nextLong() % 1_000_000_000_000L;
            int scale = r.nextInt(12);
            BigDecimal expected = BigDecimal.valueOf(mant, scale);
            String text = r.nextBoolean() ? expected.toPlainString() : expected.toString(); // toString may use exponents
            Decimal d = Decimal.parse(text);
            assertThat(d.toBigDecimal()).as(text).isEqualByComparingTo(expected);
        }
    }

    @Test
    void rendersPlainTextKeepingScale() {
        assertThat(Decimal.parse("0.00100000").toPlainString()).isEqualTo("0.00100000");
        assertThat(Decimal.parse("-0.5").toPlainString()).isEqualTo("-0.5");
        assertThat(Decimal.parse("5.325e-05").toPlainString()).isEqualTo("0.00005325");
        assertThat(Decimal.parse("45285.2").toPlainString()).isEqualTo("45285.2");
    }

    @Test
    void rescalesOnlyWhenExact() {
        assertThat(ExactMath.rescale(452852, 1, 3)).isEqualTo(45285200);
        assertThat(ExactMath.rescale(45285200, 3, 1)).isEqualTo(452852);
        assertThatThrownBy(() -> ExactMath.rescale(45285201, 3, 1)).isInstanceOf(ArithmeticException.class);
        assertThat(Decimal.parse("1.50").compareTo(Decimal.parse("1.5"))).isZero();
        assertThat(Decimal.parse("1.51").compareTo(Decimal.parse("1.5"))).isPositive();
    }
}
