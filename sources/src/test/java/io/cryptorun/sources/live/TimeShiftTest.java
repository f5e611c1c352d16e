package io.cryptorun.sources.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptorun.sources.live.loopback.TimeShift;
import org.junit.jupiter.api.Test;

class TimeShiftTest {
    private final TimeShift day = new TimeShift(86_400_000_000L);

    @Test
    void movesEachVenuesTimeFieldsAndNothingElse() {
        assertThat(day.apply("{\"channel\":\"book\",\"data\":[{\"price\":1.5,\"timestamp\":\"2025-01-06T00:00:01.250000Z\"}]}"))
                .isEqualTo("{\"channel\":\"book\",\"data\":[{\"price\":1.5,\"timestamp\":\"2025-01-07T00:00:01.250000Z\"}]}");
        assertThat(day.apply("{\"type\":\"l2update\",\"time\":\"2019-08-14T20:42:27.265Z\"}"))
                .isEqualTo("{\"type\":\"l2update\",\"time\":\"2019-08-15T20:42:27.265000Z\"}");
        assertThat(day.apply("{\"data\":{\"timestamp\":\"1643643489\",\"microtimestamp\":\"1643643489472516\"}}"))
                .isEqualTo("{\"data\":{\"timestamp\":\"1643729889\",\"microtimestamp\":\"1643729889472516\"}}");
        assertThat(day.apply("{\"type\":\"trade\",\"timestamp\":1560976400428,\"price\":\"9122.05\"}"))
                .isEqualTo("{\"type\":\"trade\",\"timestamp\":1561062800428,\"price\":\"9122.05\"}");
        assertThat(new TimeShift(0).apply("{\"time\":\"x\"}")).isEqualTo("{\"time\":\"x\"}");
    }
}
