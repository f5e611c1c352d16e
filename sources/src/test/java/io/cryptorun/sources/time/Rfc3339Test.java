package io.cryptorun.sources.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Rfc3339Test {
    @Test
    void parsesVenueTimestamps() {
        assertThat(Rfc3339.parseMicros("2023-10-06T17:35:55.440295Z")).isEqualTo(1696613755440295L);
        assertThat(Rfc3339.parseMicros("2023-10-06T17:35:55Z")).isEqualTo(1696613755000000L);
        assertThat(Rfc3339.parseMicros("2023-10-06T19:35:55.4+02:00")).isEqualTo(1696613755400000L);
        assertThat(Rfc3339.parseMicros("2023-10-06T17:35:55.123456789Z")).isEqualTo(1696613755123456L);
        assertThat(Rfc3339.parseMicros("2023-02-30T00:00:00Z")).isEqualTo(Rfc3339.INVALID);
        assertThat(Rfc3339.parseMicros("yesterday")).isEqualTo(Rfc3339.INVALID);
        assertThat(Rfc3339.parseMicros("2023-10-06T17:35:55.Z")).isEqualTo(Rfc3339.INVALID);
    }

    @Test
    void roundTripsAgainstJavaTime() {
        Random r = new Random(1);
        for (int i = 0; i < 10_000; i++) {
            long micros = 946684800000000L + (long) (r.nextDouble() * 4e15);
            String text = Rfc3339.formatMicros(micros);
            assertThat(Rfc3339.parseMicros(text)).as(text).isEqualTo(micros);
            Instant t = Instant.parse(text);
            assertThat(ChronoUnit.MICROS.between(Instant.EPOCH, t)).isEqualTo(micros);
        }
    }
}
