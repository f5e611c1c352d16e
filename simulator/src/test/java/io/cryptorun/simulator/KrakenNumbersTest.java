package io.cryptorun.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptorun.sources.decimal.Decimal;
import io.cryptorun.sources.time.Rfc3339;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KrakenNumbersTest {
    @ParameterizedTest
    @CsvSource({
        "452835, 1, 45283.5",
        "10000000, 8, 0.10000000",
        "0, 8, 0.00000000",
        "10000, 8, 0.00010000",
        "9999, 8, 9.999e-05",
        "5325, 8, 5.325e-05",
        "5000, 8, 5e-05",
        "23154, 9, 2.3154e-05",
        "23150, 9, 2.315e-05",
        "203417, 10, 2.03417e-05",
        "1, 10, 1e-10",
        "20412, 8, 0.00020412",
        "3402, 8, 3.402e-05",
    })
    void rendersLikeKraken(long unscaled, int scale, String expected) {
        String text = KrakenNumbers.wire(unscaled, scale);
        assertThat(text).isEqualTo(expected);
        assertThat(Decimal.parse(text).numericallyEquals(Decimal.of(unscaled, scale))).isTrue();
    }

    @Test
    void timestampsMatchTheSharedFormatterAndParser() {
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < 10_000; i++) {
            long micros = r.nextLong(0, 4_102_444_800_000_000L); // 1970 .. 2100
            String text = Times.micros(micros);
            assertThat(text).isEqualTo(Rfc3339.formatMicros(micros));
            assertThat(Rfc3339.parseMicros(text)).isEqualTo(micros);
        }
        assertThat(Times.seconds(SimConfig.parseStart("2025-01-06T00:00:00Z"))).isEqualTo("2025-01-06T00:00:00Z");
        assertThat(Times.seconds(SimConfig.parseStart("2024-02-29T23:00:00Z"))).isEqualTo("2024-02-29T23:00:00Z");
    }
}
