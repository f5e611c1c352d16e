package io.cryptorun.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cryptorun.jobs.cli.ThresholdReplayFixture.Book;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 11, the regime's breadth rule at replay level (same {@link ThresholdReplayFixture}):
 * breadth is a rational fraction of the universe, so it is tested exactly on 0.60 and 0.40 and one
 * symbol either side. Ten USD pairs, 200 hours of 1h history (MA20 of 4h closes warm after 80 h,
 * BTC/USD's 7-day realized vol after 168): BTC/USD alternates 100/101 every hour, so its 4h closes
 * all equal their MA20 (not above: strict) and its rv ≈ 0.93 ≥ 0.45; SIS/USD is flat (not above);
 * seven of P1…P8 step from 100 to 101 on the last hour of a 4h bar (then above their MA20 for 19
 * bars) — three at the close 16 h before the end of history, then one more at each 4h close — so the
 * regime votes at 20:00−16 h … 00:00 see breadth 3/10, 4/10, 5/10, 6/10, 7/10.
 *
 * <p>Not here: realized vol and thrust are floating point (log/sqrt, an EMA of fractions); their
 * error bounds are in docs/GATES.md ("Quantities that are themselves floating point") and their
 * cut-offs are replay-tested in {@link RealizedVolReplayTest} (with the breadth rule's rv minimum)
 * and {@link ThrustReplayTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BreadthReplayTest {
    static final long T0 = ThresholdReplayFixture.T0;
    static final long H = ThresholdReplayFixture.H;
    static final int HOURS = 200;

    final ThresholdReplayFixture fx = new ThresholdReplayFixture(T0 + 2 * ThresholdReplayFixture.MIN, HOURS);
    final Map<Long, JsonNode> regime = new LinkedHashMap<>();

    @BeforeAll
    void replay(@TempDir Path tmp) throws Exception {
        fx.flat("SIS/USD", 50, 0.5, new Book("SIS/USD", 4, 8, "49.8950", "5000", "50.1451", "5000")); // the trades' symbol
        double[] btc = new double[HOURS];
        for (int k = 0; k < HOURS; k++) btc[k] = k % 2 == 0 ? 100 : 101;
        fx.closes("BTC/USD", btc, 0.5);
        fx.books.add(new Book("BTC/USD", 2, 8, "100.99", "5000", "101.01", "5000"));
        int[] stepAtClose = {4, 4, 4, 3, 2, 1, 0, -1}; // m: the 4h bar closing at T0 − 4h·m; −1: never
        for (int i = 0; i < stepAtClose.length; i++) {
            double[] c = new double[HOURS];
            int from = stepAtClose[i] < 0 ? HOURS : HOURS - 1 - 4 * stepAtClose[i]; // the hour ending at that close
            for (int k = 0; k < HOURS; k++) c[k] = k >= from ? 101 : 100;
            String symbol = "P" + (i + 1) + "/USD";
            fx.closes(symbol, c, 0.5);
            fx.books.add(new Book(symbol, 2, 8, "100.99", "5000", "101.01", "5000"));
        }
        fx.replay(tmp);
        for (JsonNode s : fx.regime) regime.put(s.path("ts").asLong(), s);
    }

    @ParameterizedTest(name = "close at T0 − {0} h: breadth {1} → vote {2}")
    @CsvSource({
            "16, 0.3, HIGH_VOL", "12, 0.4, HIGH_VOL", "8, 0.5, CHOPPY", // ≤ 0.40 (with rv ≥ 0.45): on, one symbol under, one over
            "4, 0.6, TRENDING_BULL", "0, 0.7, TRENDING_BULL"}) // ≥ 0.60: 0.5 (above), on, one symbol over
    void breadthVote(int hoursBefore, String breadth, String vote) {
        JsonNode s = regime.get(T0 - hoursBefore * H);
        assertThat(s).as("regime vote at the 4h close T0 − %d h; have %s", hoursBefore, regime.keySet()).isNotNull();
        assertThat(s.path("breadth").decimalValue()).isEqualByComparingTo(breadth);
        assertThat(s.path("realized_vol_7d").asDouble()).isGreaterThanOrEqualTo(0.45);
        assertThat(s.path("votes").path("breadth").asText()).as("%s", s).isEqualTo(vote);
    }
}
