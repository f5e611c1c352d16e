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

    /** The resubscribe timeout: default 10 s, {@code CRYPTORUN_LIVE_RESUBSCRIBE_TIMEOUT_MS} overrides it, 1 ms the least. */
    @Test
    void resubscribeTimeoutDefaultsToTenSecondsAndTheEnvironmentOverridesIt() {
        String env = LiveSourceConfig.RESUBSCRIBE_TIMEOUT_ENV;
        assertThat(LiveSourceConfig.of(SYMBOLS, Map.of()).resubscribeTimeoutMillis()).isEqualTo(10_000);
        assertThat(LiveSourceConfig.of(SYMBOLS, Map.of(env, " ")).resubscribeTimeoutMillis()).isEqualTo(10_000);
        assertThat(LiveSourceConfig.of(SYMBOLS, Map.of(env, "2500")).resubscribeTimeoutMillis()).isEqualTo(2_500);
        assertThat(LiveSourceConfig.of(SYMBOLS, Map.of()).withResubscribeTimeoutMillis(300).resubscribeTimeoutMillis()).isEqualTo(300);
        for (String bad : List.of("0", "-1", "ten", "1.5")) {
            assertThatThrownBy(() -> LiveSourceConfig.of(SYMBOLS, Map.of(env, bad)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(env).hasMessageContaining(bad);
        }
    }

    /** The Bitstamp REST comparison: every 60 s by default, {@code CRYPTORUN_LIVE_BITSTAMP_REST_CHECK_MS} overrides it, 0 disables. */
    @Test
    void bitstampRestCheckDefaultsToSixtySecondsAndZeroDisablesIt() {
        String env = LiveSourceConfig.BITSTAMP_REST_CHECK_ENV;
        assertThat(LiveSourceConfig.of(SYMBOLS, Map.of()).bitstampRestCheckMillis()).isEqualTo(60_000);
        assertThat(LiveSourceConfig.of(SYMBOLS, Map.of(env, "0")).bitstampRestCheckMillis()).isZero();
        assertThat(LiveSourceConfig.of(SYMBOLS, Map.of(env, "15000")).bitstampRestCheckMillis()).isEqualTo(15_000);
        for (String bad : List.of("-1", "x")) {
            assertThatThrownBy(() -> LiveSourceConfig.of(SYMBOLS, Map.of(env, bad)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(env);
        }
    }
}
