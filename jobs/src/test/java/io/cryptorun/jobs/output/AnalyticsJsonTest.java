package io.cryptorun.jobs.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptorun.functions.alerts.ExitReason;
import io.cryptorun.functions.alerts.PaperExit;
import io.cryptorun.functions.regime.Regime;
import io.cryptorun.functions.regime.RegimeSnapshot;
import io.cryptorun.functions.regime.Votes;
import io.cryptorun.sources.json.JsonWriter;
import org.junit.jupiter.api.Test;

class AnalyticsJsonTest {
    static String num(double v) {
        return AnalyticsJson.num(new JsonWriter().beginObject(), "x", v).endObject().toString();
    }

    @Test
    void doublesAreTenSignificantDigitsAtMostTwelveDecimalsAndNullWhenUndefined() {
        assertThat(num(78.32052430123)).isEqualTo("{\"x\":78.3205243}");
        assertThat(num(2.3154e-05)).isEqualTo("{\"x\":0.000023154}");
        assertThat(num(1.23456789e-14)).isEqualTo("{\"x\":0}");
        assertThat(num(3_059_140.951234)).isEqualTo("{\"x\":3059140.951}");
        assertThat(num(-0.1)).isEqualTo("{\"x\":-0.1}");
        assertThat(num(5e9)).isEqualTo("{\"x\":5000000000}");
        assertThat(num(Double.NaN)).isEqualTo("{\"x\":null}");
    }

    @Test
    void regimeAndExitLinesHaveTheIssueFieldsWithTsFirst() {
        RegimeSnapshot s = new RegimeSnapshot(10, Regime.HIGH_VOL, 0.7, 0.2, Double.NaN,
                new Votes(Regime.HIGH_VOL, Regime.HIGH_VOL, Regime.CHOPPY), 2.0 / 3);
        assertThat(AnalyticsJson.regime(s)).isEqualTo("{\"ts\":10,\"regime\":\"HIGH_VOL\",\"realized_vol_7d\":0.7,\"breadth\":0.2,"
                + "\"thrust\":null,\"votes\":{\"realized_vol\":\"HIGH_VOL\",\"breadth\":\"HIGH_VOL\",\"thrust\":\"CHOPPY\"},"
                + "\"confidence\":0.6666666667}");
        PaperExit e = new PaperExit("SOL/USD", 5, 100, 20, 96.9, ExitReason.HARD_STOP, 0, 1, -3.1);
        assertThat(AnalyticsJson.exit(e)).isEqualTo("{\"ts\":20,\"symbol\":\"SOL/USD\",\"entry\":100,\"exit\":96.9,"
                + "\"reason\":\"hard_stop\",\"pnl_pct\":-3.1,\"entry_ts\":5,\"fraction\":1}");
    }
}
