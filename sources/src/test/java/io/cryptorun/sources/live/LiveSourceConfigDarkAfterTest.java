package io.cryptorun.sources.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The dark-symbol limit: default 5, {@code CRYPTORUN_LIVE_DARK_AFTER} overrides it, 1 is the least. */
class LiveSourceConfigDarkAfterTest {
    private static final Map<Venue, List<String>> SYMBOLS = Map.of(Venue.KRAKEN, List.of("BTC/USD"));

    @Test
    void defaultIsFiveAndTheEnvironmentOverridesIt() {
        assertThat(LiveSourceConfig.of(SYMBOLS, Map.of()).darkAfterAttempts()).isEqualTo(5);
        assertThat(LiveSourceConfig.of(SYMBOLS, Map.of(LiveSourceConfig.DARK_AFTER_ENV, " ")).darkAfterAttempts()).isEqualTo(5);
        assertThat(LiveSourceConfig.of(SYMBOLS, Map.of(LiveSourceConfig.DARK_AFTER_ENV, "1")).darkAfterAttempts()).isEqualTo(1);
        assertThat(LiveSourceConfig.of(SYMBOLS, Map.of(LiveSourceConfig.DARK_AFTER_ENV, "12")).darkAfterAttempts()).isEqualTo(12);
        assertThat(LiveSourceConfig.of(SYMBOLS, Map.of()).withDarkAfterAttempts(2).darkAfterAttempts()).isEqualTo(2);
    }

    @Test
    void belowOneOrNotANumberIsRefusedWithTheVariableNamed() {
        for (String bad : List.of("0", "-1", "five", "2.5")) {
            assertThatThrownBy(() -> LiveSourceConfig.of(SYMBOLS, Map.of(LiveSourceConfig.DARK_AFTER_ENV, bad)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CRYPTORUN_LIVE_DARK_AFTER")
                    .hasMessageContaining("'" + bad + "'");
        }
        assertThatThrownBy(() -> LiveSourceConfig.of(SYMBOLS, Map.of()).withDarkAfterAttempts(0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
