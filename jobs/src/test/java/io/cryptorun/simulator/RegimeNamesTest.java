package io.cryptorun.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The simulator keeps its own {@link Regime} (the market model's drift, volatility, volume and
 * book multipliers per regime) instead of reusing the scanner's
 * {@link io.cryptorun.functions.regime.Regime}: the scanner's enum is a field of
 * {@code RegimeSnapshot}, held in the scan operator's keyed state, so its class name is written
 * into every savepoint (Flink's enum serializer snapshot) and it cannot move down to a module the
 * simulator sees without breaking restores. What ground truth needs is that every regime the
 * scanner can detect is one the simulator can drive, under the same name; this pins that.
 */
class RegimeNamesTest {

    @Test
    void everyScannerRegimeIsASimulatorRegimeOfTheSameName() {
        String[] simulated = Arrays.stream(Regime.values()).map(Enum::name).toArray(String[]::new);
        for (io.cryptorun.functions.regime.Regime detected : io.cryptorun.functions.regime.Regime.values()) {
            assertThat(simulated).as("simulator regimes").contains(detected.name());
        }
    }
}
