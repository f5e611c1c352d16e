package io.cryptorun.functions.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VadrTiersTest {

    @ParameterizedTest(name = "ADV {0} → {1}, minimum {2}")
    @CsvSource({
        "1e12,          LARGE,      1.85",
        "5000000,       LARGE,      1.85",
        "4999999.99,    MID,        1.80",
        "1000000,       MID,        1.80",
        "999999.99,     SMALL,      1.75",
        "100000,        SMALL,      1.75",
        "99999.99,      INELIGIBLE, NaN",
        "0,             INELIGIBLE, NaN",
        "NaN,           INELIGIBLE, NaN",
    })
    void tierBoundariesAreInclusiveFloors(double adv, AdvTier tier, double minimum) {
        VadrTiers tiers = VadrTiers.defaults();
        assertThat(tiers.tierOf(adv)).isEqualTo(tier);
        if (Double.isNaN(minimum)) {
            assertThat(tiers.minimumFor(adv)).isNaN();
        } else {
            assertThat(tiers.minimumFor(adv)).isEqualTo(minimum);
        }
    }
}
