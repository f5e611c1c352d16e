package io.cryptorun.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cryptorun.jobs.cli.ThresholdReplayFixture.Book;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 11, the regime's thrust cut-offs (≥ 0.615 → TRENDING_BULL, ≤ 0.385 → HIGH_VOL) at replay
 * level (same {@link ThresholdReplayFixture}). Thrust is an EMA10 of the advancing fraction at each
 * 4h close — floating point in general — so the input is built to make it exact: two symbols, SIS/USD
 * flat and UPP/USD rising 0.25 every 4h, so the fraction is exactly 1/2 at every close once both are
 * in the universe (ADV needs 24 h); the seed (the mean of ten halves) and every EMA step then give
 * exactly 0.5. The cut-offs are set by config on 0.5 and one unit of the config's precision (15
 * significant digits: 1e−15) either side, in three replays of 72 hours of history:
 *
 * <pre>
 * run  thrust_bull        thrust_high_vol     → thrust vote at the last 4h close (T0)
 * X    0.5                0.499999999999999   TRENDING_BULL (on)
 * Y    0.500000000000001  0.5                 HIGH_VOL (on; one unit under the bull cut-off)
 * Z    0.500000000000001  0.499999999999999   CHOPPY (one unit inside both)
 * </pre>
 * Flipping {@code ≥}/{@code ≤} to {@code >}/{@code <} in {@code RegimeVote.thrustVote} fails X and Y:
 * checked once by hand. Realized vol's cut-offs are in {@link RealizedVolReplayTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ThrustReplayTest {
    static final long T0 = ThresholdReplayFixture.T0;
    final Map<String, JsonNode> atT0 = new LinkedHashMap<>();

    @BeforeAll
    void replay(@TempDir Path tmp) throws Exception {
        run(tmp, "X", "0.5", "0.499999999999999");
        run(tmp, "Y", "0.500000000000001", "0.5");
        run(tmp, "Z", "0.500000000000001", "0.499999999999999");
    }

    private void run(Path tmp, String name, String bull, String highVol) throws Exception {
        ThresholdReplayFixture fx = new ThresholdReplayFixture(T0 + 2 * ThresholdReplayFixture.MIN);
        fx.flat("SIS/USD", 50, 0.5, new Book("SIS/USD", 4, 8, "49.8950", "5000", "50.1451", "5000")); // the trades' symbol
        double[] c = new double[ThresholdReplayFixture.HISTORY_HOURS];
        for (int h = 0; h < c.length; h++) c[h] = 100 + 0.25 * (h / 4);
        fx.closes("UPP/USD", c, 0.5);
        fx.books.add(new Book("UPP/USD", 2, 8, "104.49", "5000", "104.51", "5000"));
        fx.thresholdsYaml = "thresholds:\n  regime:\n    thrust_bull: " + bull + "\n    thrust_high_vol: " + highVol + "\n";
        Path dir = tmp.resolve(name);
        Files.createDirectories(dir);
        fx.replay(dir);
        for (JsonNode s : fx.regime) {
            if (s.path("ts").asLong() == T0) atT0.put(name, s);
        }
    }

    @ParameterizedTest(name = "run {0}: thrust 0.5 → vote {1}")
    @CsvSource({"X, TRENDING_BULL", "Y, HIGH_VOL", "Z, CHOPPY"})
    void thrustExactlyOnAndOneUnitEitherSide(String run, String vote) {
        JsonNode s = atT0.get(run);
        assertThat(s).as("run %s: a regime vote at the 4h close T0", run).isNotNull();
        assertThat(s.path("thrust").asDouble()).as("%s", s).isEqualTo(0.5);
        assertThat(s.path("votes").path("thrust").asText()).as("%s", s).isEqualTo(vote);
    }
}
